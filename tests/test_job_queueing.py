"""Which job runs when: the compile lane's parallelism, a newer build superseding
an older one, and cancelling a job that is still queued."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
import time

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry
from .job_helpers import wait_for_output

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


async def test_compile_lane_limits_parallelism(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2, upload_jobs=1)
    )
    manager = entry.runtime_data.manager
    compiles = [
        await manager.async_start_job(
            "compile", write_config(f"c{i}.yaml", fake="sleep 0.5")
        )
        for i in range(3)
    ]
    logs = await manager.async_start_job(
        "logs", write_config("l.yaml", fake="sleep 30"), "OTA"
    )
    await wait_for_output(manager, compiles[0].job_id, "sleeping")
    await wait_for_output(manager, compiles[1].job_id, "sleeping")
    # Two compiles run, the third waits; the upload lane is independent.
    await wait_for_output(manager, logs.job_id, "sleeping")
    assert [job.status for job in compiles] == [
        JobStatus.RUNNING,
        JobStatus.RUNNING,
        JobStatus.QUEUED,
    ]
    await manager.async_wait(compiles[2].job_id)
    assert all(job.status is JobStatus.COMPLETED for job in compiles)
    assert compiles[2].started_at >= min(
        compiles[0].finished_at, compiles[1].finished_at
    )
    await manager.async_cancel(logs.job_id)
    assert logs.status is JobStatus.CANCELLED


async def test_new_build_supersedes_older_one(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("s.yaml", fake="sleep 30")
    first = await manager.async_start_job("compile", config)
    await wait_for_output(manager, first.job_id, "sleeping")
    write_config("s.yaml", fake="exit 0")
    second = await manager.async_start_job("install", config, "OTA")
    await manager.async_wait(second.job_id)
    assert first.status is JobStatus.CANCELLED
    assert first.error == f"Superseded by job {second.job_id}"
    assert second.status is JobStatus.COMPLETED
    assert second.output() == ["fake compile s.yaml exit", "fake upload s.yaml exit"]
    # Validate is not a build: it does not supersede.
    third = await manager.async_start_job(
        "compile", write_config("v.yaml", fake="sleep 30")
    )
    await wait_for_output(manager, third.job_id, "sleeping")
    fourth = await manager.async_start_job("validate", "v.yaml")
    assert third.status is JobStatus.RUNNING
    await manager.async_cancel(fourth.job_id)
    await manager.async_cancel(third.job_id)


async def test_cancel_queued_job_is_immediate(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    busy = await manager.async_start_job(
        "compile", write_config("a.yaml", fake="sleep 30")
    )
    queued = await manager.async_start_job(
        "validate", write_config("b.yaml", fake="exit 0")
    )
    await wait_for_output(manager, busy.job_id, "sleeping")
    assert queued.status is JobStatus.QUEUED
    start = time.monotonic()
    await manager.async_cancel(queued.job_id)
    assert time.monotonic() - start < 0.5
    assert queued.status is JobStatus.CANCELLED
    assert queued.started_at is None
    await manager.async_cancel(busy.job_id)
    assert busy.status is JobStatus.CANCELLED
