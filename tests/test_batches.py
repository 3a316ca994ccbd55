"""Batches through the service, the bus and the engine, with the fake ESPHome.

The fake is a real process: `# fake: exit 1` fails a job, `# fake: sleep N`
keeps one running. The fleet story on real `host:` devices is in
tests/test_fleet_devices.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import (
    DOMAIN,
    EVENT_BATCH_COMPLETED,
    EVENT_BATCH_STARTED,
)
from custom_components.esphome_builder.fleet import OFFLINE, UNKNOWN_TO_HA
from custom_components.esphome_builder.jobs.batch import ITEM_TEXT_CHARS, BatchItem
from custom_components.esphome_builder.jobs.batches import BATCH_UNLOADED
from custom_components.esphome_builder.jobs.job import JobStatus
from tests.conftest import make_entry, setup_entry
from tests.job_helpers import wait_for


async def run_batch(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Call run_batch and return its response."""
    response = await hass.services.async_call(
        DOMAIN, "run_batch", data, blocking=True, return_response=True
    )
    assert response is not None
    return dict(response)


def items_by_name(batch: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["configuration"]: item for item in batch["items"]}


def record(hass: HomeAssistant, event_type: str) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    def _add(event: Event) -> None:
        seen.append(dict(event.data))

    hass.bus.async_listen(event_type, _add)
    return seen


@pytest.fixture
async def entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> MockConfigEntry:
    """A loaded entry with the fake ESPHome, one compile at a time."""
    return await setup_entry(hass, make_entry(fake_esphome, configs_dir))


async def test_compile_batch_summary_in_response_event_and_sensor(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    fake_esphome: str,
    configs_dir: Path,
    no_leftover_processes: None,
) -> None:
    for name, fake in (
        ("a.yaml", "exit 0"),
        ("b.yaml", "exit 1"),
        ("c.yaml", "exit 0"),
    ):
        write_config(name, fake=fake)
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    started, completed = (
        record(hass, EVENT_BATCH_STARTED),
        record(hass, EVENT_BATCH_COMPLETED),
    )

    batch = await run_batch(hass, action="compile", all=True, wait=True)
    await hass.async_block_till_done()

    assert batch["status"] == "completed"
    assert batch["reason"] is None
    assert batch["counts"] == {
        "completed": 2,
        "failed": 1,
        "cancelled": 0,
        "skipped": 0,
        "queued": 0,
        "running": 0,
        "waiting": 0,
    }
    items = items_by_name(batch)
    assert [item["configuration"] for item in batch["items"]] == [
        "a.yaml",
        "b.yaml",
        "c.yaml",
    ]
    assert items["b.yaml"]["status"] == "failed"
    assert items["b.yaml"]["error"] == "ESPHome exited with code 1"
    manager = entry.runtime_data.manager
    for item in batch["items"]:
        job = manager.get(item["job_id"])
        assert job.batch_id == batch["batch_id"]
        assert job.action == "compile"
        assert job.esphome_version == "2026.10.0"  # the ESPHome that ran it
        assert item["started_at"]
        assert item["finished_at"]
        assert 0 < item["duration"] < 30
    assert [e["batch_id"] for e in started] == [batch["batch_id"]]
    [done] = completed
    assert done["failed"] == ["b.yaml"]
    assert done["skipped"] == []
    assert done["counts"]["completed"] == 2
    assert done["status"] == "completed"
    sensor = hass.states.get("sensor.esphome_builder_last_batch")
    assert sensor is not None
    assert sensor.state == "completed"
    assert sensor.attributes["failed"] == 1
    assert sensor.attributes["completed"] == 2
    assert "items" not in sensor.attributes


