"""Bus events for automations: the engine's lifecycle changes on ``hass.bus``.

Only lifecycle changes go on the bus, since the recorder writes every bus event;
progress and output reach clients through the engine's listeners instead.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback

from .const import (
    EVENT_JOB_CANCELLED,
    EVENT_JOB_COMPLETED,
    EVENT_JOB_FAILED,
    EVENT_JOB_QUEUED,
    EVENT_JOB_STARTED,
)
from .jobs.job import (
    JOB_CANCELLED,
    JOB_COMPLETED,
    JOB_FAILED,
    JOB_QUEUED,
    JOB_STARTED,
    Job,
)
from .jobs.manager import JobManager

_BUS_EVENT = {
    JOB_QUEUED: EVENT_JOB_QUEUED,
    JOB_STARTED: EVENT_JOB_STARTED,
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
