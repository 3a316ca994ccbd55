"""Entities and devices: state through real jobs, the update entity, device linking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNKNOWN
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, State
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.device_lookup import (
    SINGLE_ENTRY_DEVICES,
    device_entry_ids,
)
from custom_components.esphome_builder.ha_devices import (
    async_device_link,
    async_find_esphome_device,
    version_from_sw,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.models import DeviceConfig

from .conftest import make_entry, own_device, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

MAC = "aa:bb:cc:dd:ee:01"


def _entity_id(hass: HomeAssistant, platform: str, unique_id: str) -> str:
    entity_id = er.async_get(hass).async_get_entity_id(platform, DOMAIN, unique_id)
    assert entity_id is not None, unique_id
    return entity_id


def _state(hass: HomeAssistant, entity_id: str) -> State:
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


def _device_of(registry: er.EntityRegistry, entity_id: str) -> str | None:
    entry = registry.async_get(entity_id)
    assert entry is not None, entity_id
    return entry.device_id


def _record(
    hass: HomeAssistant, entity_id: str
) -> tuple[list[tuple[str, dict[str, Any]]], Callable[[], None]]:
    seen: list[tuple[str, dict[str, Any]]] = []

    def changed(event: Event[EventStateChangedData]) -> None:
        if (state := event.data["new_state"]) is not None:
            seen.append((state.state, dict(state.attributes)))

    return seen, async_track_state_change_event(hass, entity_id, changed)


def _esphome_node(
    hass: HomeAssistant, name: str, sw_version: str | None = None
) -> dr.DeviceEntry:
    """A node of HA's esphome integration as its registry shows it (not set up)."""
    entry = MockConfigEntry(
        domain="esphome",
        data={"host": "192.168.1.50", "device_name": name},
        unique_id=MAC,
        title=name,
    )
    entry.add_to_hass(hass)
    return dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, MAC)},
        name=name.capitalize(),
        manufacturer="espressif",
        sw_version=sw_version,
    )


