"""Finished jobs and running processes, persisted across restarts."""

from __future__ import annotations

from typing import Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from ..const import (
    HISTORY_LIMIT,
    STORAGE_KEY_HISTORY,
    STORAGE_KEY_PROCESSES,
    STORAGE_VERSION,
)

HISTORY_SAVE_DELAY = 2.0


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


class HistoryStore:
    """The last finished jobs, saved shortly after each one ends."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Initialize the store."""
        self._store: Store[HistoryData] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY_HISTORY, private=True
        )
        self._jobs: list[dict[str, Any]] = []

    async def async_load(self) -> list[dict[str, Any]]:
        """Load and return the saved jobs, oldest first."""
        data = await self._store.async_load()
        jobs = data.get("jobs", []) if isinstance(data, dict) else []
        self._jobs = [job for job in jobs if isinstance(job, dict)][-HISTORY_LIMIT:]
        return list(self._jobs)

    def replace(self, jobs: list[dict[str, Any]]) -> None:
        """Keep only ``jobs`` (those that loaded); saved with the next change."""
        self._jobs = list(jobs)

    def add(self, job: dict[str, Any]) -> None:
        """Record a finished job (with its output) and schedule a save."""
        self._jobs = [j for j in self._jobs if j.get("job_id") != job["job_id"]]
        self._jobs.append(job)
        del self._jobs[:-HISTORY_LIMIT]
        self._store.async_delay_save(self._data, HISTORY_SAVE_DELAY)

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
