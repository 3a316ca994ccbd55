"""Bus events for automations: the engine's lifecycle changes on ``hass.bus``.

Only lifecycle changes go on the bus, since the recorder writes every bus event;
progress and output reach clients through the engine's listeners instead.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback

from .const import (
    EVENT_BATCH_COMPLETED,
    EVENT_BATCH_STARTED,
    EVENT_JOB_CANCELLED,
    EVENT_JOB_COMPLETED,
    EVENT_JOB_FAILED,
    EVENT_JOB_QUEUED,
    EVENT_JOB_STARTED,
    EVENT_JOB_WAITING,
)
from .jobs.batch import BATCH_COMPLETED, BATCH_STARTED, Batch
from .jobs.batches import BatchManager
from .jobs.job import (
    JOB_CANCELLED,
    JOB_COMPLETED,
    JOB_FAILED,
    JOB_QUEUED,
    JOB_STARTED,
    JOB_WAITING,
    Job,
)
from .jobs.manager import JobManager

_BUS_EVENT = {
    JOB_QUEUED: EVENT_JOB_QUEUED,
    JOB_STARTED: EVENT_JOB_STARTED,
    JOB_WAITING: EVENT_JOB_WAITING,
    JOB_COMPLETED: EVENT_JOB_COMPLETED,
    JOB_FAILED: EVENT_JOB_FAILED,
    JOB_CANCELLED: EVENT_JOB_CANCELLED,
}


def lifecycle_data(job: Job) -> dict[str, Any]:
    """Return the payload of the job's bus events."""
    return {
        "job_id": job.job_id,
        "action": str(job.action),
        "configuration": job.configuration,
        "status": str(job.status),
        "exit_code": job.exit_code,
    }


@callback
def async_fire_job_events(hass: HomeAssistant, manager: JobManager) -> CALLBACK_TYPE:
    """Fire a bus event for each lifecycle change; return how to stop."""

    @callback
    def _forward(event_type: str, job: Job) -> None:
        if (bus_event := _BUS_EVENT.get(event_type)) is not None:
            hass.bus.async_fire(bus_event, lifecycle_data(job))

    return manager.async_listen_jobs(_forward)


_BATCH_BUS_EVENT = {
    BATCH_STARTED: EVENT_BATCH_STARTED,
    BATCH_COMPLETED: EVENT_BATCH_COMPLETED,
}


def batch_summary(batch: Batch) -> dict[str, Any]:
    """Return the payload of the batch's bus events: what an automation reports."""
    return {
        "batch_id": batch.batch_id,
        "action": str(batch.action),
        "status": str(batch.status),
        "reason": batch.reason,
        "counts": batch.counts(),
        "failed": batch.failed(),
        "skipped": batch.skipped(),
    }


@callback
def async_fire_batch_events(
    hass: HomeAssistant, batches: BatchManager
) -> CALLBACK_TYPE:
    """Fire a bus event when a batch starts and when it ends; return how to stop.

    Not its progress: the recorder writes every bus event, and the per-job
    events already say what each job did.
    """

    @callback
    def _forward(event_type: str, batch: Batch) -> None:
        if (bus_event := _BATCH_BUS_EVENT.get(event_type)) is not None:
            hass.bus.async_fire(bus_event, batch_summary(batch))

    return batches.async_listen(_forward)
