"""The job engine against a fake ESPHome: a real process for what ESPHome cannot do here."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
import resource
import time
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
import pytest

from custom_components.esphome_builder.const import (
    EVENT_JOB_CANCELLED,
    EVENT_JOB_COMPLETED,
    EVENT_JOB_FAILED,
    EVENT_JOB_QUEUED,
    EVENT_JOB_STARTED,
    INSTALL_HINT,
    MAX_LINE_BYTES,
    STORAGE_KEY_HISTORY,
    STORAGE_KEY_PROCESSES,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager
from custom_components.esphome_builder.jobs.processes import (
    live_group_members,
    pids_of_job,
)

from .conftest import make_entry, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


@pytest.fixture
async def manager(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> JobManager:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    return entry.runtime_data.manager


async def _run(
    manager: JobManager, action: str, config: str, device: str | None = None
):
    job = await manager.async_start_job(action, config, device)
    return await manager.async_wait(job.job_id)


async def test_lifecycle_events_and_exit_code(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    events: list[Event] = []
    for name in (
        EVENT_JOB_QUEUED,
        EVENT_JOB_STARTED,
        EVENT_JOB_COMPLETED,
        EVENT_JOB_FAILED,
    ):
        hass.bus.async_listen(name, _collect(events))
    ok = write_config("ok.yaml", fake="exit 0")
    bad = write_config("bad.yaml", fake="exit 3")
    job = await _run(manager, "compile", ok)
    assert job.status is JobStatus.COMPLETED
    assert job.exit_code == 0
    assert job.progress == 100
    assert job.output() == ["fake compile ok.yaml exit"]
    failed = await _run(manager, "validate", bad)
    await hass.async_block_till_done()
    assert failed.status is JobStatus.FAILED
    assert failed.exit_code == 3
    assert failed.error == "ESPHome exited with code 3"
    assert [(e.event_type, e.data["job_id"]) for e in events] == [
        (EVENT_JOB_QUEUED, job.job_id),
        (EVENT_JOB_STARTED, job.job_id),
        (EVENT_JOB_COMPLETED, job.job_id),
        (EVENT_JOB_QUEUED, failed.job_id),
        (EVENT_JOB_STARTED, failed.job_id),
        (EVENT_JOB_FAILED, failed.job_id),
    ]
    assert events[-1].data == {
        "job_id": failed.job_id,
        "action": "validate",
        "configuration": "bad.yaml",
        "status": "failed",
        "exit_code": 3,
    }


async def test_flood_is_capped_while_running(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("flood.yaml", fake="flood 1000000")
    job = await manager.async_start_job("compile", config)
    peak = 0

    def watch(lines: list[str]) -> None:
        nonlocal peak
        peak = max(peak, len(job.buffer))

    manager.async_listen_output(job.job_id, watch)
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED
    assert 2000 < peak <= 4000
    output = job.output()
    total = 1_000_001  # the fake's header line plus one million lines
    assert len(output) == 2001
    assert output[0] == f"... [output trimmed: {total - 2000} earlier line(s) elided]"
    assert job.elided == total - 2000
    assert output[1] == "line 998000"
    assert output[-1] == "line 999999"


async def test_line_without_newline_is_split_and_bounded(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("long.yaml", fake="nonewline 50")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    job = await _run(manager, "compile", config)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert job.status is JobStatus.COMPLETED
    lines = job.buffer.lines()
    assert all(len(line) <= MAX_LINE_BYTES for line in lines)
    # 50 MiB of "x" then "\nend": the retained tail holds full pieces of x.
    assert lines[-1] == "end"
    assert set(lines[-2]) == {"x"}
    assert job.elided + len(lines) == 1 + (50 << 20) // MAX_LINE_BYTES + 1
    assert growth_mb < 200


async def test_invalid_utf8_is_replaced(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await _run(manager, "compile", write_config("utf.yaml", fake="badutf8"))
    assert job.output()[1:] == ["before \ufffd\ufffd\ufffd after", "ok €"]


async def test_carriage_return_progress_overwrites(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("cr.yaml", fake="progress")
    job = await manager.async_start_job("upload", config, "127.0.0.1")
    seen: list[str] = []
    progress: list[int] = []
    manager.async_listen_output(job.job_id, seen.extend)
    manager.async_listen_jobs(
        lambda kind, j: progress.append(j.progress) if kind == "job_progress" else None
    )
    await manager.async_wait(job.job_id)
    assert job.output() == [
        "fake upload cr.yaml progress",
        "Uploading: [=====] 100% Done...",
        "[1/4] CXX a.o",
        "[2/4] CXX b.o",
        "[4/4] LINK program",
    ]
    # Live listeners see the transient lines, marked by their trailing \r.
    assert seen[1:3] == ["Uploading: [=    ] 10% \r", "Uploading: [===  ] 50% \r"]
    assert progress == sorted(progress)
    assert job.progress == 100


async def test_missing_esphome_module_fails_with_hint(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await _run(manager, "validate", write_config("nm.yaml", fake="nomodule"))
    assert job.exit_code == 0
    assert job.status is JobStatus.FAILED
    assert job.error == INSTALL_HINT
    other = await _run(
        manager, "validate", write_config("nd.yaml", fake="nomodule_dashboard")
    )
    assert other.status is JobStatus.COMPLETED
    assert other.error is None


async def test_cancel_running_job_that_ignores_sigterm(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    cancelled: list[Event] = []
    hass.bus.async_listen(EVENT_JOB_CANCELLED, _collect(cancelled))
    job = await manager.async_start_job(
        "compile", write_config("t.yaml", fake="ignore_term")
    )
    await _wait_for_output(manager, job.job_id, "ignoring SIGTERM")
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
    job = await _run(manager, "compile", write_config("g.yaml", fake="grandchild"))
    assert job.status is JobStatus.COMPLETED
    assert "grandchild up" in job.output()
    # Cancel mid-run, with the grandchild alive and the child hanging.
    job = await manager.async_start_job(
        "compile", write_config("g2.yaml", fake="grandchild hang")
    )
    await _wait_for_output(manager, job.job_id, "child done")
    result = await manager.async_cancel(job.job_id)
    assert result.status is JobStatus.CANCELLED


async def test_daemon_in_its_own_session_is_killed(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    """setsid() escapes the process group, not the job's environment marker."""
    job = await _run(manager, "compile", write_config("d.yaml", fake="escape"))
    assert job.status is JobStatus.COMPLETED
    assert "daemon up" in job.output()
    assert await manager.hass.async_add_executor_job(pids_of_job, job.job_id) == []


