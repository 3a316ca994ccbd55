"""Managed ESPHome's rules: which versions stay, what input is refused, in what is refused.

Installed versions here are folders whose ``bin/python`` is a real program
that answers ``-m esphome version``; the installs themselves are real in
test_managed_esphome.py.
"""

from __future__ import annotations

from pathlib import Path
import sys

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError, Unauthorized
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_KEEP,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    CONF_UPLOAD_JOBS,
    DOMAIN,
)
from custom_components.esphome_builder.diagnostics import (
    async_get_config_entry_diagnostics,
)
from custom_components.esphome_builder.jobs.job import JobAction, JobStatus

from .conftest import setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

VERSIONS = ["2026.1.0", "2026.2.0", "2026.3.0", "2026.4.0", "2026.5.0"]
FAKE_PYTHON = f"""#!{sys.executable}
import sys
if sys.argv[1:3] == ["-m", "esphome"] and sys.argv[3:] == ["version"]:
    print("Version: {{version}}")
    sys.exit(0)
sys.exit(3)
"""


def install_fakes(hass: HomeAssistant, versions: list[str]) -> Path:
    root = Path(hass.config.path(".esphome_builder", "esphome"))
    for version in versions:
        python = root / version / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text(FAKE_PYTHON.replace("{version}", version))
        python.chmod(0o755)
    return root


def entry_for(configs_dir: Path, **options: object) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        title="ESPHome Builder",
        data={
            CONF_CONFIGS_DIR: str(configs_dir),
            CONF_ESPHOME_SOURCE: "managed",
            CONF_COMPILE_JOBS: 1,
            CONF_UPLOAD_JOBS: 2,
            **options,
        },
    )


