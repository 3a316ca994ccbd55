"""Output is bounded by size, not only by lines: buffer, stored tail, history."""

from __future__ import annotations

from collections.abc import Callable
import random
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.const import (
    HISTORY_LIMIT,
    MAX_LINE_BYTES,
    RETAINED,
    STORAGE_KEY_HISTORY,
)
from custom_components.esphome_builder.jobs.history import (
    HISTORY_OUTPUT_CHARS,
    HistoryStore,
)
from custom_components.esphome_builder.jobs.job import Job, JobAction, JobStatus
from custom_components.esphome_builder.jobs.lines import LineSplitter
from custom_components.esphome_builder.jobs.manager import JobManager
from custom_components.esphome_builder.jobs.output import (
    FINISHED_CHARS,
    INFLIGHT_CHARS,
    OutputBuffer,
    trimmed_notice,
)

BIG = 64 * 1024


def _big(i: int) -> str:
    """A line of the longest size the splitter makes, that names its number."""
    return f"big {i} ".ljust(BIG, "y")


def _held(buffer: OutputBuffer) -> int:
    return sum(map(len, buffer.lines()))


# -- the buffer ----------------------------------------------------------------


def test_big_lines_stay_under_the_budget_while_running_and_after() -> None:
    buffer = OutputBuffer()
    total = 1000  # 62.5 MiB in all; the line window alone would hold all of it
    peak = 0
    for i in range(total):
        buffer.append([_big(i)], False)
        assert buffer.chars == _held(buffer)
        peak = max(peak, buffer.chars)
    assert peak <= INFLIGHT_CHARS
    # Trimming is amortised: the buffer grew past half the budget between trims.
    assert peak > INFLIGHT_CHARS // 2 + BIG
    buffer.finalize()
    assert buffer.chars == _held(buffer) <= FINISHED_CHARS
    assert len(buffer) == FINISHED_CHARS // BIG
    assert buffer.elided + len(buffer) == total
    assert buffer.snapshot()[0] == trimmed_notice(total - len(buffer))
    assert buffer.lines()[-1] == _big(total - 1)


def test_a_big_batch_is_cut_before_it_is_stored() -> None:
    buffer = OutputBuffer()
    buffer.append(["small"], False)
    batch = [_big(i) for i in range(200)]  # 12.5 MiB in one append
    buffer.append(batch, False)
    assert buffer.chars == _held(buffer) <= INFLIGHT_CHARS
    assert buffer.elided + len(buffer) == 201
    assert buffer.lines()[-1] == _big(199)


def _small() -> OutputBuffer:
    return OutputBuffer(
        retained=3, inflight=6, retained_chars=10, inflight_chars=20, finished_chars=8
    )


def test_notice_counts_lines_dropped_by_either_limit() -> None:
    buffer = _small()
    # Long lines: the size trims (past 20, back to at most 10) long before six lines.
    buffer.append(["aaaaaaa"], False)
    buffer.append(["bbbbbbb"], False)
    assert buffer.elided == 0
    buffer.append(["ccccccc"], False)  # 21 > 20
    assert buffer.lines() == ["ccccccc"]
    assert buffer.elided == 2
    # Short lines: the line window trims (past 6, back to 3).
    sizes = []
    for i in range(9):
        buffer.append([f"{i}"], False)
        sizes.append(len(buffer))
    assert sizes == [2, 3, 4, 5, 6, 3, 4, 5, 6]
    assert buffer.lines() == ["3", "4", "5", "6", "7", "8"]
    assert buffer.elided == 6
    # When the job ends, the size cuts again: 8 characters at most.
    buffer.append(["dddd", "eeee"], False)
    buffer.finalize()
    assert buffer.snapshot() == [trimmed_notice(12), "dddd", "eeee"]
    assert buffer.chars == 8


@pytest.mark.parametrize("seed", range(5))
def test_limits_hold_after_every_append(seed: int) -> None:
    rng = random.Random(seed)
    buffer = _small()
    total = 0
    for _ in range(2000):
        batch = [
            "x" * rng.choice([0, 1, 2, 5, 9, 15]) for _ in range(rng.randint(1, 9))
        ]
        total += len(batch)
        buffer.append(
            batch, False, sum(map(len, batch)) if rng.random() < 0.5 else None
        )
        assert len(buffer) <= 6
        assert buffer.chars <= 20 or len(buffer) == 1
        assert buffer.elided + len(buffer) == total
        assert buffer.lines()[-1] == batch[-1]
    buffer.finalize()
    assert len(buffer) <= 3
    assert buffer.chars <= 8 or len(buffer) == 1
    assert buffer.elided + len(buffer) == total


