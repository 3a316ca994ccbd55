"""Websocket subscriptions: a job's log, the job list, and devices with jobs.

Each takes its snapshot and attaches its listeners in one callback, so every
change is in the snapshot or in the stream, and listens only to what it shows:
a follower to its job, the lists to every job.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
import voluptuous as vol

from .adapter import engine_command
from .archive_builds import Build
from .const import DOMAIN
from .jobs.batch import BATCH_PROGRESS, Batch
from .jobs.job import JOB_PROGRESS, JOB_STARTED, JOB_WAITING, Job
from .listeners import Subscription
from .models import DeviceConfig
from .payloads import (
    all_devices,
    batch_event,
    device_dict,
    history_message,
    job_event,
    result_message,
)
from .pending import Message
from .runtime import BuilderRuntime
from .streams import Stream, stream_events


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/follow", vol.Required("job_id"): str}
)
@callback
@engine_command
def ws_jobs_follow(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Stream a job: history, then live output and status, then its result."""
    msg_id = msg["id"]
    manager = runtime.manager
    job = manager.get(msg["job_id"])
    if job.status.is_terminal:
        # Nothing more will happen: no listener needed.
        connection.send_result(msg_id)
        connection.send_event(msg_id, history_message(job))
        connection.send_event(msg_id, result_message(job))
        return

    def subscribe(stream: Stream) -> list[Subscription]:
        @callback
        def on_job(event_type: str, changed: Job) -> None:
            if event_type == JOB_PROGRESS:
                stream.push(
                    {"type": "progress", "progress": job.progress}, key="progress"
                )
            elif job.status.is_terminal:
                status = {"type": "status", "job": job.as_dict()}
                stream.finish([status, result_message(job)])
            elif event_type in (JOB_STARTED, JOB_WAITING):
                stream.push_priority({"type": "status", "job": job.as_dict()})

        return [
            partial(manager.async_listen_output, job.job_id, stream.push_lines),
            partial(manager.async_listen_jobs, on_job, job_id=job.job_id),
        ]

    stream = stream_events(
        hass, connection, msg_id, partial(history_message, job), subscribe
    )
    runtime.async_track_stream(stream)


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/jobs/subscribe"})
@callback
@engine_command
def ws_jobs_subscribe(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Stream the job list: a snapshot, then lifecycle events that always land."""
    manager = runtime.manager

    def snapshot() -> Message:
        return {"type": "snapshot", "jobs": [job.as_dict() for job in manager.jobs()]}

    def subscribe(stream: Stream) -> list[Subscription]:
        @callback
        def on_job(event_type: str, job: Job) -> None:
            if event_type == JOB_PROGRESS:
                # Only the newest progress of a job matters; it may be dropped.
                stream.push(job_event(event_type, job), key=job.job_id)
            else:
                stream.push_priority(job_event(event_type, job))

        return [partial(manager.async_listen_jobs, on_job)]

    runtime.async_track_stream(
        stream_events(hass, connection, msg["id"], snapshot, subscribe)
    )


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/subscribe_events"})
@callback
@engine_command
def ws_subscribe_events(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Stream devices and jobs; on overflow ask the client to resync."""

    def snapshot() -> Message:
        return {
            "type": "initial_state",
            "devices": all_devices(hass, runtime),
            "jobs": [job.as_dict() for job in runtime.manager.jobs()],
            "batches": [batch.summary() for batch in runtime.batches.batches()],
        }

    def subscribe(stream: Stream) -> list[Subscription]:
        @callback
        def on_device(event_type: str, config: DeviceConfig) -> None:
            stream.push_or_terminate(
                {"type": event_type, "device": device_dict(hass, config)}
            )

        @callback
        def on_job(event_type: str, job: Job) -> None:
            key = job.job_id if event_type == JOB_PROGRESS else None
            stream.push_or_terminate(job_event(event_type, job), key=key)

        @callback
        def on_batch(event_type: str, batch: Batch) -> None:
            # Only a batch's newest progress matters: 100 jobs moving at once
            # cost one message per flush, never a resync.
            key = batch.batch_id if event_type == BATCH_PROGRESS else None
            stream.push_or_terminate(batch_event(event_type, batch), key=key)

        @callback
        def on_build(event_type: str, build: Build) -> None:
            stream.push_or_terminate(
                {
                    "type": event_type,
                    "configuration": build.configuration,
                    "build_id": build.build_id,
                }
            )

        subscriptions: list[Subscription] = [
            partial(runtime.catalog.async_listen, on_device),
            partial(runtime.manager.async_listen_jobs, on_job),
            partial(runtime.batches.async_listen, on_batch),
        ]
        if runtime.archive is not None:
            subscriptions.append(partial(runtime.archive.async_listen_builds, on_build))
        return subscriptions

    runtime.async_track_stream(
        stream_events(hass, connection, msg["id"], snapshot, subscribe)
    )