async def test_retry_failed_runs_only_the_failed(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    configs_dir: Path,
) -> None:
    write_config("a.yaml", fake="exit 0")
    write_config("b.yaml", fake="exit 1")
    await entry.runtime_data.catalog.async_refresh()
    first = await run_batch(hass, action="validate", all=True, wait=True)
    assert first["counts"]["failed"] == 1
    write_config("b.yaml", fake="exit 0")

    retry = await run_batch(hass, retry_failed=first["batch_id"], wait=True)

    assert retry["action"] == "validate"
    assert retry["retry_of"] == first["batch_id"]
    assert [i["configuration"] for i in retry["items"]] == ["b.yaml"]
    assert retry["counts"]["completed"] == 1


async def test_canary_that_fails_stops_the_rest(
    hass: HomeAssistant, write_config: Callable[..., str], entry: MockConfigEntry
) -> None:
    write_config("a.yaml", fake="exit 1")
    write_config("b.yaml", fake="exit 0")
    write_config("c.yaml", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(hass, action="compile", all=True, canary=1, wait=True)

    items = items_by_name(batch)
    assert items["a.yaml"]["status"] == "failed"
    reason = "The canary did not complete: a.yaml"
    assert batch["status"] == "cancelled"
    assert batch["reason"] == reason
    for name in ("b.yaml", "c.yaml"):
        assert items[name] | {"finished_at": None} == items[name] | {
            "status": "cancelled",
            "error": reason,
            "job_id": None,
            "finished_at": None,
            "duration": None,
        }


async def test_named_canary_runs_first_then_the_rest(
    hass: HomeAssistant, write_config: Callable[..., str], entry: MockConfigEntry
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write_config(name, fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(
        hass, action="compile", all=True, canary=["c.yaml"], wait=True
    )

    assert batch["canary"] == 1
    assert next(i["configuration"] for i in batch["items"]) == "c.yaml"
    assert batch["counts"]["completed"] == 3
    items = items_by_name(batch)
    # The rest start only once the canary has finished.
    assert all(
        items[name]["started_at"] >= items["c.yaml"]["finished_at"]
        for name in ("a.yaml", "b.yaml")
    )


async def test_max_failures_cancels_what_is_still_queued(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    no_leftover_processes: None,
) -> None:
    names = [f"n{i}.yaml" for i in range(5)]
    for name in names:
        write_config(name, fake="exit 1")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(hass, action="compile", all=True, max_failures=1, wait=True)

    reason = "Stopped after 1 failed job(s)"
    assert batch["status"] == "cancelled"
    assert batch["reason"] == reason
    assert batch["counts"]["failed"] == 1
    assert batch["counts"]["cancelled"] == 4
    cancelled = [i for i in batch["items"] if i["status"] == "cancelled"]
    assert {i["error"] for i in cancelled} == {reason}
    # Some were already handed to the engine (queued in its lane): those jobs
    # end cancelled with the same reason; none of them ran ESPHome.
    manager = entry.runtime_data.manager
    handed = [manager.get(i["job_id"]) for i in cancelled if i["job_id"]]
    assert handed, "the window hands over more than one job"
    assert all(job.error == reason and job.started_at is None for job in handed)


async def test_cancel_ends_every_job_of_the_batch(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    fake_esphome: str,
    configs_dir: Path,
    no_leftover_processes: None,
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml", "d.yaml"):
        write_config(name, fake="sleep 60")
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2)
    )
    batch = await run_batch(hass, action="compile", all=True)
    assert batch["status"] == "running"
    batches = entry.runtime_data.batches
    await wait_for(
        lambda: batches.get(batch["batch_id"]).counts()["running"] == 2,
        "two jobs running",
    )

    response = await hass.services.async_call(
        DOMAIN,
        "cancel",
        {"batch_id": batch["batch_id"]},
        blocking=True,
        return_response=True,
    )

    assert response is not None
    assert response["status"] == "cancelled"
    assert response["reason"] == "Cancelled by user"
    items: Any = response["items"]
    assert {i["status"] for i in items} == {"cancelled"}
    assert not entry.runtime_data.manager.active_jobs()


async def test_unload_mid_batch_and_reload_keep_clear_final_states(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    no_leftover_processes: None,
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yaml"):
        write_config(name, fake="sleep 60")
    await entry.runtime_data.catalog.async_refresh()
    batch = await run_batch(hass, action="compile", all=True)
    batches = entry.runtime_data.batches
    await wait_for(
        lambda: batches.get(batch["batch_id"]).counts()["running"] == 1, "a job runs"
    )

    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    again = entry.runtime_data.batches.get(batch["batch_id"])
    assert again.status == "cancelled"
    assert again.reason == BATCH_UNLOADED
    statuses = [item.status for item in again.items]
    assert statuses == ["cancelled"] * 5
    manager = entry.runtime_data.manager
    running = manager.get(again.items[0].job_id or "")
    assert running.status == "cancelled"
    assert running.error == "ESPHome Builder was unloaded while the job was running"
    assert {item.error for item in again.items[1:]} <= {
        BATCH_UNLOADED,
        running.error,
    }


async def test_batch_interrupted_by_a_crash_is_settled_at_start(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    configs_dir: Path,
    fake_esphome: str,
) -> None:
    hass_storage[f"{DOMAIN}.batches"] = {
        "version": 1,
        "key": f"{DOMAIN}.batches",
        "data": {
            "batches": [
                {
                    "batch_id": "b1",
                    "action": "install",
                    "status": "running",
                    "created_at": "2026-12-01T00:00:00+00:00",
                    "items": [
                        {
                            "configuration": "a.yaml",
                            "status": "running",
                            "job_id": "gone",
                        },
                        {"configuration": "b.yaml", "status": "queued"},
                        {
                            "configuration": "c.yaml",
                            "status": "skipped",
                            "skipped_reason": OFFLINE,
                        },
                    ],
                },
                {"batch_id": 7, "items": "not a batch"},
            ]
        },
    }
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))

    [batch] = entry.runtime_data.batches.batches()
    assert batch.status == "cancelled"
    assert batch.reason == "Home Assistant stopped while the batch was running"
    assert [item.status for item in batch.items] == [
        "cancelled",
        "cancelled",
        "skipped",
    ]
    assert batch.items[2].skipped_reason == OFFLINE


async def test_install_skips_devices_home_assistant_does_not_see_online(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
) -> None:
    write_config("known.yaml", fake="exit 0")
    write_config("stranger.yaml", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()
    # HA's esphome integration knows the node of known.yaml, not connected.
    esphome_entry = MockConfigEntry(
        domain="esphome", data={"device_name": "known", "host": "10.0.0.9"}
    )
    esphome_entry.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=esphome_entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, "aa:bb:cc:dd:ee:ff")},
        name="known",
    )

    batch = await run_batch(hass, action="install", all=True, wait=True)

    assert batch["counts"]["skipped"] == 2
    assert {i["configuration"]: i["skipped_reason"] for i in batch["items"]} == {
        "known.yaml": OFFLINE,
        "stranger.yaml": UNKNOWN_TO_HA,
    }
    # Offline devices may be included: they are flashed at the address HA knows.
    preview = entry.runtime_data.batches
    assert preview is not None
    included = await run_batch(hass, action="install", all=True, include_offline=True)
    assert {i["configuration"]: i["device"] for i in included["items"]} == {
        "known.yaml": "10.0.0.9",
        "stranger.yaml": None,
    }
    await hass.services.async_call(
        DOMAIN, "cancel", {"batch_id": included["batch_id"]}, blocking=True
    )
    # A retry of the cancelled ones reaches the same offline devices.
    retry = await run_batch(hass, retry_failed=included["batch_id"])
    assert retry["include_offline"] is True
    assert retry["counts"]["skipped"] == 0
    assert [i["configuration"] for i in retry["items"]] == [
        "known.yaml",
        "stranger.yaml",
    ]
    await entry.runtime_data.batches.async_cancel(retry["batch_id"])


