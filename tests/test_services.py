"""Services with response data, their errors, and an automation on the bus events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator
import voluptuous as vol

from custom_components.esphome_builder.const import DOMAIN, EVENT_JOB_FAILED
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager
from custom_components.esphome_builder.services import JOB_SERVICES, OUTPUT_TAIL

from .conftest import make_entry, own_device, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


@pytest.fixture
async def entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> MockConfigEntry:
    return await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2)
    )


def _manager(entry: MockConfigEntry) -> JobManager:
    return entry.runtime_data.manager


async def _call(
    hass: HomeAssistant, service: str, response: bool = True, **data: Any
) -> Any:
    return await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=response
    )


async def test_every_job_service_without_wait(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    config = write_config("kitchen.yaml", fake="exit 0")
    for action in JOB_SERVICES:
        result = await _call(hass, str(action), configuration=config)
        assert result == {
            "job_id": result["job_id"],
            "status": "queued",
            "exit_code": None,
        }
        job = await _manager(entry).async_wait(result["job_id"])
        assert job.action == action
        assert job.status is JobStatus.COMPLETED
    # Without asking for a response the call still starts the job.
    assert await _call(hass, "validate", response=False, configuration=config) is None
    assert len(_manager(entry).jobs()) == len(JOB_SERVICES) + 1
    for job in _manager(entry).active_jobs():
        await _manager(entry).async_wait(job.job_id)


async def test_every_job_service_with_wait(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    config = write_config("kitchen.yaml", fake="exit 0")
    for action in JOB_SERVICES:
        result = await _call(
            hass, str(action), configuration=config, wait=True, timeout=30
        )
        assert result == {
            "job_id": result["job_id"],
            "status": "completed",
            "exit_code": 0,
        }
    upload = _manager(entry).get(
        (
            await _call(
                hass, "upload", configuration=config, device="10.0.0.7", wait=True
            )
        )["job_id"]
    )
    assert upload.device == "10.0.0.7"
    assert upload.output() == [f"fake upload {config} exit"]


async def test_wait_for_failed_job_returns_error_and_tail(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    config = write_config("broken.yaml", fake="floodexit 50")
    result = await _call(hass, "compile", configuration=config, wait=True)
    assert result["status"] == "failed"
    assert result["exit_code"] == 4
    assert result["error"] == "ESPHome exited with code 4"
    assert result["output"] == [f"line {n}" for n in range(50 - OUTPUT_TAIL, 50)]
    # A script step that waits without keeping the response stops on failure.
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "compile", response=False, configuration=config, wait=True)
    assert err.value.translation_key == "job_failed"
    assert "ESPHome exited with code 4" in str(err.value)


async def test_wait_timeout_leaves_the_job_running(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    config = write_config("slow.yaml", fake="sleep 30")
    with pytest.raises(HomeAssistantError) as err:
        await _call(hass, "compile", configuration=config, wait=True, timeout=0.3)
    assert err.value.translation_key == "job_timeout"
    assert not isinstance(err.value, ServiceValidationError)
    [job] = _manager(entry).active_jobs()
    assert job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    result = await _call(hass, "cancel", job_id=job.job_id)
    assert result == {"job_id": job.job_id, "status": "cancelled", "exit_code": None}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"configuration": "missing.yaml"}, "unknown_configuration"),
        ({"configuration": "../outside.yaml"}, "invalid_configuration"),
        ({"configuration": "escape.yaml"}, "path_escape"),
        ({"configuration": "kitchen.yaml", "device": "--help"}, "invalid_device"),
        ({"device_id": "no-such-device"}, "unknown_device"),
    ],
)
async def test_bad_job_service_calls_raise_translated_validation_errors(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    write_config: Callable[..., str],
    configs_dir: Path,
    tmp_path: Path,
    data: dict[str, str],
    key: str,
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    outside = tmp_path / "outside.yaml"
    outside.write_text("esphome:\n  name: outside\n")
    (configs_dir / "escape.yaml").symlink_to(outside)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "install", data, blocking=True, return_response=True
        )
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == key
    assert not _manager(entry).jobs()


async def test_schema_needs_exactly_one_target(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    with pytest.raises(vol.Invalid):
        await _call(hass, "compile")
    with pytest.raises(vol.Invalid):
        await _call(hass, "compile", configuration="kitchen.yaml", device_id="x")
    with pytest.raises(vol.Invalid):
        await _call(hass, "cancel")


async def test_services_exist_without_an_entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> None:
    assert await async_setup_component(hass, DOMAIN, {})
    for service in (*map(str, JOB_SERVICES), "cancel"):
        assert hass.services.has_service(DOMAIN, service)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "compile", configuration="kitchen.yaml")
    assert err.value.translation_key == "not_loaded"
    # After an unload the services stay and answer the same way.
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    assert await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "cancel", job_id="x")
    assert err.value.translation_key == "not_loaded"


async def test_device_id_of_ours_and_of_the_esphome_integration(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    device_registry: dr.DeviceRegistry,
) -> None:
    esphome_entry = MockConfigEntry(
        domain="esphome",
        data={"host": "192.168.1.20", "device_name": "garage"},
        unique_id="11:22:33:44:55:66",
    )
    esphome_entry.add_to_hass(hass)
    node = device_registry.async_get_or_create(
        config_entry_id=esphome_entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, "11:22:33:44:55:66")},
        name="Garage",
    )
    write_config("kitchen.yaml", fake="exit 0")
    write_config("garage.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    ours = own_device(hass, entry, "kitchen.yaml")
    assert ours is not None
    result = await _call(hass, "validate", device_id=ours.id, wait=True)
    assert _manager(entry).get(result["job_id"]).configuration == "kitchen.yaml"
    result = await _call(hass, "validate", device_id=node.id, wait=True)
    assert _manager(entry).get(result["job_id"]).configuration == "garage.yaml"
    # A device of some other integration has no configuration.
    other_entry = MockConfigEntry(domain="demo")
    other_entry.add_to_hass(hass)
    other = device_registry.async_get_or_create(
        config_entry_id=other_entry.entry_id, identifiers={("demo", "kitchen.yaml")}
    )
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "validate", device_id=other.id)
    assert err.value.translation_key == "unknown_device"


async def test_cancel_by_job_id_and_by_configuration(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    ticker = write_config("ticker.yaml", fake="ticker 0.05")
    first = await _call(hass, "compile", configuration=ticker)
    result = await _call(hass, "cancel", job_id=first["job_id"])
    assert result == {
        "job_id": first["job_id"],
        "status": "cancelled",
        "exit_code": None,
    }
    # Cancelling a finished job changes nothing and says so.
    assert (await _call(hass, "cancel", job_id=first["job_id"]))[
        "status"
    ] == "cancelled"

    compile_job = await _call(hass, "compile", configuration=ticker)
    validate_job = await _call(hass, "validate", configuration=ticker)
    result = await _call(hass, "cancel", configuration=ticker)
    assert result["job_id"] == validate_job["job_id"]
    assert result["status"] == "cancelled"
    assert set(result["cancelled_jobs"]) == {
        compile_job["job_id"],
        validate_job["job_id"],
    }
    assert not _manager(entry).active_jobs()

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "cancel", job_id="01unknown")
    assert err.value.translation_key == "unknown_job"
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "cancel", configuration=ticker)
    assert err.value.translation_key == "no_active_job"


async def test_automation_from_yaml_fires_on_job_failed(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    """The README's "nightly install failed" automation, with an event as its action."""
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Nightly install failed",
                "triggers": {
                    "trigger": "event",
                    "event_type": EVENT_JOB_FAILED,
                    "event_data": {"action": "install"},
                },
                "actions": {
                    "event": "test_install_failed",
                    "event_data": {
                        "message": "{{ trigger.event.data.configuration }} failed "
                        "with exit code {{ trigger.event.data.exit_code }}",
                        "job_id": "{{ trigger.event.data.job_id }}",
                    },
                },
            }
        },
    )
    fired: list[Event] = []
    hass.bus.async_listen(
        "test_install_failed", callback(lambda event: fired.append(event))
    )
    good = write_config("good.yaml", fake="exit 0")
    bad = write_config("bad.yaml", fake="exit 3")
    await _call(hass, "install", configuration=good, wait=True)
    await _call(hass, "validate", configuration=bad, wait=True)
    await hass.async_block_till_done()
    assert fired == []  # a completed install and a failed validate do not count
    result = await _call(hass, "install", configuration=bad, wait=True)
    await hass.async_block_till_done()
    assert [event.data for event in fired] == [
        {"message": "bad.yaml failed with exit code 3", "job_id": result["job_id"]}
    ]


