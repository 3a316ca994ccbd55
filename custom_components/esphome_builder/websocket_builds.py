"""Websocket commands for archived builds: list them, download an artifact.

A download answers with a signed URL valid for a few minutes; the HTTP view in
``downloads.py`` serves it to an admin only. Rollbacks start through
``jobs/start`` (action ``rollback``, optional ``build_id``).
"""

from __future__ import annotations

from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
import voluptuous as vol

from .adapter import engine_command
from .archive import FirmwareArchive, async_signed_url
from .const import DOMAIN
from .errors import UnknownArtifactError
from .rollback import builds_of
from .runtime import BuilderRuntime


@callback
def async_register_build_commands(hass: HomeAssistant) -> None:
    """Register the build commands; once per hass."""
    websocket_api.async_register_command(hass, ws_builds_list)
    websocket_api.async_register_command(hass, ws_builds_download)


def _archive(runtime: BuilderRuntime, artifact_id: str) -> FirmwareArchive:
    if runtime.archive is None:
        raise UnknownArtifactError(artifact_id)
    return runtime.archive


@websocket_api.require_admin
@websocket_api.websocket_command(
    {vol.Required("type"): f"{DOMAIN}/builds/list", vol.Required("configuration"): str}
)
@callback
@engine_command
def ws_builds_list(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """List a configuration's archived builds, newest first."""
    builds = builds_of(runtime, msg["configuration"])
    connection.send_result(msg["id"], {"builds": [b.as_dict() for b in builds]})


@websocket_api.require_admin
@websocket_api.websocket_command(
    {
        vol.Required("type"): f"{DOMAIN}/builds/download",
        vol.Required("artifact_id"): str,
    }
)
@callback
@engine_command
def ws_builds_download(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    runtime: BuilderRuntime,
) -> None:
    """Answer with a short-lived signed URL of one artifact."""
    artifact_id = msg["artifact_id"]
    _archive(runtime, artifact_id).artifact_path(artifact_id)
    connection.send_result(msg["id"], {"url": async_signed_url(hass, artifact_id)})
