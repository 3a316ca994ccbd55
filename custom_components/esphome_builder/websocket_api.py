"""Websocket commands: thin handlers over the engine.

Every command is admin-only. The names and message shapes are the public
contract; README.md ("Websocket API") lists the messages. The streaming
commands live in ``websocket_streams.py``.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
import voluptuous as vol

from .adapter import async_engine_command, engine_command
from .const import DOMAIN, MAX_WAIT_TIMEOUT
from .jobs.job import JobAction, JobOptions
from .payloads import all_devices, job_payload
from .rollback import async_start_rollback
from .runtime import BuilderRuntime
from .websocket_batches import async_register_batch_commands
from .websocket_builds import async_register_build_commands
from .websocket_esphome import async_register_esphome_commands
from .websocket_streams import ws_jobs_follow, ws_jobs_subscribe, ws_subscribe_events


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
    async_register_batch_commands(hass)
    async_register_esphome_commands(hass)
    async_register_build_commands(hass)


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/devices/list"})
@callback
@engine_command
def ws_devices_list(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """List the known configurations."""
    connection.send_result(msg["id"], {"devices": all_devices(hass, runtime)})


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/jobs/list"})
@callback
@engine_command
def ws_jobs_list(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """List the jobs, newest first, without output."""
    jobs = [job.as_dict() for job in runtime.manager.jobs()]
    connection.send_result(msg["id"], {"jobs": jobs})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/get", vol.Required("job_id"): str}
)
@callback
@engine_command
def ws_jobs_get(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Return one job with its output."""
    job = runtime.manager.get(msg["job_id"])
    connection.send_result(msg["id"], {"job": job_payload(job)})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): f"{DOMAIN}/jobs/start",
        # A managed ESPHome install starts through esphome/install only.
        vol.Required("action"): vol.In(
            [str(action) for action in JobAction if action.reads_configuration]
        ),
        vol.Required("configuration"): str,
        vol.Optional("device"): str,
        vol.Optional("builder"): str,
        vol.Optional("wait_timeout"): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=MAX_WAIT_TIMEOUT)
        ),
        # A rollback's archived build; without it, the last known good.
        vol.Optional("build_id"): str,
    }
)
@websocket_api.async_response
@async_engine_command
async def ws_jobs_start(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Queue a job."""
    if msg["action"] == JobAction.ROLLBACK:
        job = await async_start_rollback(
            runtime,
            msg["configuration"],
            msg.get("build_id"),
            msg.get("device"),
            msg.get("wait_timeout"),
        )
        connection.send_result(msg["id"], {"job_id": job.job_id})
        return
    job = await runtime.manager.async_start_job(
        msg["action"],
        msg["configuration"],
        msg.get("device"),
        msg.get("builder"),
        JobOptions(wait_timeout=msg.get("wait_timeout")),
    )
    connection.send_result(msg["id"], {"job_id": job.job_id})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/jobs/cancel", vol.Required("job_id"): str}
)
@websocket_api.async_response
@async_engine_command
async def ws_jobs_cancel(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Cancel a job; answer once nothing of it runs."""
    job = await runtime.manager.async_cancel(msg["job_id"])
    connection.send_result(msg["id"], {"job": job.as_dict()})