async def test_cancel_queued_job_is_immediate(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    busy = await manager.async_start_job(
        "compile", write_config("a.yaml", fake="sleep 30")
    )
    queued = await manager.async_start_job(
        "validate", write_config("b.yaml", fake="exit 0")
    )
    await _wait_for_output(manager, busy.job_id, "sleeping")
    assert queued.status is JobStatus.QUEUED
    start = time.monotonic()
    await manager.async_cancel(queued.job_id)
    assert time.monotonic() - start < 0.5
    assert queued.status is JobStatus.CANCELLED
    assert queued.started_at is None
    await manager.async_cancel(busy.job_id)
    assert busy.status is JobStatus.CANCELLED


async def test_configuration_is_checked_again_when_its_job_starts(
    manager: JobManager, configs_dir: Path, write_config: Callable[..., str]
) -> None:
    """A file swapped for a link to the secrets while its job queued is not run."""
    busy = await manager.async_start_job(
        "compile", write_config("a.yaml", fake="sleep 30")
    )
    swapped = await manager.async_start_job(
        "validate", write_config("b.yaml", fake="exit 0")
    )
    linked = await manager.async_start_job(
        "validate", write_config("c.yaml", fake="exit 0")
    )
    await _wait_for_output(manager, busy.job_id, "sleeping")
    write_config("secrets.yaml", "wifi_password: hunter2\n")
    (configs_dir / "b.yaml").unlink()
    (configs_dir / "b.yaml").symlink_to("secrets.yaml")
    # An in-folder link to another configuration runs that configuration.
    write_config("real.yaml", fake="exit 0")
    (configs_dir / "c.yaml").unlink()
    (configs_dir / "c.yaml").symlink_to("real.yaml")
    await manager.async_cancel(busy.job_id)
    swapped = await manager.async_wait(swapped.job_id)
    assert swapped.status is JobStatus.FAILED
    assert swapped.error == "b.yaml is no longer a device configuration"
    assert swapped.output() == []
    linked = await manager.async_wait(linked.job_id)
    assert linked.status is JobStatus.COMPLETED
    assert linked.output() == ["fake config real.yaml exit"]


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
    await _wait_for_output(manager, compiles[0].job_id, "sleeping")
    await _wait_for_output(manager, compiles[1].job_id, "sleeping")
    # Two compiles run, the third waits; the upload lane is independent.
    await _wait_for_output(manager, logs.job_id, "sleeping")
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
    await _wait_for_output(manager, first.job_id, "sleeping")
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
    await _wait_for_output(manager, third.job_id, "sleeping")
    fourth = await manager.async_start_job("validate", "v.yaml")
    assert third.status is JobStatus.RUNNING
    await manager.async_cancel(fourth.job_id)
    await manager.async_cancel(third.job_id)


async def test_install_skips_upload_after_failed_compile(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await _run(manager, "install", write_config("f.yaml", fake="exit 1"), "OTA")
    assert job.status is JobStatus.FAILED
    assert job.output() == ["fake compile f.yaml exit"]


async def test_history_survives_reload(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    done = await _run(manager, "compile", write_config("h.yaml", fake="flood 5000"))
    running = await manager.async_start_job(
        "compile", write_config("r.yaml", fake="sleep 30")
    )
    await _wait_for_output(manager, running.job_id, "sleeping")
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    reloaded = entry.runtime_data.manager
    assert reloaded is not manager
    again = reloaded.get(done.job_id)
    assert again.status is JobStatus.COMPLETED
    assert again.output() == done.output()
    assert again.as_dict() == done.as_dict()
    stopped = reloaded.get(running.job_id)
    assert stopped.status is JobStatus.CANCELLED
    assert stopped.error == "ESPHome Builder was unloaded while the job was running"
    assert [j.job_id for j in reloaded.jobs()] == [running.job_id, done.job_id]


async def test_history_keeps_last_hundred(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("many.yaml", fake="exit 0")
    ids = [(await _run(manager, "validate", config)).job_id for _ in range(105)]
    await manager.history.async_flush()
    assert manager.history.job_ids() == set(ids[-100:])
    assert [job.job_id for job in manager.jobs()] == ids[-100:][::-1]


async def test_command_that_cannot_start_fails_the_job(
    hass: HomeAssistant,
    configs_dir: Path,
    tmp_path: Path,
    write_config: Callable[..., str],
) -> None:
    missing = tmp_path / "gone" / "esphome"
    entry = await setup_entry(hass, make_entry(str(missing), configs_dir))
    manager = entry.runtime_data.manager
    job = await _run(manager, "validate", write_config("x.yaml", fake="exit 0"))
    assert job.status is JobStatus.FAILED
    assert job.exit_code is None
    assert job.error is not None
    assert str(missing) in job.error
    assert "No such file or directory" in job.error


async def _wait_for_output(manager: JobManager, job_id: str, text: str) -> None:
    async with asyncio.timeout(20):
        while text not in manager.get(job_id).buffer.lines():
            await asyncio.sleep(0.02)


def _collect(events: list[Event]) -> Callable[[Event], None]:
    """Return a bus listener that runs in the loop, so events keep their order."""

    @callback
    def append(event: Event) -> None:
        events.append(event)

    return append


async def test_stopping_home_assistant_ends_running_jobs(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await manager.async_start_job(
        "compile", write_config("stop.yaml", fake="ignore_term")
    )
    await _wait_for_output(manager, job.job_id, "ignoring SIGTERM")
    pgid = (await manager.processes.async_load())[job.job_id]["pgid"]
    await hass.async_stop()
    assert job.status is JobStatus.CANCELLED
    assert job.error == "Home Assistant stopped while the job was running"
    assert live_group_members(pgid) == []


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
    job = await _run(manager, "compile", write_config("env.yaml", fake="env"))
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


@pytest.mark.parametrize(
    ("history", "processes"),
    [
        ({"jobs": "not a list"}, {"running": ["not", "a", "dict"]}),
        ({"jobs": [{"job_id": 5}, "x", None]}, {"running": {"j": {"pgid": "1"}}}),
        (
            {
                "jobs": [
                    {
                        "job_id": "a",
                        "action": "compile",
                        "configuration": "k.yaml",
                        "lines": 7,
                    }
                ]
            },
            {"running": {"j": {"pgid": 999999, "job": "not a job"}}},
        ),
        (
            {"jobs": [{"job_id": "a", "action": "explode", "configuration": "k.yaml"}]},
            {"running": {"j": {"pgid": 1, "job": {}}}},
        ),
        (
            {
                "jobs": [
                    {
                        "job_id": "a",
                        "action": "compile",
                        "configuration": "k.yaml",
                        "exit_code": "0",
                    }
                ]
            },
            {"running": None},
        ),
        ([1, 2, 3], "running"),
    ],
)
async def test_stored_records_of_the_wrong_shape_are_skipped(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    history: Any,
    processes: Any,
) -> None:
    """Valid JSON of the wrong shape never keeps the entry from loading."""
    good = {
        "job_id": "good",
        "action": "compile",
        "configuration": "k.yaml",
        "status": "completed",
        "exit_code": 0,
        "lines": ["done"],
    }
    if isinstance(history, dict) and isinstance(history["jobs"], list):
        history = {"jobs": [*history["jobs"], good]}
    hass_storage[STORAGE_KEY_HISTORY] = {
        "version": 1,
        "key": STORAGE_KEY_HISTORY,
        "data": history,
    }
    hass_storage[STORAGE_KEY_PROCESSES] = {
        "version": 1,
        "key": STORAGE_KEY_PROCESSES,
        "data": processes,
    }
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    if isinstance(history, dict) and isinstance(history["jobs"], list):
        assert [job.job_id for job in manager.jobs()] == ["good"]
        assert manager.get("good").output() == ["done"]
        if len(history["jobs"]) > 1:
            assert "Skipped a stored job of an unknown shape" in caplog.text
    else:
        assert manager.jobs() == []