async def test_upload_batch_without_a_build_fails_clearly(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    no_leftover_processes: None,
) -> None:
    write_config("a.yaml", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(
        hass,
        action="upload",
        configurations=["a.yaml"],
        include_offline=True,
        wait=True,
    )

    [item] = batch["items"]
    assert item["status"] == "failed"
    assert item["job_id"] is None
    assert item["error"] == "There is no build of a.yaml to upload: compile it first"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (
            {"action": "compile", "configurations": ["../secrets.yaml"]},
            "invalid_configuration",
        ),
        (
            {"action": "compile", "configurations": ["nope.yaml"]},
            "unknown_configuration",
        ),
        ({"action": "compile", "device_ids": ["no-such-device"]}, "unknown_device"),
        ({"retry_failed": "no-such-batch"}, "unknown_batch"),
        (
            {"action": "compile", "all": True, "canary": ["b.yaml"]},
            "canary_not_in_batch",
        ),
    ],
)
async def test_bad_targets_are_refused_with_a_translated_error(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    data: dict[str, Any],
    key: str,
) -> None:
    write_config("a.yaml", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()

    with pytest.raises(ServiceValidationError) as err:
        await run_batch(hass, **data)

    assert err.value.translation_key == key
    assert str(err.value)  # translated, not empty
    assert not entry.runtime_data.batches.batches()


async def test_empty_selection_is_a_completed_empty_batch(
    hass: HomeAssistant, write_config: Callable[..., str], entry: MockConfigEntry
) -> None:
    write_config("a.yaml", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(hass, action="install", only_outdated=True, wait=True)

    assert batch["status"] == "completed"
    assert batch["items"] == []


async def test_validate_first_skips_what_fails_validation(
    hass: HomeAssistant, write_config: Callable[..., str], entry: MockConfigEntry
) -> None:
    write_config("a.yaml", fake="exit 0")
    write_config("b.yaml", fake="exit 2")
    await entry.runtime_data.catalog.async_refresh()

    batch = await run_batch(
        hass, action="compile", all=True, validate_first=True, wait=True
    )

    items = items_by_name(batch)
    assert items["a.yaml"]["status"] == "completed"
    assert items["b.yaml"]["status"] == "skipped"
    assert items["b.yaml"]["skipped_reason"] == (
        "Failed validation: ESPHome exited with code 2"
    )
    actions = sorted(
        str(job.action)
        for job in entry.runtime_data.manager.jobs()
        if job.batch_id == batch["batch_id"]
    )
    assert actions == ["compile", "validate", "validate"]


async def test_cancel_while_validating_first_stops_those_jobs_too(
    hass: HomeAssistant,
    write_config: Callable[..., str],
    entry: MockConfigEntry,
    no_leftover_processes: None,
) -> None:
    write_config("a.yaml", fake="sleep 60")
    await entry.runtime_data.catalog.async_refresh()
    batch = await run_batch(hass, action="compile", all=True, validate_first=True)
    manager = entry.runtime_data.manager
    await wait_for(
        lambda: any(job.status == "running" for job in manager.active_jobs()),
        "the validation to run",
    )

    cancelled = await entry.runtime_data.batches.async_cancel(batch["batch_id"])

    assert cancelled.status == "cancelled"
    assert [item.status for item in cancelled.items] == ["cancelled"]
    assert not manager.active_jobs()
    [validation] = [job for job in manager.jobs() if job.action == "validate"]
    assert validation.error == "Cancelled by user"


def test_an_item_keeps_a_bounded_error() -> None:
    # A job's error may be a 64 KiB output line; 500 stored items stay small.
    item = BatchItem("a.yaml")
    item.end(JobStatus.FAILED, "x" * 70_000, "2026-12-01T00:00:00+00:00")

    assert item.error is not None
    assert len(item.error) == ITEM_TEXT_CHARS
    assert item.error.endswith("…")
