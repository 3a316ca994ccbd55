"""Websocket commands of managed ESPHome: versions, pins, installs.

An install is a ``setup`` job: follow it with ``jobs/follow`` like any job.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
import voluptuous as vol

from .adapter import async_engine_command, engine_command
from .const import DOMAIN
from .esphome_versions import async_install, async_pin, managed_of
from .runtime import BuilderRuntime


@callback
def async_register_esphome_commands(hass: HomeAssistant) -> None:
    """Register the managed ESPHome commands; once per hass."""
    websocket_api.async_register_command(hass, ws_esphome_versions)
    websocket_api.async_register_command(hass, ws_esphome_pin)
    websocket_api.async_register_command(hass, ws_esphome_install)


@websocket_api.require_admin
@websocket_api.websocket_command({vol.Required("type"): f"{DOMAIN}/esphome/versions"})
@callback
@engine_command
def ws_esphome_versions(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Return the installed versions, the default and the pins."""
    managed = managed_of(runtime)
    connection.send_result(msg["id"], managed.as_dict() | {"managed": managed.enabled})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): f"{DOMAIN}/esphome/pin",
        vol.Required("configuration"): str,
        vol.Required("version"): vol.Any(None, str),
        vol.Optional("exact", default=False): bool,
    }
)
@websocket_api.async_response
@async_engine_command
async def ws_esphome_pin(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Pin a configuration to a version; a null version unpins it."""
    pins = await async_pin(
        runtime, msg["configuration"], msg["version"], exact=msg["exact"]
    )
    connection.send_result(msg["id"], {"pins": pins})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): f"{DOMAIN}/esphome/install",
        vol.Optional("version"): vol.Any(None, str),
    }
)
@websocket_api.async_response
@async_engine_command
async def ws_esphome_install(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Start the setup job of a version (default: the newest release)."""
    job = await async_install(runtime, msg.get("version"))
    connection.send_result(msg["id"], {"job_id": job.job_id})
