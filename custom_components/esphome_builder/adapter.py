"""What the adapters share: engine refusals in Home Assistant's terms.

The engine raises TranslatableError subclasses that name their strings.json
key; here they become translated HomeAssistantErrors (services, entities) or
websocket errors with a code that says what kind of refusal it was. One table,
so a websocket client and an automation read the same message.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import functools
from typing import Any

from homeassistant.components import websocket_api
from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError

from .const import DOMAIN
from .errors import TranslatableError
from .jobs.job import Job, JobStatus
from .runtime import BuilderRuntime, async_get_runtime

# The websocket error code of each refusal; anything else is bad input.
_WS_CODES = {
    "unknown_configuration": websocket_api.ERR_NOT_FOUND,
    "unknown_builder": websocket_api.ERR_NOT_FOUND,
    "unknown_job": websocket_api.ERR_NOT_FOUND,
    "unknown_batch": websocket_api.ERR_NOT_FOUND,
    "unknown_build": websocket_api.ERR_NOT_FOUND,
    "unknown_artifact": websocket_api.ERR_NOT_FOUND,
    "no_rollback_build": websocket_api.ERR_NOT_FOUND,
    "unknown_device": websocket_api.ERR_NOT_FOUND,
    "folder_unreadable": websocket_api.ERR_HOME_ASSISTANT_ERROR,
    "too_many_jobs": websocket_api.ERR_HOME_ASSISTANT_ERROR,
    "too_many_batches": websocket_api.ERR_HOME_ASSISTANT_ERROR,
    "not_loaded": websocket_api.ERR_HOME_ASSISTANT_ERROR,
}

type EngineHandler = Callable[
    [HomeAssistant, ActiveConnection, dict[str, Any], BuilderRuntime], None
]
type AsyncEngineHandler = Callable[
    [HomeAssistant, ActiveConnection, dict[str, Any], BuilderRuntime],
    Awaitable[None],
]
type WebsocketHandler = Callable[
    [HomeAssistant, ActiveConnection, dict[str, Any]], None
]
type AsyncWebsocketHandler = Callable[
    [HomeAssistant, ActiveConnection, dict[str, Any]], Awaitable[None]
]


def translated_error(
    err: TranslatableError, cls: type[HomeAssistantError] = HomeAssistantError
) -> HomeAssistantError:
    """Return ``err`` as a Home Assistant error with its translated message."""
    return cls(
        translation_domain=DOMAIN,
        translation_key=err.translation_key,
        translation_placeholders=err.placeholders,
    )


def job_failed_error(job: Job) -> HomeAssistantError:
    """Return the error raised for a job that did not complete."""
    return HomeAssistantError(
        translation_domain=DOMAIN,
        translation_key="job_failed",
        translation_placeholders={
            "action": str(job.action),
            "configuration": job.configuration,
            "error": job.error or str(job.status),
        },
    )


async def async_wait_bounded[T](
    wait: Awaitable[T],
    timeout: float | None,
    translation_key: str,
    placeholders: dict[str, str],
) -> T:
    """Await ``wait`` for at most ``timeout`` seconds, else raise a translated error.

    Only the waiting ends: the job or batch it waits for keeps running.
    """
    try:
        async with asyncio.timeout(timeout):
            return await wait
    except TimeoutError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key=translation_key,
            translation_placeholders={**placeholders, "timeout": f"{timeout:g}"},
        ) from err


async def async_service_wait(
    runtime: BuilderRuntime, job: Job, timeout: float | None, keeps_response: bool
) -> Job:
    """Wait for a service's job to end; raise if it failed and nobody reads why.

    A script step that waits and keeps no response stops at a failed job.
    """
    job = await async_wait_bounded(
        runtime.manager.async_wait(job.job_id),
        timeout,
        "job_timeout",
        {"job_id": job.job_id},
    )
    if job.status is JobStatus.FAILED and not keeps_response:
        raise job_failed_error(job)
    return job


@callback
def send_translated_error(
    connection: ActiveConnection, msg_id: int, err: TranslatableError
) -> None:
    """Answer a websocket command with the refusal's code and translated text."""
    error = translated_error(err)
    connection.send_error(
        msg_id,
        _WS_CODES.get(err.translation_key, websocket_api.ERR_INVALID_FORMAT),
        str(error),
        translation_key=error.translation_key,
        translation_domain=error.translation_domain,
        translation_placeholders=error.translation_placeholders,
    )


def engine_command(handler: EngineHandler) -> WebsocketHandler:
    """Give a websocket handler the loaded runtime; answer refusals for it."""

    @functools.wraps(handler)
    def _handler(
        hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
    ) -> None:
        try:
            handler(hass, connection, msg, async_get_runtime(hass))
        except TranslatableError as err:
            send_translated_error(connection, msg["id"], err)

    return _handler


def async_engine_command(handler: AsyncEngineHandler) -> AsyncWebsocketHandler:
    """Like ``engine_command``, for a handler that awaits the engine."""

    @functools.wraps(handler)
    async def _handler(
        hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
    ) -> None:
        try:
            await handler(hass, connection, msg, async_get_runtime(hass))
        except TranslatableError as err:
            send_translated_error(connection, msg["id"], err)

    return _handler
