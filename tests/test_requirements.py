"""The pinned requirements of HA's esphome integration are installed as its manifests say.

Home Assistant never pip-installs at start-up in this suite, so the packages HA's
esphome integration (and what it forwards to) needs are listed per leg in
requirements/<leg>/ha_esphome.txt. This test keeps that list equal to the manifests
of the Home Assistant that runs it, and to what is installed.
"""

from __future__ import annotations

from importlib import metadata
import json
from pathlib import Path

from homeassistant.const import __version__ as HA_VERSION

from tests.conftest import ROOT

HA_COMPONENTS = Path(__import__("homeassistant.components").components.__path__[0])


def test_requirements_match_ha_esphome_manifests() -> None:
    """Everything HA's esphome integration and its dependencies need is installed,
    at the manifests' pins: HA never pip-installs at start-up."""
    # The leg whose test requirements pin the Home Assistant that runs this test.
    legs = [
        folder
        for folder in (ROOT / "requirements").iterdir()
        if folder.is_dir()
        and f"homeassistant=={HA_VERSION}\n" in (folder / "test.txt").read_text()
    ]
    assert len(legs) == 1, f"no requirements/<leg> pins homeassistant=={HA_VERSION}"
    installed = {}
    for line in (legs[0] / "ha_esphome.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            installed[name] = version
    needed: dict[str, str] = {}
    # HA's esphome integration, its dependencies, and the entity platforms it
    # forwards (esphome/<platform>.py): HA imports each of those at start-up,
    # and the frontend's service list imports camera's base component.
    platforms = sorted(
        path.stem
        for path in (HA_COMPONENTS / "esphome").glob("*.py")
        if (HA_COMPONENTS / path.stem / "manifest.json").exists()
    )
    todo, seen = ["esphome", *platforms], set()
    while todo:
        domain = todo.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = json.loads((HA_COMPONENTS / domain / "manifest.json").read_text())
        todo.extend(manifest.get("dependencies", []))
        for requirement in manifest.get("requirements", []):
            name, _, version = requirement.partition("==")
            needed[name] = version
    assert needed == installed
    assert {name: metadata.version(name) for name in needed} == needed
