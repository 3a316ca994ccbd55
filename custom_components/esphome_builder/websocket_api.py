"""Websocket commands: thin handlers over the engine and its streams.

Every command is admin-only. The names and message shapes are the public
contract in DESIGN.md; README.md ("Websocket API") lists the messages.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.hass_dict import HassKey
import voluptuous as vol

from .builders import UnknownBuilderError
from .const import DOMAIN
from .devices import ConfigurationError, InvalidDeviceError
from .ha_devices import async_device_link
from .jobs.manager import (
    JOB_PROGRESS,
    JOB_STARTED,
    JobManager,
    TooManyJobsError,
    UnknownJobError,
    job_payload,
)
from .models import DeviceConfig, Job, JobAction
from .runtime import BuilderRuntime, EsphomeBuilderConfigEntry
from .streams import RESYNC_REQUIRED, Message, Stream, Subscription, stream_events

# Streams per config entry, ended when that entry unloads.
_STREAMS: HassKey[dict[str, set[Stream]]] = HassKey(f"{DOMAIN}_streams")


@callback
def async_register_websocket_commands(hass: HomeAssistant) -> None:
    """Register the commands; once per hass (from async_setup)."""
    for command in (
        ws_devices_list,
        ws_jobs_list,
        ws_jobs_get,
        ws_jobs_start,
        ws_jobs_cancel,
        ws_jobs_follow,
        ws_jobs_subscribe,
        ws_subscribe_events,
    ):
        websocket_api.async_register_command(hass, command)


# -- helpers ---------------------------------------------------------------------


def _message(key: str, **placeholders: Any) -> HomeAssistantError:
    """Return an error whose text comes from strings.json's exceptions."""
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={k: str(v) for k, v in placeholders.items()},
    )


@callback
def _send_error(
    connection: ActiveConnection, msg_id: int, code: str, err: HomeAssistantError
) -> None:
    connection.send_error(
        msg_id,
        code,
        str(err),
        translation_key=err.translation_key,
        translation_domain=err.translation_domain,
        translation_placeholders=err.translation_placeholders,
    )


