"""The process a job runs: the environment it gets, and how cancel and Home
Assistant's stop end it with every child it left (SIGTERM ignored, grandchild,
daemon in its own session)."""

from __future__ import annotations

from collections.abc import Callable
import time

from homeassistant.core import Event, HomeAssistant
import pytest

from custom_components.esphome_builder.const import EVENT_JOB_CANCELLED
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager
from custom_components.esphome_builder.jobs.processes import (
    live_group_members,
    pids_of_job,
)

from .job_helpers import collect, run_job, wait_for_output

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


async def test_child_gets_only_the_allowed_environment(
    manager: JobManager,
    write_config: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """HA's credentials (SUPERVISOR_TOKEN and the like) never reach a build."""
    monkeypatch.setenv("SUPERVISOR_TOKEN", "hunter2")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hunter3")
    monkeypatch.setenv("ESPHOME_IS_HA_ADDON", "false")
    monkeypatch.setenv("PLATFORMIO_CORE_DIR", "/tmp/pio")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    job = await run_job(manager, "compile", write_config("env.yaml", fake="env"))
    names = {line.removeprefix("env ") for line in job.output()[1:]}
    assert "SUPERVISOR_TOKEN" not in names
    assert "AWS_SECRET_ACCESS_KEY" not in names
    assert {
        "PATH",
        "HOME",
        "ESPHOME_IS_HA_ADDON",
        "PLATFORMIO_CORE_DIR",
        "LC_ALL",
    } <= names
    # What the runner sets itself: unbuffered, coloured, and its markers.
    assert {"PYTHONUNBUFFERED", "FORCE_COLOR", "ESPHOME_BUILDER_JOB"} <= names


async def test_cancel_running_job_that_ignores_sigterm(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    cancelled: list[Event] = []
    hass.bus.async_listen(EVENT_JOB_CANCELLED, collect(cancelled))
    job = await manager.async_start_job(
        "compile", write_config("t.yaml", fake="ignore_term")
    )
    await wait_for_output(manager, job.job_id, "ignoring SIGTERM")
    pgid = (await manager.processes.async_load())[job.job_id]["pgid"]
    start = time.monotonic()
    result = await manager.async_cancel(job.job_id)
    elapsed = time.monotonic() - start
    assert result.status is JobStatus.CANCELLED
    assert result.error == "Cancelled by user"
    assert 2.5 < elapsed < 10
    assert live_group_members(pgid) == []
    await hass.async_block_till_done()
    assert [e.data["job_id"] for e in cancelled] == [job.job_id]


async def test_grandchild_holding_pipe_is_killed(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await run_job(manager, "compile", write_config("g.yaml", fake="grandchild"))
    assert job.status is JobStatus.COMPLETED
    assert "grandchild up" in job.output()
    # Cancel mid-run, with the grandchild alive and the child hanging.
    job = await manager.async_start_job(
        "compile", write_config("g2.yaml", fake="grandchild hang")
    )
    await wait_for_output(manager, job.job_id, "child done")
    result = await manager.async_cancel(job.job_id)
    assert result.status is JobStatus.CANCELLED


async def test_daemon_in_its_own_session_is_killed(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    """setsid() escapes the process group, not the job's environment marker."""
    job = await run_job(manager, "compile", write_config("d.yaml", fake="escape"))
    assert job.status is JobStatus.COMPLETED
    assert "daemon up" in job.output()
    assert await manager.hass.async_add_executor_job(pids_of_job, job.job_id) == []


async def test_stopping_home_assistant_ends_running_jobs(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await manager.async_start_job(
        "compile", write_config("stop.yaml", fake="ignore_term")
    )
    await wait_for_output(manager, job.job_id, "ignoring SIGTERM")
    pgid = (await manager.processes.async_load())[job.job_id]["pgid"]
    await hass.async_stop()
    assert job.status is JobStatus.CANCELLED
    assert job.error == "Home Assistant stopped while the job was running"
    assert live_group_members(pgid) == []
