"""Websocket commands for batches: start, preview, list, get, cancel.

Thin handlers: ``fleet.py`` resolves what a batch runs and skips, the batch
engine runs it, and ``subscribe_events`` streams its progress.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
import voluptuous as vol

from .adapter import async_engine_command, engine_command
from .const import DOMAIN, MAX_BATCH_ITEMS
from .fleet import (
    ATTR_ACTION,
    ATTR_ALL,
    ATTR_AREA_IDS,
    ATTR_CANARY,
    ATTR_CONFIGURATIONS,
    ATTR_DEVICE_IDS,
    ATTR_INCLUDE_OFFLINE,
    ATTR_LABEL_IDS,
    ATTR_MAX_FAILURES,
    ATTR_ONLY_OUTDATED,
    ATTR_RETRY_FAILED,
    ATTR_VALIDATE_FIRST,
    TARGET_KEYS,
    async_batch_request,
    preview,
)
from .jobs.batch import BATCH_ACTIONS
from .runtime import BuilderRuntime

_NAMES = vol.All([str], vol.Length(max=MAX_BATCH_ITEMS))


def _has_target(msg: dict[str, Any]) -> dict[str, Any]:
    if not any(key in msg for key in TARGET_KEYS):
        raise vol.Invalid(f"name at least one target: {', '.join(TARGET_KEYS)}")
    if ATTR_ACTION not in msg and ATTR_RETRY_FAILED not in msg:
        raise vol.Invalid("action is required, unless retry_failed names a batch")
    return msg


# The fields of batches/start and batches/preview (also run_batch's, see services.py).
BATCH_FIELDS = {
    vol.Optional(ATTR_ACTION): vol.In([str(action) for action in BATCH_ACTIONS]),
    vol.Optional(ATTR_ALL): bool,
    vol.Optional(ATTR_ONLY_OUTDATED): bool,
    vol.Optional(ATTR_CONFIGURATIONS): _NAMES,
    vol.Optional(ATTR_DEVICE_IDS): _NAMES,
    vol.Optional(ATTR_AREA_IDS): _NAMES,
    vol.Optional(ATTR_LABEL_IDS): _NAMES,
    vol.Optional(ATTR_INCLUDE_OFFLINE): bool,
    vol.Optional(ATTR_CANARY): vol.Any(
        vol.All(int, vol.Range(min=0, max=MAX_BATCH_ITEMS)), _NAMES
    ),
    vol.Optional(ATTR_MAX_FAILURES): vol.All(int, vol.Range(min=1)),
    vol.Optional(ATTR_VALIDATE_FIRST): bool,
    vol.Optional(ATTR_RETRY_FAILED): str,
}


@callback
def async_register_batch_commands(hass: HomeAssistant) -> None:
    """Register the batch commands; once per hass."""
    for command in (
        ws_batches_start,
        ws_batches_preview,
        ws_batches_list,
        ws_batches_get,
        ws_batches_cancel,
    ):
        websocket_api.async_register_command(hass, command)


@websocket_api.require_admin
@websocket_api.websocket_command(
    vol.All(
        vol.Schema({vol.Required("type"): f"{DOMAIN}/batches/start", **BATCH_FIELDS}),
        _has_target,
    )
)
@callback
@engine_command
def ws_batches_start(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Start a batch; its progress arrives through subscribe_events."""
    batch = runtime.batches.async_start(async_batch_request(hass, runtime, msg))
    connection.send_result(msg["id"], {"batch_id": batch.batch_id})


@websocket_api.require_admin
@websocket_api.websocket_command(
    vol.All(
        vol.Schema({vol.Required("type"): f"{DOMAIN}/batches/preview", **BATCH_FIELDS}),
        _has_target,
    )
)
@callback
@engine_command
def ws_batches_preview(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Say what a batch would run and skip, and why, without starting it."""
    connection.send_result(msg["id"], preview(async_batch_request(hass, runtime, msg)))


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/batches/list"})
@callback
@engine_command
def ws_batches_list(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """List the batches, newest first."""
    batches = [batch.as_dict() for batch in runtime.batches.batches()]
    connection.send_result(msg["id"], {"batches": batches})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/batches/get", vol.Required("batch_id"): str}
)
@callback
@engine_command
def ws_batches_get(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Return one batch with its items."""
    batch = runtime.batches.get(msg["batch_id"])
    connection.send_result(msg["id"], {"batch": batch.as_dict()})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/batches/cancel", vol.Required("batch_id"): str}
)
@websocket_api.async_response
@async_engine_command
async def ws_batches_cancel(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Cancel a batch; answer once none of its jobs runs."""
    batch = await runtime.batches.async_cancel(msg["batch_id"])
    connection.send_result(msg["id"], {"batch": batch.as_dict()})
