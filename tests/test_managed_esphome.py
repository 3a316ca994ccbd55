"""Managed ESPHome: real releases installed by setup jobs, pins, builds with them.

The installs are real: uv (HA's own) builds a venv with HA's Python and
installs ``esphome==<version>`` from the package index this machine reaches,
through the project's uv cache. The builds compile real ``host:`` programs.
"""

from __future__ import annotations

from pathlib import Path
import re

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    CONF_UPLOAD_JOBS,
    DOMAIN,
)
from custom_components.esphome_builder.jobs.job import JobAction, JobStatus

from .conftest import setup_entry
from .job_helpers import wait_for
from .test_real_builds import HOST_YAML

pytestmark = [pytest.mark.esphome, pytest.mark.usefixtures("no_leftover_processes")]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The release .venv-esphome has (its wheels are in the uv cache after setup),
# and a second real release for a pin. Not a 2026.9 one: those build host:
# programs through PlatformIO, which fetches its "native" platform from a
# registry this machine cannot reach; the 2026.10 betas build like 2026.10.0.
DEFAULT_VERSION = "2026.10.0"
PINNED_VERSION = "2026.10.0b1"


def managed_entry(configs_dir: Path, version: str | None) -> MockConfigEntry:
    """An entry whose local builds run managed ESPHome."""
    data = {
        CONF_CONFIGS_DIR: str(configs_dir),
        CONF_ESPHOME_SOURCE: "managed",
        CONF_COMPILE_JOBS: 1,
        CONF_UPLOAD_JOBS: 2,
    }
    if version is not None:
        data[CONF_ESPHOME_VERSION] = version
    return MockConfigEntry(domain=DOMAIN, title="ESPHome Builder", data=data)


def versions_root(hass: HomeAssistant) -> Path:
    return Path(hass.config.path(".esphome_builder", "esphome"))


async def test_setup_job_installs_a_release_and_builds_use_it_and_pins(
    hass: HomeAssistant,
    configs_dir: Path,
    hass_ws_client: WebSocketGenerator,
) -> None:
    (configs_dir / "plain.yaml").write_text(HOST_YAML.format(name="plain"))
    (configs_dir / "pinned.yaml").write_text(HOST_YAML.format(name="pinned"))
    entry = await setup_entry(hass, managed_entry(configs_dir, DEFAULT_VERSION))
    manager = entry.runtime_data.manager

    # Nothing was installed: loading the entry started the install.
    setups = [job for job in manager.jobs() if job.action is JobAction.SETUP]
    assert [job.configuration for job in setups] == [f"esphome=={DEFAULT_VERSION}"]
    setup = setups[0]
    # A follower's way: the history, then the live lines, with no await between.
    live: list[str] = list(setup.output())
    unsub = manager.async_listen_output(setup.job_id, live.extend)
    await manager.async_wait(setup.job_id)
    unsub()
    assert setup.status is JobStatus.COMPLETED, setup.output()[-20:]
    assert setup.esphome_version == DEFAULT_VERSION
    text = ANSI.sub("", "\n".join(live))
    # The live log: our steps and the installer's own lines, in order.
    created = text.index("Creating a virtual environment")
    installed = text.index(f"+ esphome=={DEFAULT_VERSION}")
    done = text.index(f"ESPHome {DEFAULT_VERSION} is installed")
    assert created < installed < done
    root = versions_root(hass)
    assert (root / DEFAULT_VERSION / "bin" / "python").exists()
    assert (root / DEFAULT_VERSION / "bin" / "ccache").exists()
    assert not [p.name for p in root.iterdir() if p.name.startswith(".partial-")]

    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/esphome/pin",
            "configuration": "pinned.yaml",
            "version": PINNED_VERSION,
        }
    )
    reply = await client.receive_json()
    assert reply["success"], reply
    assert reply["result"] == {"pins": {"pinned.yaml": PINNED_VERSION}}

    plain = await manager.async_start_job("compile", "plain.yaml")
    pinned = await manager.async_start_job("compile", "pinned.yaml")
    await manager.async_wait(plain.job_id)
    await manager.async_wait(pinned.job_id)
    assert plain.status is JobStatus.COMPLETED, plain.output()[-20:]
    assert pinned.status is JobStatus.COMPLETED, pinned.output()[-20:]
    assert plain.esphome_version == DEFAULT_VERSION
    assert pinned.esphome_version == PINNED_VERSION
    assert plain.as_dict()["esphome_version"] == DEFAULT_VERSION
    assert pinned.as_dict()["esphome_version"] == PINNED_VERSION
    plain_out = "\n".join(plain.output())
    pinned_out = "\n".join(pinned.output())
    assert f"ESPHome {DEFAULT_VERSION} (managed)" in plain_out
    assert f"ESPHome {PINNED_VERSION} (pinned)" in pinned_out
    # The pinned build waited for its version's install, a setup job of its own.
    pin_setup = next(
        job
        for job in manager.jobs()
        if job.action is JobAction.SETUP
        and job.configuration == f"esphome=={PINNED_VERSION}"
    )
    assert pin_setup.status is JobStatus.COMPLETED
    assert f"to be installed (job {pin_setup.job_id})" in pinned_out
    # Each program was built by the ESPHome it names.
    for config, version in (("plain", DEFAULT_VERSION), ("pinned", PINNED_VERSION)):
        build = configs_dir / ".esphome" / "build" / config
        program = build / ".pioenvs" / config / "program"
        assert program.is_file(), config
        assert version.encode() in program.read_bytes()

    await client.send_json_auto_id({"type": f"{DOMAIN}/esphome/versions"})
    reply = await client.receive_json()
    assert reply["result"] == {
        "default": DEFAULT_VERSION,
        "installed": [PINNED_VERSION, DEFAULT_VERSION],
        "pins": {"pinned.yaml": PINNED_VERSION},
        "exact": [],
        "managed": True,
    }


async def test_a_cancelled_install_leaves_nothing_usable_and_the_next_succeeds(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    entry = await setup_entry(hass, managed_entry(configs_dir, PINNED_VERSION))
    manager = entry.runtime_data.manager
    managed = entry.runtime_data.managed
    assert managed is not None
    first = next(job for job in manager.jobs() if job.action is JobAction.SETUP)
    root = versions_root(hass)

    def staged() -> list[str]:
        return [p.name for p in root.iterdir() if p.name.startswith(".partial-")]

    # Cancelled while the installer writes packages into the staging venv.
    await wait_for(
        lambda: bool(staged()) and any("pip" in line for line in first.output()),
        "the installer to start",
        timeout=60,
    )
    await manager.async_cancel(first.job_id)
    assert first.status is JobStatus.CANCELLED
    assert staged() == []
    assert not (root / PINNED_VERSION).exists()
    await managed.async_rescan()
    assert managed.installed == []
    assert managed.default == PINNED_VERSION  # pinned, not yet installed

    second = await managed.async_install(PINNED_VERSION)
    assert second.job_id != first.job_id
    await manager.async_wait(second.job_id)
    assert second.status is JobStatus.COMPLETED, second.output()[-20:]
    assert managed.installed == [PINNED_VERSION]
    assert staged() == []