async def test_services_are_admin_only(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    write_config: Callable[..., str],
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
    hass_admin_user: MockUser,
) -> None:
    """A plain user reaches no service through call_service; an admin does."""
    config = write_config("kitchen.yaml", fake="exit 0")
    user = await hass_ws_client(hass, hass_read_only_access_token)
    for service in (*map(str, JOB_SERVICES), "cancel"):
        await user.send_json_auto_id(
            {
                "type": "call_service",
                "domain": DOMAIN,
                "service": service,
                "service_data": {"configuration": config}
                | ({} if service == "cancel" else {"device": "192.0.2.1"}),
                "return_response": True,
            }
        )
        reply = await user.receive_json()
        assert not reply["success"], service
        # HA's websocket maps a service's Unauthorized to this code and message.
        assert reply["error"]["message"] == "Unauthorized", (service, reply)
    assert _manager(entry).jobs() == []
    # The fleet and archive services too: none starts, lists or flashes anything.
    for service, data in (
        ("run_batch", {"action": "install", "all": True, "include_offline": True}),
        ("rollback", {"configuration": config, "device": "192.0.2.1"}),
        ("list_builds", {"configuration": config}),
    ):
        await user.send_json_auto_id(
            {
                "type": "call_service",
                "domain": DOMAIN,
                "service": service,
                "service_data": data,
                "return_response": True,
            }
        )
        reply = await user.receive_json()
        assert not reply["success"], service
        assert reply["error"]["message"] == "Unauthorized", (service, reply)
    assert _manager(entry).jobs() == []
    assert entry.runtime_data.batches.batches() == []

    admin = await hass_ws_client(hass)
    await admin.send_json_auto_id(
        {
            "type": "call_service",
            "domain": DOMAIN,
            "service": "validate",
            "service_data": {"configuration": config, "wait": True},
            "return_response": True,
        }
    )
    reply = await admin.receive_json()
    assert reply["success"], reply
    assert reply["result"]["response"]["status"] == "completed"
    assert hass_admin_user.is_admin
