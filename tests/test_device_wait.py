"""Uploads wait for an offline device, holding no slot, and flash once it is seen.

The device is a real TCP listener on the configuration's OTA port (what the
engine probes), the ESPHome a real fake process. The story on a real `host:`
device is in tests/test_device_confirm.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import DOMAIN, EVENT_JOB_WAITING
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.plan import UNLOADED, WHILE_WAITING
from tests.conftest import free_port, make_entry, processes_of_this_run, setup_entry
from tests.job_helpers import wait_for

LOOPBACK = "127.0.0.1"


def ota_yaml(port: int) -> str:
    return f"ota:\n  - platform: esphome\n    port: {port}\n"


def known_offline_node(hass: HomeAssistant, name: str) -> None:
    """HA's esphome integration knows the node at 127.0.0.1; it is not connected."""
    entry = MockConfigEntry(
        domain="esphome", data={"device_name": name, "host": LOOPBACK, "port": 6053}
    )
    entry.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, "02:00:00:00:00:aa")},
        name=name,
    )


async def listen(port: int) -> asyncio.Server:
    """The device coming online: its OTA port accepts connections."""

    async def _accept(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    return await asyncio.start_server(_accept, LOOPBACK, port)


async def upload(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN,
        "upload",
        {"configuration": "node.yaml", **data},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    return dict(response)


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def node_config(write_config: Callable[..., str], port: int) -> str:
    return write_config("node.yaml", ota_yaml(port), fake="exit 0")


async def test_waits_holding_no_slot_then_flashes_when_the_device_is_seen(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
    port: int,
    no_leftover_processes: None,
) -> None:
    known_offline_node(hass, "node")
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, upload_jobs=1)
    )
    manager = entry.runtime_data.manager
    waiting: list[dict[str, Any]] = []

    def _waiting(event: Event) -> None:
        waiting.append(dict(event.data))

    hass.bus.async_listen(EVENT_JOB_WAITING, _waiting)

    job_id = (await upload(hass))["job_id"]
    job = manager.get(job_id)
    await wait_for(lambda: job.status is JobStatus.WAITING, "the job to wait")
    await hass.async_block_till_done()

    assert [event["job_id"] for event in waiting] == [job_id]
    assert job.started_at is not None
    assert processes_of_this_run() == []  # no ESPHome runs while it waits
    sensor = hass.states.get("sensor.node_firmware_job")
    assert sensor is not None
    assert sensor.state == "waiting"
    # It holds no upload slot: another upload (to a device that answers) runs.
    other = await manager.async_start_job("upload", node_config, f"{LOOPBACK}")
    async with await listen(port):
        await manager.async_wait(other.job_id)
        assert other.status is JobStatus.COMPLETED
        await manager.async_wait(job_id)

    assert job.status is JobStatus.COMPLETED, job.error
    output = job.output()
    assert any(
        "The device is offline: waiting up to 1 h for it" in line for line in output
    )
    flashing = next(i for i, line in enumerate(output) if "online: flashing" in line)
    assert flashing < len(output) - 1  # the upload's own output follows
    assert job.verified is None  # nothing reports this device's build


async def test_wait_timeout_fails_with_a_clear_translated_error(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
) -> None:
    known_offline_node(hass, "node")
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))

    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "upload",
            {"configuration": "node.yaml", "wait_timeout": 1, "wait": True},
            blocking=True,
        )

    assert err.value.translation_key == "job_failed"
    assert "The device did not come online within 1 s" in str(err.value)


async def test_cancel_while_waiting_leaves_nothing(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
    no_leftover_processes: None,
) -> None:
    known_offline_node(hass, "node")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    job = manager.get((await upload(hass))["job_id"])
    await wait_for(lambda: job.status is JobStatus.WAITING, "the job to wait")

    await hass.services.async_call(
        DOMAIN, "cancel", {"job_id": job.job_id}, blocking=True
    )

    assert job.status is JobStatus.CANCELLED
    assert job.error == "Cancelled by user"
    assert not manager.active_jobs()


async def test_unload_while_waiting_ends_the_job_saying_the_build_is_kept(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
) -> None:
    known_offline_node(hass, "node")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    job = entry.runtime_data.manager.get((await upload(hass))["job_id"])
    await wait_for(lambda: job.status is JobStatus.WAITING, "the job to wait")

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    again = entry.runtime_data.manager.get(job.job_id)
    assert again.status is JobStatus.CANCELLED
    assert again.error == WHILE_WAITING[UNLOADED]
    assert "the build is kept" in again.error


async def test_a_device_nothing_knows_is_waited_for_only_when_asked(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
    port: int,
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager

    # As before: ESPHome itself tries, and here the fake succeeds at once.
    done = await upload(hass, device=LOOPBACK, wait=True)
    assert done["status"] == "completed"

    job = manager.get((await upload(hass, device=LOOPBACK, wait_timeout=30))["job_id"])
    await wait_for(lambda: job.status is JobStatus.WAITING, "the job to wait")
    async with await listen(port):
        await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, job.error


async def test_a_serial_port_is_never_waited_for(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    node_config: str,
) -> None:
    known_offline_node(hass, "node")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))

    with pytest.raises(HomeAssistantError):
        # No such port here: refused up front, never left waiting.
        await upload(hass, device="/dev/ttyUSB9", wait=True)
    assert not entry.runtime_data.manager.active_jobs()


async def test_sleeping_devices_do_not_hold_up_a_batch(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    no_leftover_processes: None,
) -> None:
    for index, name in enumerate(("asleep1", "asleep2")):
        write_config(f"{name}.yaml", fake="exit 0")
        entry = MockConfigEntry(
            domain="esphome", data={"device_name": name, "host": LOOPBACK}
        )
        entry.add_to_hass(hass)
        dr.async_get(hass).async_get_or_create(
            config_entry_id=entry.entry_id,
            connections={(dr.CONNECTION_NETWORK_MAC, f"02:00:00:00:01:0{index}")},
            name=name,
        )
    write_config("awake1.yaml", fake="exit 0")
    write_config("awake2.yaml", fake="exit 0")
    # A window of two: both sleeping nodes could fill it.
    builder = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=1, upload_jobs=1)
    )
    batches = builder.runtime_data.batches
    response = await hass.services.async_call(
        DOMAIN,
        "run_batch",
        {"action": "install", "all": True, "include_offline": True},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    batch = batches.get(str(response["batch_id"]))

    def statuses() -> dict[str, str]:
        return {item.configuration: item.status for item in batch.items}

    await wait_for(
        lambda: (
            statuses()
            == {
                "asleep1.yaml": "waiting",
                "asleep2.yaml": "waiting",
                "awake1.yaml": "completed",
                "awake2.yaml": "completed",
            }
        ),
        "the awake ones to finish while the others wait",
    )
    assert batch.counts()["waiting"] == 2
    await batches.async_cancel(batch.batch_id)
    assert set(statuses().values()) == {"completed", "cancelled"}
