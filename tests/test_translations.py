"""Every key the code raises or shows has its English text, in both files."""

from __future__ import annotations

import json
from pathlib import Path
import re

import yaml

from custom_components.esphome_builder.devices import ConfigurationError

PACKAGE = Path(__file__).parent.parent / "custom_components" / "esphome_builder"
STRINGS = json.loads((PACKAGE / "strings.json").read_text())

_EXCEPTION_KEY = re.compile(
    r'(?:translation_key=|_error\(|_message\()"([a-z_]+)"', re.MULTILINE
)


def test_english_translation_equals_strings() -> None:
    assert json.loads((PACKAGE / "translations" / "en.json").read_text()) == STRINGS


def test_raised_exception_keys_have_messages() -> None:
    exceptions = STRINGS["exceptions"]
    # translation_key= also names entities and selectors.
    named = {key for platform in STRINGS["entity"].values() for key in platform}
    named |= set(STRINGS.get("selector", {}))
    used = set()
    for source in PACKAGE.rglob("*.py"):
        used |= set(_EXCEPTION_KEY.findall(source.read_text()))
    missing = sorted(used - set(exceptions) - named)
    assert not missing, f"exception keys without a message: {missing}"
    # The engine's configuration refusals are translated too.
    for key in ("invalid_configuration", "path_escape", "unknown_configuration"):
        assert ConfigurationError(key, "x").translation_key in exceptions


def test_every_service_and_field_is_named() -> None:
    services = yaml.safe_load((PACKAGE / "services.yaml").read_text())
    icons = json.loads((PACKAGE / "icons.json").read_text())["services"]
    for service, spec in services.items():
        text = STRINGS["services"][service]
        assert text["name"]
        assert text["description"]
        assert service in icons
        for field in (spec or {}).get("fields", {}):
            assert text["fields"][field]["name"], (service, field)