async def test_eviction_keeps_pins_the_default_and_versions_in_use(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    root = install_fakes(hass, VERSIONS)
    # A crash mid-install left a staging folder: it goes at the next start.
    (root / ".partial-crashed" / "bin").mkdir(parents=True)
    (configs_dir / "a.yaml").write_text("esphome:\n  name: a\nhost:\n")
    entry = await setup_entry(
        hass,
        entry_for(
            configs_dir, **{CONF_ESPHOME_VERSION: "2026.5.0", CONF_ESPHOME_KEEP: 2}
        ),
    )
    managed = entry.runtime_data.managed
    assert managed is not None
    assert not (root / ".partial-crashed").exists()
    # The default is installed: nothing to install at load.
    assert not [
        j for j in entry.runtime_data.manager.jobs() if j.action is JobAction.SETUP
    ]
    assert managed.installed == VERSIONS

    await managed.async_pin("a.yaml", "2026.1.0")
    release = managed.async_use("2026.2.0")
    assert await managed.async_evict() == ["2026.3.0", "2026.4.0"]
    assert sorted(p.name for p in root.iterdir()) == [
        "2026.1.0",
        "2026.2.0",
        "2026.5.0",
    ]

    # Once no job uses it, the version in use goes too: the pin and the
    # default stay even beyond the limit.
    release()
    assert await managed.async_evict() == ["2026.2.0"]
    assert managed.installed == ["2026.1.0", "2026.5.0"]
    assert await managed.async_evict() == []


async def test_the_least_recently_used_version_goes_first(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    install_fakes(hass, VERSIONS[:3])
    entry = await setup_entry(
        hass,
        entry_for(
            configs_dir, **{CONF_ESPHOME_VERSION: "2026.3.0", CONF_ESPHOME_KEEP: 2}
        ),
    )
    managed = entry.runtime_data.managed
    assert managed is not None
    managed.async_use("2026.1.0")()
    assert await managed.async_evict() == ["2026.2.0"]


async def test_versions_and_pins_refuse_bad_input_with_translated_errors(
    hass: HomeAssistant,
    configs_dir: Path,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
) -> None:
    install_fakes(hass, ["2026.5.0"])
    (configs_dir / "a.yaml").write_text("esphome:\n  name: a\nhost:\n")
    entry = await setup_entry(
        hass, entry_for(configs_dir, **{CONF_ESPHOME_VERSION: "2026.5.0"})
    )
    manager = entry.runtime_data.manager
    client = await hass_ws_client(hass)

    async def ws(**msg: object) -> dict:
        await client.send_json_auto_id(msg)
        return await client.receive_json()

    for version in ("--index-url=http://evil", "2026.5.0; rm -rf /", "latest", "1"):
        reply = await ws(type=f"{DOMAIN}/esphome/install", version=version)
        assert not reply["success"]
        assert reply["error"]["translation_key"] == "invalid_version", reply
        reply = await ws(
            type=f"{DOMAIN}/esphome/pin", configuration="a.yaml", version=version
        )
        assert reply["error"]["translation_key"] == "invalid_version", reply
    reply = await ws(
        type=f"{DOMAIN}/esphome/pin", configuration="../a.yaml", version="2026.5.0"
    )
    assert reply["error"]["translation_key"] == "invalid_configuration", reply
    reply = await ws(
        type=f"{DOMAIN}/esphome/pin", configuration="gone.yaml", version="2026.5.0"
    )
    assert reply["error"]["code"] == "not_found", reply
    # An install starts only through its own command and service.
    reply = await ws(
        type=f"{DOMAIN}/jobs/start", action="setup", configuration="esphome==2026.5.0"
    )
    assert reply["error"]["code"] == "invalid_format", reply
    assert not [j for j in manager.jobs() if j.action is JobAction.SETUP]

    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "pin_version",
            {"configuration": "a.yaml", "version": "x; y"},
            blocking=True,
            return_response=True,
        )
    assert err.value.translation_key == "invalid_version"
    response = await hass.services.async_call(
        DOMAIN,
        "pin_version",
        {"configuration": "a.yaml", "version": "2026.5.0"},
        blocking=True,
        return_response=True,
    )
    assert response == {"pins": {"a.yaml": "2026.5.0"}}
    response = await hass.services.async_call(
        DOMAIN,
        "pin_version",
        {"configuration": "a.yaml"},
        blocking=True,
        return_response=True,
    )
    assert response == {"pins": {}}

    # Only an admin installs software or pins what builds it.
    hass_admin_user.groups = []
    reply = await ws(type=f"{DOMAIN}/esphome/install")
    assert reply["error"]["code"] == "unauthorized"
    reply = await ws(type=f"{DOMAIN}/esphome/versions")
    assert reply["error"]["code"] == "unauthorized"
    from homeassistant.core import Context

    for service, data in (
        ("install_esphome", {}),
        ("pin_version", {"configuration": "a.yaml", "version": "2026.5.0"}),
    ):
        with pytest.raises(Unauthorized):
            await hass.services.async_call(
                DOMAIN,
                service,
                data,
                blocking=True,
                return_response=True,
                context=Context(user_id=hass_admin_user.id),
            )
    assert not [j for j in manager.jobs() if j.action is JobAction.SETUP]
    assert entry.runtime_data.managed is not None
    assert entry.runtime_data.managed.pins == {}


async def test_diagnostics_report_versions_and_the_compile_cache(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    install_fakes(hass, ["2026.5.0"])
    entry = await setup_entry(
        hass, entry_for(configs_dir, **{CONF_ESPHOME_VERSION: "2026.5.0"})
    )
    found = await async_get_config_entry_diagnostics(hass, entry)
    summary = found["managed_esphome"]
    assert summary["enabled"] is True
    assert summary["default"] == "2026.5.0"
    assert summary["installed"] == ["2026.5.0"]
    cache = summary["compile_cache"]
    # No path of the config folder in it; a bool for whether ccache is there.
    assert isinstance(cache["ccache"], bool)
    assert str(hass.config.config_dir) not in repr(summary)


async def test_a_failed_install_opens_a_repair_issue_whose_fix_installs_again(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    """A release that does not exist: the install fails, and Repairs says why."""
    assert await async_setup_component(hass, "repairs", {})
    entry = await setup_entry(
        hass, entry_for(configs_dir, **{CONF_ESPHOME_VERSION: "2026.10.99"})
    )
    manager = entry.runtime_data.manager
    first = next(j for j in manager.jobs() if j.action is JobAction.SETUP)
    await manager.async_wait(first.job_id)
    assert first.status is JobStatus.FAILED
    assert first.error == (
        "Installing ESPHome 2026.10.99 failed (exit code 1): see the job's log"
    )
    assert any("2026.10.99" in line for line in first.output())
    await hass.async_block_till_done()
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "managed_install_failed")
    assert issue is not None
    assert issue.translation_placeholders == {
        "version": "2026.10.99",
        "error": first.error,
        "job_id": first.job_id,
    }
    root = Path(hass.config.path(".esphome_builder", "esphome"))
    assert [p.name for p in root.iterdir()] == []

    from homeassistant.components.repairs import repairs_flow_manager

    flows = repairs_flow_manager(hass)
    assert flows is not None
    result = await flows.async_init(DOMAIN, data={"issue_id": "managed_install_failed"})
    assert result["type"] == "form"
    result = await flows.async_configure(result["flow_id"], {})
    assert result["type"] == "create_entry"
    again = next(j for j in manager.jobs() if j.action is JobAction.SETUP)
    assert again.job_id != first.job_id
    assert again.configuration == "esphome==2026.10.99"
    await manager.async_wait(again.job_id)
    assert again.status is JobStatus.FAILED
    await hass.async_block_till_done()
    # Failed again: the issue is back, naming the newer job.
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "managed_install_failed")
    assert issue is not None
    assert (issue.translation_placeholders or {})["job_id"] == again.job_id