@callback
def _loaded_entry(hass: HomeAssistant) -> EsphomeBuilderConfigEntry:
    """Return the loaded entry; HA answers home_assistant_error when none is."""
    entries: list[EsphomeBuilderConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    if not entries:
        raise _message("not_loaded")
    return entries[0]


@callback
def _runtime(hass: HomeAssistant) -> BuilderRuntime:
    return _loaded_entry(hass).runtime_data


@callback
def _find_job(
    connection: ActiveConnection, msg_id: int, manager: JobManager, job_id: str
) -> Job | None:
    try:
        return manager.get(job_id)
    except UnknownJobError:
        _send_error(
            connection,
            msg_id,
            websocket_api.ERR_NOT_FOUND,
            _message("unknown_job", job_id=job_id),
        )
        return None


@callback
def device_dict(
    hass: HomeAssistant, config: DeviceConfig, builders: list[str] | None = None
) -> dict[str, Any]:
    """Return the public shape of a configuration with its HA device link.

    ``builders`` names the remote builders that also list it; ``remote`` marks a
    configuration that exists only on a remote builder.
    """
    ha_device_id, online = async_device_link(hass, config)
    return {
        **config.as_dict(),
        "ha_device_id": ha_device_id,
        "online": online,
        "remote": False,
        "builders": builders or [],
    }


@callback
def all_devices(hass: HomeAssistant, runtime: BuilderRuntime) -> list[dict[str, Any]]:
    """Return the local configurations, then those only remote builders have."""
    remote = runtime.builders.remote_configurations() if runtime.builders else {}
    devices = [
        device_dict(hass, config, remote.get(config.configuration))
        for config in runtime.catalog.configs()
    ]
    local = {config.configuration for config in runtime.catalog.configs()}
    for configuration in sorted(set(remote) - local):
        stem = configuration.rsplit(".", 1)[0]
        config = DeviceConfig(configuration, stem, None, None)
        devices.append(
            {**device_dict(hass, config, remote[configuration]), "remote": True}
        )
    return devices


@callback
def _track(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, stream: Stream
) -> None:
    """End ``stream`` when ``entry`` unloads; forget it when it ends first."""
    per_entry = hass.data.setdefault(_STREAMS, {})
    streams = per_entry.get(entry.entry_id)
    if streams is None:
        streams = per_entry[entry.entry_id] = set()

        @callback
        def _end_all() -> None:
            # Tell clients to re-subscribe: a reloaded entry has a new engine.
            for ending in list(per_entry.pop(entry.entry_id, ())):
                ending.finish([{"type": RESYNC_REQUIRED}])

        entry.async_on_unload(_end_all)
    if stream.closed:
        return
    streams.add(stream)
    stream.on_close = partial(streams.discard, stream)


def _job_event(event_type: str, job: Job) -> Message:
    return {"type": event_type, "job": job.as_dict()}


# -- one-shot commands -------------------------------------------------------------


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/devices/list"})
@callback
def ws_devices_list(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """List the known configurations."""
    connection.send_result(msg["id"], {"devices": all_devices(hass, _runtime(hass))})


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/jobs/list"})
@callback
def ws_jobs_list(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """List the jobs, newest first, without output."""
    manager = _runtime(hass).manager
    connection.send_result(
        msg["id"], {"jobs": [job.as_dict() for job in manager.jobs()]}
    )


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/get", vol.Required("job_id"): str}
)
@callback
def ws_jobs_get(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Return one job with its output."""
    manager = _runtime(hass).manager
    if (job := _find_job(connection, msg["id"], manager, msg["job_id"])) is not None:
        connection.send_result(msg["id"], {"job": job_payload(job)})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): f"{DOMAIN}/jobs/start",
        vol.Required("action"): vol.In([str(action) for action in JobAction]),
        vol.Required("configuration"): str,
        vol.Optional("device"): str,
        vol.Optional("builder"): str,
    }
)
@callback
def ws_jobs_start(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Queue a job."""
    manager = _runtime(hass).manager
    try:
        job = manager.async_start_job(
            msg["action"], msg["configuration"], msg.get("device"), msg.get("builder")
        )
    except UnknownBuilderError as err:
        _send_error(
            connection,
            msg["id"],
            websocket_api.ERR_NOT_FOUND,
            _message(err.translation_key, builder=err.builder),
        )
        return
    except ConfigurationError as err:
        code = {
            "unknown_configuration": websocket_api.ERR_NOT_FOUND,
            "folder_unreadable": websocket_api.ERR_HOME_ASSISTANT_ERROR,
        }.get(err.translation_key, websocket_api.ERR_INVALID_FORMAT)
        _send_error(
            connection,
            msg["id"],
            code,
            _message(err.translation_key, configuration=err.configuration),
        )
        return
    except InvalidDeviceError as err:
        _send_error(
            connection,
            msg["id"],
            websocket_api.ERR_INVALID_FORMAT,
            _message("invalid_device", device=err.device),
        )
        return
    except TooManyJobsError as err:
        _send_error(
            connection,
            msg["id"],
            websocket_api.ERR_HOME_ASSISTANT_ERROR,
            _message(err.translation_key, limit=err.limit),
        )
        return
    except RuntimeError as err:
        # The engine is shutting down: the entry is unloading.
        raise _message("not_loaded") from err
    connection.send_result(msg["id"], {"job_id": job.job_id})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/cancel", vol.Required("job_id"): str}
)
@websocket_api.async_response
async def ws_jobs_cancel(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Cancel a job; answer once nothing of it runs."""
    manager = _runtime(hass).manager
    if _find_job(connection, msg["id"], manager, msg["job_id"]) is None:
        return
    job = await manager.async_cancel(msg["job_id"])
    connection.send_result(msg["id"], {"job": job.as_dict()})


# -- streams -----------------------------------------------------------------------


def _history(job: Job) -> Message:
    lines = job.buffer.snapshot()
    if lines and job.buffer.transient:
        # The last line is a progress bar the next line overwrites: keep it
        # marked, as live output is.
        lines[-1] += "\r"
    return {
        "type": "history",
        "lines": lines,
        "elided": job.elided,
        "job": job.as_dict(),
    }


def _result(job: Job) -> Message:
    return {
        "type": "result",
        "status": str(job.status),
        "exit_code": job.exit_code,
        "error": job.error,
    }


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/follow", vol.Required("job_id"): str}
)
@callback
def ws_jobs_follow(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Stream a job: history, then live output and status, then its result."""
    msg_id = msg["id"]
    entry = _loaded_entry(hass)
    manager = entry.runtime_data.manager
    if (job := _find_job(connection, msg_id, manager, msg["job_id"])) is None:
        return
    if job.status.is_terminal:
        # Nothing more will happen: no listener needed.
        connection.send_result(msg_id)
        connection.send_event(msg_id, _history(job))
        connection.send_event(msg_id, _result(job))
        return

    def subscribe(stream: Stream) -> list[Subscription]:
        @callback
        def on_job(event_type: str, changed: Job) -> None:
            if changed is not job:
                return
            if event_type == JOB_PROGRESS:
                stream.push(
                    {"type": "progress", "progress": job.progress}, key="progress"
                )
            elif job.status.is_terminal:
                stream.finish([{"type": "status", "job": job.as_dict()}, _result(job)])
            elif event_type == JOB_STARTED:
                stream.push_priority({"type": "status", "job": job.as_dict()})

        return [
            partial(manager.async_listen_output, job.job_id, stream.push_lines),
            partial(manager.async_listen_jobs, on_job),
        ]

    stream = stream_events(hass, connection, msg_id, partial(_history, job), subscribe)
    _track(hass, entry, stream)


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/jobs/subscribe"})
@callback
def ws_jobs_subscribe(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Stream the job list: a snapshot, then lifecycle events that always land."""
    entry = _loaded_entry(hass)
    manager = entry.runtime_data.manager

    def snapshot() -> Message:
        return {"type": "snapshot", "jobs": [job.as_dict() for job in manager.jobs()]}

    def subscribe(stream: Stream) -> list[Subscription]:
        @callback
        def on_job(event_type: str, job: Job) -> None:
            if event_type == JOB_PROGRESS:
                # Only the newest progress of a job matters; it may be dropped.
                stream.push(_job_event(event_type, job), key=job.job_id)
            else:
                stream.push_priority(_job_event(event_type, job))

        return [partial(manager.async_listen_jobs, on_job)]

    _track(hass, entry, stream_events(hass, connection, msg["id"], snapshot, subscribe))


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/subscribe_events"})
@callback
def ws_subscribe_events(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Stream devices and jobs; on overflow ask the client to resync."""
    entry = _loaded_entry(hass)
    runtime = entry.runtime_data

    def snapshot() -> Message:
        return {
            "type": "initial_state",
            "devices": all_devices(hass, runtime),
            "jobs": [job.as_dict() for job in runtime.manager.jobs()],
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
            stream.push_or_terminate(_job_event(event_type, job), key=key)

        return [
            partial(runtime.catalog.async_listen, on_device),
            partial(runtime.manager.async_listen_jobs, on_job),
        ]

    _track(hass, entry, stream_events(hass, connection, msg["id"], snapshot, subscribe))