@pytest.mark.parametrize("seed", range(5))
def test_limits_hold_with_progress_bars(seed: int) -> None:
    rng = random.Random(seed)
    buffer = _small()
    for _ in range(2000):
        batch = [
            "x" * rng.choice([0, 1, 2, 5, 9, 15]) + ("\r" if rng.random() < 0.4 else "")
            for _ in range(rng.randint(1, 9))
        ]
        buffer.append(batch, any(line.endswith("\r") for line in batch))
        assert len(buffer) <= 6
        assert buffer.chars <= 20 or len(buffer) == 1
        assert buffer.lines()[-1] == batch[-1].removesuffix("\r")
        assert buffer.transient == batch[-1].endswith("\r")
    buffer.finalize()
    assert len(buffer) <= 3
    assert buffer.chars <= 8 or len(buffer) == 1


def test_transient_lines_are_counted_once() -> None:
    buffer = OutputBuffer(
        retained=10, inflight=20, retained_chars=100, inflight_chars=200
    )
    for percent in range(0, 101, 5):
        buffer.append([f"[{'=' * percent}] {percent}%\r"], True)
        assert buffer.chars == _held(buffer) < 120
    buffer.append(["done"], False)
    assert buffer.lines() == ["done"]
    assert buffer.chars == 4
    assert buffer.elided == 0


def test_the_last_line_always_survives() -> None:
    buffer = OutputBuffer(retained=3, inflight=6, retained_chars=4, inflight_chars=8)
    buffer.append(["a" * 50 + "\r"], True)
    assert buffer.lines() == ["a" * 50]
    assert buffer.transient
    buffer.append(["b"], False)
    assert buffer.lines() == ["b"]
    assert buffer.chars == 1


def test_restore_keeps_the_finished_window() -> None:
    lines = [_big(i) for i in range(40)]
    buffer = OutputBuffer.restore(lines, 7)
    assert buffer.chars == _held(buffer) <= FINISHED_CHARS
    assert buffer.lines() == lines[-len(buffer) :]
    assert buffer.elided == 7 + 40 - len(buffer)


def test_stored_tail_of_a_finished_job_is_small() -> None:
    job = Job(
        job_id="j",
        action=JobAction.COMPILE,
        configuration="a.yaml",
        device=None,
        created_at="",
    )
    splitter = LineSplitter()
    chunk = b"z" * (256 * 1024)
    for _ in range(64):  # 16 MiB without a newline, in pipe-sized reads
        lines, has_cr = splitter.feed(chunk)
        job.buffer.append(lines, has_cr)
    job.buffer.append(*splitter.finish())
    job.buffer.finalize()
    stored = job.as_stored_dict()
    assert sum(map(len, stored["lines"])) <= FINISHED_CHARS
    assert len(stored["lines"]) <= RETAINED
    assert stored["elided"] + len(stored["lines"]) == (16 << 20) // MAX_LINE_BYTES
    again = Job.from_stored_dict(stored)
    assert again.output() == job.output()


def test_splitter_keeps_no_more_than_one_line_back() -> None:
    splitter = LineSplitter()
    for _ in range(40):
        lines, _ = splitter.feed(b"q" * (256 * 1024 + 7))
        assert all(len(line) <= MAX_LINE_BYTES for line in lines)
        assert len(splitter._partial) <= MAX_LINE_BYTES


# -- the history ---------------------------------------------------------------


def _stored(job_id: str, lines: list[str], elided: int = 0) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "action": "compile",
        "configuration": f"{job_id}.yaml",
        "status": "completed",
        "exit_code": 0,
        "elided": elided,
        "lines": lines,
    }


def _output(store: HistoryStore) -> int:
    return sum(sum(map(len, job["lines"])) for job in store._data()["jobs"])


