"""Bounded queues and run times: coalescing, the active-job cap, the log lane,
unfollowed log streams, and the maximum run time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import DOMAIN, MAX_LOG_STREAMS
from custom_components.esphome_builder.jobs import manager as manager_module
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


@pytest.fixture
async def entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> MockConfigEntry:
    return await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=1, upload_jobs=1)
    )


def _manager(entry: MockConfigEntry) -> JobManager:
    return entry.runtime_data.manager


async def _until(predicate: Callable[[], bool], what: str) -> None:
    async with asyncio.timeout(20):
        while not predicate():
            await asyncio.sleep(0.02)
    assert predicate(), what


async def _start(client, **data):
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/start", **data})
    return await client.receive_json()


async def test_identical_queued_jobs_coalesce_and_the_queue_is_capped(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    write_config: Callable[..., str],
    hass_ws_client: WebSocketGenerator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manager = _manager(entry)
    client = await hass_ws_client(hass)
    busy = await _start(
        client, action="compile", configuration=write_config("a.yaml", fake="sleep 30")
    )
    kitchen = write_config("kitchen.yaml", fake="exit 0")
    first = await _start(client, action="validate", configuration=kitchen)
    again = await _start(client, action="validate", configuration=kitchen)
    # The same queued work: one job, one id.
    assert again["result"]["job_id"] == first["result"]["job_id"]
    other = await _start(client, action="clean", configuration=kitchen)
    assert other["result"]["job_id"] != first["result"]["job_id"]
    assert len(manager.active_jobs()) == 3

    monkeypatch.setattr(manager_module, "MAX_ACTIVE_JOBS", 3)
    refused = await _start(
        client, action="validate", configuration=write_config("b.yaml", fake="exit 0")
    )
    assert not refused["success"]
    assert refused["error"]["message"] == (
        "3 jobs are already queued or running. Wait for some to finish, or cancel"
        " some, before starting more"
    )
    assert len(manager.active_jobs()) == 3
    # A coalesced request is no new job: still answered at the cap.
    again = await _start(client, action="validate", configuration=kitchen)
    assert again["result"]["job_id"] == first["result"]["job_id"]
    await manager.async_cancel(busy["result"]["job_id"])
    for job in manager.active_jobs():
        await manager.async_wait(job.job_id)


async def test_log_streams_never_take_an_upload_slot(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    manager = _manager(entry)
    streams = [
        await manager.async_start_job(
            "logs", write_config(f"log{i}.yaml", fake="ticker 0.05"), "OTA"
        )
        for i in range(MAX_LOG_STREAMS + 1)
    ]
    await _until(
        lambda: (
            sum(job.status is JobStatus.RUNNING for job in streams) == MAX_LOG_STREAMS
        ),
        "the log lane full",
    )
    # One upload slot (upload_jobs=1), and the streams hold none of it.
    upload = await manager.async_start_job(
        "upload", write_config("up.yaml", fake="exit 0"), "OTA"
    )
    upload = await manager.async_wait(upload.job_id)
    assert upload.status is JobStatus.COMPLETED
    # The stream beyond the log lane's size waits for a log slot.
    assert streams[-1].status is JobStatus.QUEUED
    for job in streams:
        await manager.async_cancel(job.job_id)


async def test_an_unfollowed_log_stream_ends(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    manager = _manager(entry)
    manager.settings.logs_unfollowed_timeout = 0.3
    followed = await manager.async_start_job(
        "logs", write_config("followed.yaml", fake="ticker 0.05"), "OTA"
    )
    seen: list[str] = []
    unfollow = manager.async_listen_output(followed.job_id, seen.extend)
    lonely = await manager.async_start_job(
        "logs", write_config("lonely.yaml", fake="ticker 0.05"), "OTA"
    )
    lonely = await manager.async_wait(lonely.job_id)
    assert lonely.status is JobStatus.CANCELLED
    assert lonely.error == "Nobody followed the log stream for 0.3 s"
    # Followed: it keeps running, and ends once its last follower leaves.
    await _until(lambda: len(seen) > 10, "the followed stream's lines")
    assert followed.status is JobStatus.RUNNING
    unfollow()
    followed = await manager.async_wait(followed.job_id)
    assert followed.status is JobStatus.CANCELLED


async def test_a_job_fails_after_the_maximum_run_time(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    manager = _manager(entry)
    manager.settings.max_run_time = 0.5
    job = await manager.async_start_job(
        "compile", write_config("slow.yaml", fake="sleep 30")
    )
    job = await manager.async_wait(job.job_id)
    assert job.status is JobStatus.FAILED
    assert job.error == "Stopped after the maximum run time of 0.5 s"
    assert job.output()[-1] == "sleeping"
