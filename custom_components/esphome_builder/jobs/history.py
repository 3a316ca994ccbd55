"""Finished jobs and running processes, persisted across restarts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from ..const import (
    HISTORY_LIMIT,
    RETAINED,
    STORAGE_KEY_HISTORY,
    STORAGE_KEY_PROCESSES,
    STORAGE_VERSION,
)
from .output import FINISHED_CHARS, tail_start

if TYPE_CHECKING:
    from .job import Job

HISTORY_SAVE_DELAY = 2.0
# The output of all stored jobs together, in characters (see output.py for why
# characters). Past it, the oldest jobs lose their output first and keep their
# metadata: the whole file is rewritten after each job, and the engine
# serializes it in the event loop. About 32 jobs at FINISHED_CHARS each.
HISTORY_OUTPUT_CHARS = 8 * 1024 * 1024


class HistoryData(TypedDict):
    """What the history store holds: finished jobs, oldest first, with output."""

    jobs: list[dict[str, Any]]


class ProcessRecord(TypedDict):
    """A running job's process group, written before anything can crash."""

    pgid: int
    job: dict[str, Any]


class ProcessesData(TypedDict):
    """What the processes store holds, keyed by job id."""

    running: dict[str, ProcessRecord]


def _lines_of(job: dict[str, Any]) -> list[str] | None:
    """Return a stored job's lines, or None for a shape that has none."""
    lines = job.get("lines")
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        return None
    return lines


def _fit(job: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Return the job within the finished window, and the size of its lines.

    The window is the one ``OutputBuffer.finalize`` keeps. A job saved by an
    older version may hold more; the lines dropped here are counted in
    ``elided``, so the trimmed notice says so.
    """
    lines = _lines_of(job)
    if lines is None:
        return job, 0
    size = sum(map(len, lines))
    if len(lines) <= RETAINED and size <= FINISHED_CHARS:
        return job, size
    skip, size = tail_start(lines, RETAINED, FINISHED_CHARS)
    return _without(job, skip), size


def _without(job: dict[str, Any], count: int) -> dict[str, Any]:
    """Return a copy of the job without its first ``count`` lines."""
    elided = job.get("elided")
    elided = elided if type(elided) is int and elided > 0 else 0
    return {**job, "lines": job["lines"][count:], "elided": elided + count}


class HistoryStore:
    """The last finished jobs, saved shortly after each one ends.

    The stored output of all jobs together stays under ``output_chars``: past
    it, the oldest jobs lose their lines (counted in ``elided``) first.
    """

    def __init__(
        self, hass: HomeAssistant, output_chars: int = HISTORY_OUTPUT_CHARS
    ) -> None:
        """Initialize the store."""
        self._store: Store[HistoryData] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY_HISTORY, private=True
        )
        self._output_chars = output_chars
        self._jobs: list[dict[str, Any]] = []
        # The output size of each job in _jobs, in the same order.
        self._sizes: list[int] = []

    async def async_load(self) -> list[dict[str, Any]]:
        """Load and return the saved jobs, oldest first."""
        data = await self._store.async_load()
        jobs = data.get("jobs", []) if isinstance(data, dict) else []
        # An older version may have stored more output than fits now.
        self.replace([job for job in jobs if isinstance(job, dict)][-HISTORY_LIMIT:])
        return list(self._jobs)

    def replace(self, jobs: list[dict[str, Any]]) -> None:
        """Keep only ``jobs`` (those that loaded); saved with the next change."""
        fitted = [_fit(job) for job in jobs]
        self._jobs = [job for job, _ in fitted]
        self._sizes = [size for _, size in fitted]
        self._cap()

    def add(self, job: dict[str, Any]) -> None:
        """Record a finished job (with its output) and schedule a save."""
        kept = [
            (j, size)
            for j, size in zip(self._jobs, self._sizes, strict=True)
            if j.get("job_id") != job["job_id"]
        ]
        self._jobs = [j for j, _ in kept]
        self._sizes = [size for _, size in kept]
        job, size = _fit(job)
        self._jobs.append(job)
        self._sizes.append(size)
        del self._jobs[:-HISTORY_LIMIT]
        del self._sizes[:-HISTORY_LIMIT]
        self._cap()
        # One delayed save per change, as before: the cap never saves by itself.
        self._store.async_delay_save(self._data, HISTORY_SAVE_DELAY)

    @property
    def output_chars(self) -> int:
        """Return the size of the output of all stored jobs, in characters."""
        return sum(self._sizes)

    def _cap(self) -> None:
        """Drop the output of the oldest jobs until the total fits the budget."""
        total = sum(self._sizes)
        index = 0
        while total > self._output_chars and index < len(self._jobs):
            size = self._sizes[index]
            if size:
                job = self._jobs[index]
                self._jobs[index] = _without(job, len(job["lines"]))
                self._sizes[index] = 0
                total -= size
            index += 1

    def job_ids(self) -> set[str]:
        """Return the ids of the recorded jobs."""
        return {job["job_id"] for job in self._jobs}

    def _data(self) -> HistoryData:
        return {"jobs": self._jobs}

    async def async_flush(self) -> None:
        """Write now; cancels a pending delayed save."""
        await self._store.async_save(self._data())


class ProcessStore:
    """Process groups of running jobs, so a crash can be cleaned up later."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Initialize the store."""
        self._store: Store[ProcessesData] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY_PROCESSES, private=True
        )
        self._running: dict[str, ProcessRecord] = {}

    async def async_load(self) -> dict[str, ProcessRecord]:
        """Return what a previous run left recorded."""
        data = await self._store.async_load()
        running = data.get("running") if isinstance(data, dict) else None
        if not isinstance(running, dict):
            return {}
        return {
            job_id: record
            for job_id, record in running.items()
            if isinstance(job_id, str)
            and isinstance(record, dict)
            and type(record.get("pgid")) is int
            and record["pgid"] > 1
            and isinstance(record.get("job"), dict)
        }

    async def async_add(self, job_id: str, pgid: int, job: dict[str, Any]) -> None:
        """Record a started process group, on disk before returning."""
        self._running[job_id] = {"pgid": pgid, "job": job}
        await self._store.async_save({"running": dict(self._running)})

    async def async_remove(self, job_id: str) -> None:
        """Forget a process group that has ended."""
        if self._running.pop(job_id, None) is not None:
            await self._store.async_save({"running": dict(self._running)})

    async def async_clear(self) -> None:
        """Forget everything, after a recovery."""
        self._running = {}
        await self._store.async_save({"running": {}})


def prune_finished(jobs: dict[str, Job], limit: int) -> None:
    """Forget finished jobs beyond ``limit``, oldest first; running ones stay."""
    finished = [job for job in jobs.values() if job.status.is_terminal]
    for job in finished[: max(0, len(finished) - limit)]:
        del jobs[job.job_id]
