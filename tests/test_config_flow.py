"""The config, options and reconfigure flows, against real commands."""

from __future__ import annotations

from pathlib import Path

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder import const
from custom_components.esphome_builder.const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    CONF_UPLOAD_JOBS,
    DOMAIN,
)
from custom_components.esphome_builder.jobs.job import JobAction, JobStatus

from .conftest import make_entry, setup_entry


def _input(
    folder: Path | str, command: str, compiles: int = 1, uploads: int = 2
) -> dict:
    return {
        CONF_CONFIGS_DIR: str(folder),
        CONF_ESPHOME_SOURCE: "command",
        CONF_ESPHOME_COMMAND: command,
        CONF_COMPILE_JOBS: compiles,
        CONF_UPLOAD_JOBS: uploads,
    }


async def _start_local(hass: HomeAssistant) -> ConfigFlowResult:
    """Start the setup and choose to build on this machine."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    if result["type"] is not FlowResultType.MENU:
        return result
    return await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "local"}
    )


def _defaults(result: ConfigFlowResult) -> dict[str, object]:
    """Return what the form is pre-filled with, by field."""
    assert result["data_schema"] is not None
    return {
        str(key): key.default()
        for key in result["data_schema"].schema
        if callable(getattr(key, "default", None))
    }


async def test_user_flow_creates_entry_and_folder(
    hass: HomeAssistant, tmp_path: Path, real_esphome: str
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    # The first step asks where builds run.
    assert result["type"] is FlowResultType.MENU
    assert result["step_id"] == "user"
    assert result["menu_options"] == ["local", "remote"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "local"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "local"
    folder = tmp_path / "new" / "esphome"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(folder, real_esphome, 2, 3)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result.get("errors")
    assert result["data"] == _input(folder, real_esphome, 2, 3)
    assert folder.is_dir()
    await hass.async_block_till_done()
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.settings.compile_jobs == 2


async def test_default_folder_is_inside_ha_config(hass: HomeAssistant) -> None:
    result = await _start_local(hass)
    defaults = _defaults(result)
    assert defaults[CONF_CONFIGS_DIR] == hass.config.path("esphome")
    assert defaults[CONF_COMPILE_JOBS] == 1
    assert defaults[CONF_UPLOAD_JOBS] == 2


async def test_folder_not_writable(
    hass: HomeAssistant, tmp_path: Path, fake_esphome: str
) -> None:
    a_file = tmp_path / "plain-file"
    a_file.write_text("x")
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(a_file / "sub", fake_esphome)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_CONFIGS_DIR: "folder_not_writable"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(a_file, fake_esphome)
    )
    assert result["errors"] == {CONF_CONFIGS_DIR: "folder_not_a_directory"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input("relative/path", fake_esphome)
    )
    assert result["errors"] == {CONF_CONFIGS_DIR: "folder_not_absolute"}


async def test_an_existing_folder_that_cannot_be_written_is_refused(
    hass: HomeAssistant, read_only_folder: Path, fake_esphome: str
) -> None:
    """Read-only for root too (see the fixture): this runs in CI, as root."""
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(read_only_folder, fake_esphome)
    )
    assert result["errors"] == {CONF_CONFIGS_DIR: "folder_not_writable"}


async def test_command_that_fails(hass: HomeAssistant, tmp_path: Path) -> None:
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, "/bin/false")
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_failed"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, str(tmp_path / "no-such-esphome"))
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_not_found"}
    assert "no-such-esphome" in (result["description_placeholders"] or {})["detail"]

    # A Python without ESPHome, in the `python -m esphome` form.
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, "/usr/bin/env python3 -I -m esphome")
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_failed"}
    assert (
        "No module named esphome"
        in (result["description_placeholders"] or {})["detail"]
    )

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, "'unterminated")
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_invalid"}


async def test_command_that_hangs(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(const, "VERSION_PROBE_TIMEOUT", 0.5)
    script = tmp_path / "hanging-esphome"
    script.write_text("#!/bin/sh\nsleep 60 &\nexec sleep 60\n")
    script.chmod(0o755)
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, str(script))
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_timeout"}
    # The hung probe and its child were killed with their group.
    import subprocess

    ps = subprocess.run(
        ["ps", "-eo", "args"], capture_output=True, text=True, check=True
    )
    assert str(script) not in ps.stdout


async def test_python_dash_m_form_accepted(
    hass: HomeAssistant, tmp_path: Path, real_esphome: str
) -> None:
    python = Path(real_esphome).with_name("python")
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path, f"{python} -m esphome")
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_single_entry_only(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> None:
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "single_instance_allowed"


async def test_options_flow_updates_and_reloads(
    hass: HomeAssistant, configs_dir: Path, tmp_path: Path, fake_esphome: str
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    first_runtime = entry.runtime_data
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "settings"}
    )
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _input(configs_dir, "/bin/false", 3, 4)
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_failed"}
    other = tmp_path / "other"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _input(other, fake_esphome, 3, 4)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data is not first_runtime
    assert entry.runtime_data.settings.configs_dir == other
    assert entry.runtime_data.settings.compile_jobs == 3
    assert entry.runtime_data.settings.upload_jobs == 4


async def test_reconfigure_flow(
    hass: HomeAssistant, configs_dir: Path, tmp_path: Path, fake_esphome: str
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path / "elsewhere", "/bin/false")
    )
    assert result["errors"] == {CONF_ESPHOME_COMMAND: "command_failed"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _input(tmp_path / "elsewhere", fake_esphome, 2, 2)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert entry.data[CONF_CONFIGS_DIR] == str(tmp_path / "elsewhere")
    assert entry.state is ConfigEntryState.LOADED
    assert entry.runtime_data.settings.compile_jobs == 2


async def test_managed_esphome_is_the_default_and_its_install_starts_on_load(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    result = await _start_local(hass)
    defaults = _defaults(result)
    assert defaults[CONF_ESPHOME_SOURCE] == "managed"
    folder = tmp_path / "managed-configs"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_CONFIGS_DIR: str(folder),
            CONF_ESPHOME_SOURCE: "managed",
            CONF_COMPILE_JOBS: 1,
            CONF_UPLOAD_JOBS: 2,
        },
    )
    # No command to probe: ESPHome is installed once the entry loads.
    assert result["type"] is FlowResultType.CREATE_ENTRY, result.get("errors")
    assert result["data"][CONF_ESPHOME_SOURCE] == "managed"
    await hass.async_block_till_done()
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.LOADED
    manager = entry.runtime_data.manager
    setups = [job for job in manager.jobs() if job.action is JobAction.SETUP]
    assert [job.configuration for job in setups] == ["esphome"]
    await manager.async_cancel(setups[0].job_id)
    assert setups[0].status is JobStatus.CANCELLED

    # The options pin a global version; anything but a release is refused.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "settings"}
    )
    form = {
        CONF_CONFIGS_DIR: str(folder),
        CONF_ESPHOME_SOURCE: "managed",
        CONF_COMPILE_JOBS: 1,
        CONF_UPLOAD_JOBS: 2,
        CONF_ESPHOME_VERSION: "--index-url=http://evil",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["errors"] == {CONF_ESPHOME_VERSION: "invalid_version"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form | {CONF_ESPHOME_VERSION: "2026.10.0"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    managed = entry.runtime_data.managed
    assert managed is not None
    assert managed.default == "2026.10.0"
    setups = [
        j for j in entry.runtime_data.manager.jobs() if j.action is JobAction.SETUP
    ]
    # Newest first: the pinned version's install, after the cancelled one.
    assert [job.configuration for job in setups] == ["esphome==2026.10.0", "esphome"]
    await entry.runtime_data.manager.async_cancel(setups[0].job_id)


async def test_options_show_the_compile_cache_and_clear_it(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    """A managed entry's cache: its size and hit rate, and a clear that empties it."""
    root = Path(hass.config.path(".esphome_builder"))
    version = root / "esphome" / "2026.5.0" / "bin" / "python"
    version.parent.mkdir(parents=True)
    version.write_text("#!/bin/sh\necho 'Version: 2026.5.0'\n")
    version.chmod(0o755)
    cached = root / "cache" / "ccache" / "a" / "object.o"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"x" * 3 * 1024 * 1024)
    entry = await setup_entry(
        hass,
        MockConfigEntry(
            domain=DOMAIN,
            data={
                CONF_CONFIGS_DIR: str(tmp_path),
                CONF_ESPHOME_SOURCE: "managed",
                CONF_ESPHOME_VERSION: "2026.5.0",
                CONF_COMPILE_JOBS: 1,
                CONF_UPLOAD_JOBS: 2,
            },
        ),
    )
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert "compile_cache" in result["menu_options"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "compile_cache"}
    )
    assert result["type"] is FlowResultType.FORM
    placeholders = result["description_placeholders"]
    assert placeholders is not None
    assert placeholders["size"] == "3.0 MB"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cache_cleared"
    assert not cached.exists()
    # Clearing is no settings change: the entry did not reload.
    assert entry.state is ConfigEntryState.LOADED