async def test_sensors_follow_a_real_job(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    config = write_config("kitchen.yaml", fake="progress")
    slow = write_config("slow.yaml", fake="sleep 0.5")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    job_sensor = _entity_id(hass, "sensor", "kitchen.yaml-firmware_job")
    progress_sensor = _entity_id(hass, "sensor", "kitchen.yaml-build_progress")
    queued = _entity_id(hass, "sensor", f"{entry.entry_id}-queued_jobs")
    version = _entity_id(hass, "sensor", f"{entry.entry_id}-esphome_version")
    state = hass.states.get(job_sensor)
    assert state is not None
    assert state.state == "idle"
    assert state.attributes["options"] == [
        "idle",
        "queued",
        "running",
        "waiting",
        "completed",
        "failed",
        "cancelled",
    ]
    assert _state(hass, progress_sensor).state == STATE_UNKNOWN
    assert _state(hass, version).state == "2026.10.0"
    assert _state(hass, queued).state == "0"

    job_states, unsub_job = _record(hass, job_sensor)
    progress_states, unsub_progress = _record(hass, progress_sensor)
    queued_states, unsub_queued = _record(hass, queued)
    # One compile lane: the second job waits behind the first.
    first = await manager.async_start_job("compile", slow)
    job = await manager.async_start_job("compile", config)
    await manager.async_wait(job.job_id)
    await manager.async_wait(first.job_id)
    await hass.async_block_till_done()
    for unsub in (unsub_job, unsub_progress, unsub_queued):
        unsub()

    assert [s for s, _ in job_states] == ["queued", "running", "completed"]
    final = job_states[-1][1]
    assert final["job_id"] == job.job_id
    assert final["action"] == "compile"
    assert final["started"] == job.started_at
    assert final["finished"] == job.finished_at
    assert final["builder"] == "local"
    values = [int(s) for s, _ in progress_states]
    assert values == sorted(values)
    assert values
    assert values[-1] == 100
    counts = [s for s, _ in queued_states]
    assert "1" in counts
    assert counts[-1] == "0"
    assert queued_states[-1][1]["running"] == 0
    # A log stream is no firmware job: the sensor keeps the compile.
    logs = await manager.async_start_job("logs", config)
    await manager.async_wait(logs.job_id)
    await hass.async_block_till_done()
    assert _state(hass, job_sensor).attributes["job_id"] == job.job_id

    # State survives a reload: it comes back from the job history.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    state = hass.states.get(job_sensor)
    assert state is not None
    assert state.state == "completed"
    assert state.attributes["job_id"] == job.job_id


async def test_job_sensor_shows_failed_and_cancelled(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    bad = write_config("bad.yaml", fake="exit 2")
    ticker = write_config("ticker.yaml", fake="ticker 0.05")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    await manager.async_wait((await manager.async_start_job("validate", bad)).job_id)
    running = await manager.async_start_job("compile", ticker)
    await hass.async_block_till_done()
    await manager.async_cancel(running.job_id)
    await hass.async_block_till_done()
    assert (
        _state(hass, _entity_id(hass, "sensor", "bad.yaml-firmware_job")).state
        == "failed"
    )
    assert (
        _state(hass, _entity_id(hass, "sensor", "ticker.yaml-firmware_job")).state
        == "cancelled"
    )


async def test_update_install_reports_progress_and_targets_the_node_address(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    node = _esphome_node(hass, "kitchen", "2025.12.0 (Dec 1 2025, 10:00:00)")
    write_config("kitchen.yaml", fake="progress")
    # The node is only a registry entry, never online: nothing to wait for.
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, wait_minutes=0)
    )
    update = _entity_id(hass, "update", "kitchen.yaml-firmware")
    state = hass.states.get(update)
    assert state is not None
    assert state.state == STATE_ON
    assert state.attributes["installed_version"] == "2025.12.0"
    assert state.attributes["latest_version"] == "2026.10.0"
    assert state.attributes["in_progress"] is False

    seen, unsub = _record(hass, update)
    await hass.services.async_call(
        "update", "install", {"entity_id": update}, blocking=True
    )
    await hass.async_block_till_done()
    unsub()
    progress = [(a["in_progress"], a["update_percentage"]) for _, a in seen]
    assert progress[0] == (True, 0)
    assert (True, 50) in progress  # compile done, upload next
    assert progress[-1] == (False, None)
    [job] = entry.runtime_data.manager.jobs()
    assert job.action == "install"
    assert job.status is JobStatus.COMPLETED
    # To the address HA's esphome integration connects to, not to "OTA".
    assert job.device == "192.168.1.50"

    # The reflashed node reconnects; HA's esphome integration updates its version.
    dr.async_get(hass).async_update_device(
        node.id, sw_version="2026.10.0 (Oct 9 2026, 12:00:00)"
    )
    await hass.async_block_till_done()
    state = hass.states.get(update)
    assert state is not None
    assert state.state == STATE_OFF
    assert state.attributes["installed_version"] == "2026.10.0"


async def test_update_install_failure_raises(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    write_config("kitchen.yaml", fake="exit 1")
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    update = _entity_id(hass, "update", "kitchen.yaml-firmware")
    # No esphome device: installed is unknown, installing is still possible.
    assert _state(hass, update).state == STATE_UNKNOWN
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "update", "install", {"entity_id": update}, blocking=True
        )
    assert err.value.translation_key == "job_failed"
    await hass.async_block_till_done()
    assert _state(hass, update).attributes["in_progress"] is False


async def test_entities_attach_to_the_existing_esphome_device(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    node = _esphome_node(hass, "kitchen")
    write_config("kitchen.yaml", fake="exit 0")
    write_config("garage.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    for platform, unique_id in (
        ("sensor", "kitchen.yaml-firmware_job"),
        ("sensor", "kitchen.yaml-build_progress"),
        ("update", "kitchen.yaml-firmware"),
    ):
        reg = entity_registry.async_get(_entity_id(hass, platform, unique_id))
        assert reg is not None
        assert reg.device_id == node.id
    linked = device_registry.async_get(node.id)
    assert isinstance(linked, dr.DeviceEntry)
    assert linked.name == "Kitchen"  # the esphome integration's name stays
    ours = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    hub = (
        device_registry.async_get_device_by_identifier(
            (DOMAIN, entry.entry_id), entry.entry_id
        )
        if SINGLE_ENTRY_DEVICES
        else None
    )
    if SINGLE_ENTRY_DEVICES:
        # A device belongs to one entry: the node's stays the esphome
        # integration's alone, nothing of ours is merged into it.
        assert device_entry_ids(linked) == {node.config_entry_id}
        assert (DOMAIN, "kitchen.yaml") not in linked.identifiers
        # hub + garage (own device): no twin of kitchen.
        assert len(ours) == 2
    else:
        assert entry.entry_id in device_entry_ids(linked)
        assert (DOMAIN, "kitchen.yaml") in linked.identifiers
        # hub + garage (own device) + kitchen (shared): no twin.
        assert len(ours) == 3
    garage = own_device(hass, entry, "garage.yaml")
    assert garage is not None
    assert device_entry_ids(garage) == {entry.entry_id}
    if hub is not None:
        assert garage.via_device_id == hub.id

    # What the websocket devices/list uses.
    kitchen = entry.runtime_data.catalog.get("kitchen.yaml")
    assert kitchen is not None
    found = async_find_esphome_device(hass, kitchen)
    assert found is not None
    assert found.device_id == node.id
    assert found.online is False  # HA's esphome integration is not running it
    assert async_device_link(hass, kitchen) == (node.id, False)
    garage_config = entry.runtime_data.catalog.get("garage.yaml")
    assert garage_config is not None
    assert async_device_link(hass, garage_config) == (garage.id, False)


async def test_twin_moves_onto_an_esphome_device_that_appears_later(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    twin = own_device(hass, entry, "kitchen.yaml")
    assert twin is not None
    sensor = _entity_id(hass, "sensor", "kitchen.yaml-firmware_job")
    node = _esphome_node(hass, "kitchen", "2026.10.0")
    await hass.async_block_till_done()
    assert device_registry.async_get(twin.id) is None
    assert _device_of(entity_registry, sensor) == node.id
    assert hass.states.get(sensor) is not None
    # The update entity now knows the installed version.
    update = _entity_id(hass, "update", "kitchen.yaml-firmware")
    assert _state(hass, update).state == STATE_OFF
    # And a reload keeps using the shared device.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert _device_of(entity_registry, sensor) == node.id
    # hub, plus the shared node where a device has several entries.
    expected = 1 if SINGLE_ENTRY_DEVICES else 2
    assert (
        len(dr.async_entries_for_config_entry(device_registry, entry.entry_id))
        == expected
    )


async def test_configurations_added_and_removed_at_run_time(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    device_registry: dr.DeviceRegistry,
) -> None:
    node = _esphome_node(hass, "garage")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    catalog = entry.runtime_data.catalog
    write_config("porch.yaml", fake="exit 0")
    write_config("garage.yaml", fake="exit 0")
    await catalog.async_refresh()
    await hass.async_block_till_done()
    porch = hass.states.get(_entity_id(hass, "sensor", "porch.yaml-firmware_job"))
    assert porch is not None
    assert porch.state == "idle"
    assert own_device(hass, entry, "porch.yaml")
    garage_sensor = _entity_id(hass, "sensor", "garage.yaml-firmware_job")

    (configs_dir / "porch.yaml").unlink()
    (configs_dir / "garage.yaml").unlink()
    await catalog.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(porch.entity_id) is None
    assert er.async_get(hass).async_get(porch.entity_id) is None
    assert own_device(hass, entry, "porch.yaml") is None
    assert hass.states.get(garage_sensor) is None
    # The esphome integration's device stays; only our part of it goes.
    shared = device_registry.async_get(node.id)
    assert isinstance(shared, dr.DeviceEntry)
    assert entry.entry_id not in device_entry_ids(shared)
    assert (DOMAIN, "garage.yaml") not in shared.identifiers

    # Back again, then gone while HA was not running: removed at the next setup.
    write_config("porch.yaml", fake="exit 0")
    await catalog.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(porch.entity_id) is not None
    assert await hass.config_entries.async_unload(entry.entry_id)
    (configs_dir / "porch.yaml").unlink()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert own_device(hass, entry, "porch.yaml") is None
    assert er.async_get(hass).async_get(porch.entity_id) is None


async def test_unload_releases_every_listener(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    runtime = entry.runtime_data
    assert runtime.manager.listener_count > 0
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert runtime.manager.listener_count == 0
    assert runtime.catalog.listener_count == 0
    assert runtime.health is not None
    assert runtime.health.listener_count == 0
    assert _state(hass, "sensor.kitchen_firmware_job").state == "unavailable"


@pytest.mark.parametrize(
    ("sw_version", "expected"),
    [
        ("2026.10.0 (Oct 9 2026, 12:00:00)", "2026.10.0"),
        ("1.4.2 (ESPHome 2025.12.1)", "2025.12.1"),
        ("2025.2.0-dev", "2025.2.0-dev"),
        ("unknown", None),
        (None, None),
    ],
)
def test_esphome_version_is_read_from_a_device_sw_version(
    sw_version: str | None, expected: str | None
) -> None:
    assert version_from_sw(sw_version) == expected


async def test_online_and_version_from_a_running_esphome_entry(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry
) -> None:
    """While HA's esphome integration runs the node, its runtime data wins."""
    entry = MockConfigEntry(
        domain="esphome",
        data={"host": "192.168.1.51", "device_name": "porch"},
        state=ConfigEntryState.LOADED,
    )
    entry.add_to_hass(hass)
    entry.runtime_data = SimpleNamespace(
        available=True, device_info=SimpleNamespace(esphome_version="2026.9.1")
    )
    node = device_registry.async_get_or_create(
        config_entry_id=entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, "aa:bb:cc:dd:ee:02")},
        name="Porch light",
        sw_version="2026.1.0 (Jan 1 2026, 00:00:00)",
    )
    config = DeviceConfig("porch.yaml", "porch", "Porch light", "esp32")
    found = async_find_esphome_device(hass, config)
    assert found is not None
    assert (found.device_id, found.online, found.esphome_version) == (
        node.id,
        True,
        "2026.9.1",
    )
    # Never by a display name: a configuration whose friendly name matches
    # another node's device name must not reach that node (an install would
    # flash it), nor one that matches a name the user gave a device.
    renamed = DeviceConfig("other.yaml", "other-name", "Porch light", None)
    assert async_device_link(hass, renamed) == (None, False)
    device_registry.async_update_device(node.id, name_by_user="garage")
    garage = DeviceConfig("garage.yaml", "garage", None, None)
    assert async_find_esphome_device(hass, garage) is None
    # By MAC.
    unnamed = DeviceConfig("x.yaml", None, None, None)
    assert async_find_esphome_device(hass, unnamed) is None
    by_mac = async_find_esphome_device(hass, unnamed, mac="AA:BB:CC:DD:EE:02")
    assert by_mac is not None
    assert by_mac.device_id == node.id
