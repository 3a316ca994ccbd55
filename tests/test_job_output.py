"""What a real process prints reaches the job as lines: floods capped while running,
unterminated lines split, bad UTF-8 replaced, carriage-return progress overwritten."""

from __future__ import annotations

from collections.abc import Callable
import resource

import pytest

from custom_components.esphome_builder.const import MAX_LINE_BYTES
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .job_helpers import run_job

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


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
    job = await run_job(manager, "compile", config)
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
    job = await run_job(manager, "compile", write_config("utf.yaml", fake="badutf8"))
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
