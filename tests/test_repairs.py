"""The repair issue for an ESPHome command that cannot run: created, then cleared."""

from __future__ import annotations

from collections.abc import Callable
import os
from pathlib import Path

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.esphome_builder.const import CONF_ESPHOME_SOURCE, DOMAIN
from custom_components.esphome_builder.health import (
    ISSUE_ID,
    REPROBE_INTERVAL,
    install_advice,
)
from custom_components.esphome_builder.jobs.job import JobAction, JobStatus

from .conftest import make_entry, setup_entry
from .job_helpers import wait_for

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

BROKEN = (
    "#!/bin/sh\n"
    "echo 'Traceback (most recent call last):'\n"
    "echo \"ModuleNotFoundError: No module named 'esphome'\"\n"
    "exit 1\n"
)


@pytest.fixture
def broken_esphome(tmp_path: Path) -> Path:
    """An `esphome` in a venv-like bin/ that lacks the esphome package."""
    script = tmp_path / "venv" / "bin" / "esphome"
    script.parent.mkdir(parents=True)
    script.write_text(BROKEN)
    script.chmod(0o755)
    return script


def _issue(hass: HomeAssistant) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, ISSUE_ID)


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state.state


async def test_unrunnable_command_opens_issue_until_a_probe_works(
    hass: HomeAssistant,
    configs_dir: Path,
    broken_esphome: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(str(broken_esphome), configs_dir))
    # The entry still loads: the issue, not a setup error, says what to do.
    assert entry.state is ConfigEntryState.LOADED
    issue = _issue(hass)
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.ERROR
    assert issue.is_fixable
    assert issue.translation_key == ISSUE_ID
    placeholders = issue.translation_placeholders or {}
    assert placeholders["command"] == str(broken_esphome)
    assert "No module named 'esphome'" in placeholders["detail"]
    assert placeholders["install"] == (
        f"{broken_esphome.parent / 'python'} -m pip install esphome"
    )
    assert _state(hass, "sensor.esphome_builder_esphome_version") == "unknown"

    # Installing ESPHome there: the next periodic probe notices and clears it.
    broken_esphome.write_text(Path(fake_esphome).read_text())
    async_fire_time_changed(hass, dt_util.utcnow() + REPROBE_INTERVAL)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert _issue(hass) is None
    assert _state(hass, "sensor.esphome_builder_esphome_version") == "2026.10.0"
    update = hass.states.get("update.kitchen_firmware")
    assert update is not None
    assert update.attributes["latest_version"] == "2026.10.0"


async def test_job_with_install_hint_opens_issue_and_a_later_job_clears_it(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    nomodule = write_config("nomodule.yaml", fake="nomodule")
    dashboard = write_config("dashboard.yaml", fake="nomodule_dashboard")
    ok = write_config("ok.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    assert _issue(hass) is None
    # esphome_dashboard missing is another problem: no issue for it.
    await manager.async_wait(
        (await manager.async_start_job("compile", dashboard)).job_id
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert _issue(hass) is None

    job = await manager.async_wait(
        (await manager.async_start_job("compile", nomodule)).job_id
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert job.status is JobStatus.FAILED
    issue = _issue(hass)
    assert issue is not None
    assert (
        "compile job of nomodule.yaml"
        in (issue.translation_placeholders or {})["detail"]
    )

    await manager.async_wait((await manager.async_start_job("validate", ok)).job_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert _issue(hass) is None


async def test_fix_flow_checks_again(
    hass: HomeAssistant,
    configs_dir: Path,
    broken_esphome: Path,
    fake_esphome: str,
) -> None:
    assert await async_setup_component(hass, "repairs", {})
    await setup_entry(hass, make_entry(str(broken_esphome), configs_dir))
    from homeassistant.components.repairs import repairs_flow_manager

    flows = repairs_flow_manager(hass)
    assert flows is not None
    result = await flows.async_init(DOMAIN, data={"issue_id": ISSUE_ID})
    # Two ways out: managed ESPHome, or a check once it is installed by hand.
    assert result["type"] == "menu"
    assert result["menu_options"] == ["install_managed", "confirm"]
    assert result["description_placeholders"]["command"] == str(broken_esphome)  # type: ignore[index]
    result = await flows.async_configure(result["flow_id"], {"next_step_id": "confirm"})
    assert result["type"] == "form"
    assert result["step_id"] == "confirm"
    result = await flows.async_configure(result["flow_id"], {})
    assert result["type"] == "form"
    assert result["errors"] == {"base": "still_failing"}
    assert _issue(hass) is not None

    broken_esphome.write_text(Path(fake_esphome).read_text())
    result = await flows.async_configure(result["flow_id"], {})
    assert result["type"] == "create_entry"
    assert _issue(hass) is None


async def test_command_missing_at_setup_opens_issue(
    hass: HomeAssistant, configs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(configs_dir))
    entry = make_entry("", configs_dir)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    issue = _issue(hass)
    assert issue is not None
    assert (issue.translation_placeholders or {})["install"] == "pip install esphome"
    # Removing the entry takes its issue along.
    assert await hass.config_entries.async_remove(entry.entry_id)
    assert _issue(hass) is None


async def test_fix_flow_switches_to_managed_esphome_and_starts_its_install(
    hass: HomeAssistant, configs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command is missing, so the entry cannot load; the fix installs ESPHome."""
    assert await async_setup_component(hass, "repairs", {})
    monkeypatch.setenv("PATH", f"{configs_dir}{os.pathsep}/usr/bin:/bin")
    entry = make_entry("", configs_dir)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert _issue(hass) is not None
    from homeassistant.components.repairs import repairs_flow_manager

    flows = repairs_flow_manager(hass)
    assert flows is not None
    result = await flows.async_init(DOMAIN, data={"issue_id": ISSUE_ID})
    result = await flows.async_configure(
        result["flow_id"], {"next_step_id": "install_managed"}
    )
    assert result["type"] == "create_entry"
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.options[CONF_ESPHOME_SOURCE] == "managed"
    assert _issue(hass) is None
    manager = entry.runtime_data.manager
    setups = [job for job in manager.jobs() if job.action is JobAction.SETUP]
    # The newest release, as a job with a live log: the user watches it.
    assert [job.configuration for job in setups] == ["esphome"]
    await wait_for(lambda: bool(setups[0].output()), "the install's first line")
    assert "Creating a virtual environment" in setups[0].output()[0]
    await manager.async_cancel(setups[0].job_id)
    assert setups[0].status is JobStatus.CANCELLED
    assert await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        (
            ["/opt/py/bin/python3", "-m", "esphome"],
            "/opt/py/bin/python3 -m pip install esphome",
        ),
        (
            ["/srv/esphome venv/bin/esphome"],
            "'/srv/esphome venv/bin/python' -m pip install esphome",
        ),
        (["esphome"], "pip install esphome"),
        (None, "pip install esphome"),
    ],
)
def test_install_advice_uses_the_pip_of_the_configured_python(
    command: list[str] | None, advice: str
) -> None:
    assert install_advice(command) == advice
