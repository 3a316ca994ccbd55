"""At start: load the history, and end the processes a crashed run left behind.

Two sweeps, because a crash can land between a spawn and its record: first
every job process whose Home Assistant is gone, recorded or not; then the
recorded process groups, each only where its processes carry the job's marker
(a reused process id is never signalled).
"""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .history import HistoryStore, ProcessRecord, ProcessStore
from .job import Job, JobStatus
from .plan import STOPPED_BY_HA
from .processes import (
    job_marker,
    kill_pids,
    orphaned_job_pids,
    owner_is_gone,
    pids_of_job,
)

_LOGGER = logging.getLogger(__name__)

CRASH_RECOVERED = (
    "Home Assistant stopped unexpectedly while the job was running; "
    "its ESPHome processes were ended at the next start"
)


async def async_recover_orphans(
    hass: HomeAssistant, processes: ProcessStore, known: set[str]
) -> list[Job]:
    """End leftover processes; return the recorded jobs ``known`` lacks.

    Those jobs come back cancelled, with the reason, so history tells the
    user what happened to them.
    """
    if ownerless := await hass.async_add_executor_job(_end_ownerless):
        _LOGGER.warning(
            "Ended %d ESPHome process(es) left by a Home Assistant that is gone",
            ownerless,
        )
    records = await processes.async_load()
    if not records:
        return []
    ended = await hass.async_add_executor_job(_end_orphans, records)
    recovered: list[Job] = []
    for job_id, record in records.items():
        _LOGGER.warning(
            "Ended %d leftover ESPHome process(es) of job %s (process group %s)",
            ended.get(job_id, 0),
            job_id,
            record["pgid"],
        )
        if job_id not in known and (job := _cancelled_job(record)) is not None:
            recovered.append(job)
    await processes.async_clear()
    return recovered


def _cancelled_job(record: ProcessRecord) -> Job | None:
    try:
        job = Job.from_stored_dict({**record["job"], "lines": []})
    except (KeyError, ValueError, TypeError) as err:
        _LOGGER.warning("Skipped a stored process record: %s", err)
        return None
    job.status = JobStatus.CANCELLED
    job.error = CRASH_RECOVERED
    job.finished_at = dt_util.utcnow().isoformat()
    return job


def _end_orphans(records: dict[str, ProcessRecord]) -> dict[str, int]:
    """Kill what is left of crashed jobs; only processes that carry their marker."""
    ended: dict[str, int] = {}
    for job_id in records:
        pids = pids_of_job(job_id)
        kill_pids(pids, match=job_marker(job_id))
        ended[job_id] = len(pids)
    return ended


def _end_ownerless() -> int:
    """Kill job processes whose Home Assistant is gone, recorded or not."""
    pids = orphaned_job_pids()
    kill_pids(pids, match=owner_is_gone)
    return len(pids)


async def async_load_history(history: HistoryStore) -> list[Job]:
    """Return the saved jobs; one saved unfinished ends cancelled, saying why."""
    kept: list[dict[str, Any]] = []
    jobs: list[Job] = []
    for data in await history.async_load():
        try:
            job = Job.from_stored_dict(data)
        except (KeyError, ValueError, TypeError) as err:
            # Never a reason not to load: skip it, and say so once.
            _LOGGER.warning("Skipped a stored job of an unknown shape: %s", err)
            continue
        kept.append(data)
        if not job.status.is_terminal:
            job.status = JobStatus.CANCELLED
            job.error = job.error or STOPPED_BY_HA
        jobs.append(job)
    history.replace(kept)
    return jobs