async def test_history_output_is_capped_oldest_first(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(hass)
    saves = 0
    delay_save = store._store.async_delay_save

    def counting(*args: Any) -> None:
        nonlocal saves
        saves += 1
        delay_save(*args)

    monkeypatch.setattr(store._store, "async_delay_save", counting)
    # The same string object, so that the test itself stays small.
    line = _big(0)
    per_job = FINISHED_CHARS // BIG
    for i in range(HISTORY_LIMIT):
        store.add(_stored(f"j{i:03d}", [line] * per_job, elided=3))
        assert store.output_chars == _output(store) <= HISTORY_OUTPUT_CHARS
    # One delayed save per finished job, as before the cap.
    assert saves == HISTORY_LIMIT
    jobs = store._data()["jobs"]
    assert len(jobs) == HISTORY_LIMIT  # every job keeps its metadata
    emptied = [job for job in jobs if not job["lines"]]
    kept = [job for job in jobs if job["lines"]]
    assert len(kept) == HISTORY_OUTPUT_CHARS // FINISHED_CHARS
    assert jobs[: len(emptied)] == emptied  # the oldest lost their output
    assert all(job["elided"] == 3 + per_job for job in emptied)
    assert all(job["elided"] == 3 for job in kept)
    assert Job.from_stored_dict(emptied[0]).output() == [trimmed_notice(3 + per_job)]
    await store.async_flush()


async def test_an_oversized_stored_job_is_trimmed_on_add(hass: HomeAssistant) -> None:
    store = HistoryStore(hass)
    store.add(_stored("huge", [_big(i) for i in range(RETAINED + 50)]))
    (job,) = store._data()["jobs"]
    assert sum(map(len, job["lines"])) <= FINISHED_CHARS
    assert job["lines"][-1] == _big(RETAINED + 49)
    assert job["elided"] + len(job["lines"]) == RETAINED + 50
    await store.async_flush()


async def test_history_saved_by_an_older_version_is_capped_on_load(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    line = _big(0)
    hass_storage[STORAGE_KEY_HISTORY] = {
        "version": 1,
        "key": STORAGE_KEY_HISTORY,
        "data": {
            "jobs": [
                _stored(f"old{i:02d}", [line] * 40 + [f"end {i}"]) for i in range(60)
            ]
        },
    }
    store = HistoryStore(hass)
    jobs = await store.async_load()
    assert len(jobs) == 60
    assert store.output_chars == _output(store) <= HISTORY_OUTPUT_CHARS
    for i, job in enumerate(jobs):
        assert sum(map(len, job["lines"])) <= FINISHED_CHARS
        assert job["elided"] + len(job["lines"]) == 41
        if job["lines"]:
            assert job["lines"][-1] == f"end {i}"
    assert jobs[-1]["lines"]
    assert not jobs[0]["lines"]


# -- through a real job ----------------------------------------------------------


@pytest.mark.usefixtures("no_leftover_processes")
@pytest.mark.parametrize(
    ("fake", "total", "last"),
    [
        # 800 lines of 64 KiB (50 MiB), plus the fake's header line.
        ("bigflood 800", 801, "big 799 "),
        # 50 MiB without a newline: 800 pieces of MAX_LINE_BYTES, then "end".
        ("nonewline 50", 1 + (50 << 20) // MAX_LINE_BYTES + 1, "end"),
    ],
)
async def test_a_flood_of_long_lines_is_bounded_by_size(
    hass: HomeAssistant,
    manager: JobManager,
    write_config: Callable[..., str],
    hass_storage: dict[str, Any],
    fake: str,
    total: int,
    last: str,
) -> None:
    job = await manager.async_start_job("compile", write_config("big.yaml", fake=fake))
    peak = 0

    def watch(lines: list[str]) -> None:
        nonlocal peak
        peak = max(peak, job.buffer.chars)

    manager.async_listen_output(job.job_id, watch)
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED
    # While running: the budget, plus at most one read of the pipe.
    assert 0 < peak <= INFLIGHT_CHARS + 512 * 1024
    stored = job.as_stored_dict()
    assert sum(map(len, stored["lines"])) <= FINISHED_CHARS
    assert stored["lines"][-1].startswith(last)
    assert stored["elided"] + len(stored["lines"]) == total
    assert job.output()[0] == trimmed_notice(stored["elided"])
    await manager.history.async_flush()
    (saved,) = hass_storage[STORAGE_KEY_HISTORY]["data"]["jobs"]
    assert sum(map(len, saved["lines"])) <= FINISHED_CHARS
    assert saved["elided"] == stored["elided"]
