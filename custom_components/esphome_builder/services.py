"""Services for automations and scripts: thin handlers over the job engine.

Registered in async_setup, so they exist (and answer with a translated error)
even while no config entry is loaded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from functools import partial
from typing import Any

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError, Unauthorized, UnknownUser
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .adapter import async_service_wait, translated_error
from .const import DOMAIN, MAX_WAIT_TIMEOUT
from .errors import TranslatableError
from .fleet import configuration_of_device
from .jobs.job import Job, JobAction, JobOptions, JobStatus
from .runtime import async_get_runtime
from .services_batches import (
    ATTR_BATCH_ID,
    ATTR_TIMEOUT,
    ATTR_WAIT,
    MAX_TIMEOUT,
    RUN_BATCH_SCHEMA,
    async_cancel_batch,
    async_run_batch,
)
from .services_builds import (
    LIST_BUILDS_SCHEMA,
    ROLLBACK_SCHEMA,
    SERVICE_LIST_BUILDS,
    SERVICE_ROLLBACK,
    async_list_builds,
    async_rollback,
)
from .services_esphome import (
    INSTALL_ESPHOME_SCHEMA,
    PIN_VERSION_SCHEMA,
    SERVICE_INSTALL_ESPHOME,
    SERVICE_PIN_VERSION,
    async_install_esphome,
    async_pin_version,
)

ATTR_CONFIGURATION = "configuration"
ATTR_DEVICE_ID = "device_id"
ATTR_DEVICE = "device"
ATTR_BUILDER = "builder"
ATTR_JOB_ID = "job_id"
ATTR_WAIT_TIMEOUT = "wait_timeout"

SERVICE_CANCEL = "cancel"
SERVICE_RUN_BATCH = "run_batch"
JOB_SERVICES = (
    JobAction.VALIDATE,
    JobAction.COMPILE,
    JobAction.UPLOAD,
    JobAction.INSTALL,
    JobAction.CLEAN,
)
# Lines of output a failed job's response carries.
OUTPUT_TAIL = 20

JOB_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Exclusive(ATTR_CONFIGURATION, "target"): cv.string,
            # A list when it comes from a script's `target:`; one device.
            vol.Exclusive(ATTR_DEVICE_ID, "target"): vol.All(
                cv.ensure_list, vol.Length(min=1, max=1), [cv.string]
            ),
            vol.Optional(ATTR_DEVICE): cv.string,
            vol.Optional(ATTR_BUILDER): cv.string,
            vol.Optional(ATTR_WAIT_TIMEOUT): vol.All(
                vol.Coerce(float), vol.Range(min=0, max=MAX_WAIT_TIMEOUT)
            ),
            vol.Optional(ATTR_WAIT, default=False): cv.boolean,
            vol.Optional(ATTR_TIMEOUT): vol.All(
                vol.Coerce(float), vol.Range(min=0.1, max=MAX_TIMEOUT)
            ),
        }
    ),
    cv.has_at_least_one_key(ATTR_CONFIGURATION, ATTR_DEVICE_ID),
)
CANCEL_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Exclusive(ATTR_JOB_ID, "target"): cv.string,
            vol.Exclusive(ATTR_CONFIGURATION, "target"): cv.string,
            vol.Exclusive(ATTR_BATCH_ID, "target"): cv.string,
        }
    ),
    cv.has_at_least_one_key(ATTR_JOB_ID, ATTR_CONFIGURATION, ATTR_BATCH_ID),
)


def job_response(job: Job, details: bool = False) -> dict[str, Any]:
    """Return a service's response data for a job."""
    data: dict[str, Any] = {
        "job_id": job.job_id,
        "status": str(job.status),
        "exit_code": job.exit_code,
    }
    if details:
        data["error"] = job.error
        data["output"] = [line.rstrip("\r") for line in job.output()[-OUTPUT_TAIL:]]
    return data


def _admin_only(
    hass: HomeAssistant, handler: Callable[[ServiceCall], Awaitable[ServiceResponse]]
) -> Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]:
    """Refuse a call made by a user who is not an admin; translate refusals.

    They build and flash firmware, with its secrets, to any host or serial
    port. HA's ``async_register_admin_service`` does this too, but takes no
    response data before 2025.12. Calls without a user (automations, scripts
    an admin wrote) go through.
    """

    async def _handler(call: ServiceCall) -> ServiceResponse:
        if user_id := call.context.user_id:
            user = await hass.auth.async_get_user(user_id)
            if user is None:
                raise UnknownUser(context=call.context, user_id=user_id)
            if not user.is_admin:
                raise Unauthorized(context=call.context)
        try:
            return await handler(call)
        except TranslatableError as err:
            # A refusal of the request itself: the caller must change it.
            raise translated_error(err, ServiceValidationError) from err

    return _handler


async def _async_job(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Start a job; with ``wait``, answer once it ended."""
    runtime = async_get_runtime(hass)
    configuration = call.data.get(ATTR_CONFIGURATION)
    if configuration is None:
        configuration = configuration_of_device(
            hass, runtime, call.data[ATTR_DEVICE_ID][0]
        )
    job = await runtime.manager.async_start_job(
        JobAction(call.service),
        configuration,
        call.data.get(ATTR_DEVICE),
        call.data.get(ATTR_BUILDER),
        JobOptions(wait_timeout=call.data.get(ATTR_WAIT_TIMEOUT)),
    )
    if not call.data[ATTR_WAIT]:
        return job_response(job)
    job = await async_service_wait(
        runtime, job, call.data.get(ATTR_TIMEOUT), call.return_response
    )
    return job_response(job, details=job.status is not JobStatus.COMPLETED)


async def _async_cancel(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Cancel a job, every active job of a configuration, or a batch."""
    runtime = async_get_runtime(hass)
    manager = runtime.manager
    if (batch_id := call.data.get(ATTR_BATCH_ID)) is not None:
        return await async_cancel_batch(runtime, batch_id)
    if (job_id := call.data.get(ATTR_JOB_ID)) is not None:
        return job_response(await manager.async_cancel(job_id))
    configuration = call.data[ATTR_CONFIGURATION]
    active = [
        job for job in manager.active_jobs() if job.configuration == configuration
    ]
    if not active:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="no_active_job",
            translation_placeholders={"configuration": configuration},
        )
    cancelled = await asyncio.gather(
        *(manager.async_cancel(job.job_id) for job in active)
    )
    # The newest job answers; all of them are cancelled.
    return job_response(cancelled[-1]) | {
        "cancelled_jobs": [job.job_id for job in cancelled]
    }


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the services of the integration (admin only)."""
    for name, handler, schema, response in (
        (SERVICE_ROLLBACK, async_rollback, ROLLBACK_SCHEMA, SupportsResponse.OPTIONAL),
        (
            SERVICE_LIST_BUILDS,
            async_list_builds,
            LIST_BUILDS_SCHEMA,
            SupportsResponse.ONLY,
        ),
        (
            SERVICE_INSTALL_ESPHOME,
            async_install_esphome,
            INSTALL_ESPHOME_SCHEMA,
            SupportsResponse.OPTIONAL,
        ),
        (
            SERVICE_PIN_VERSION,
            async_pin_version,
            PIN_VERSION_SCHEMA,
            SupportsResponse.OPTIONAL,
        ),
    ):
        hass.services.async_register(
            DOMAIN,
            name,
            _admin_only(hass, partial(handler, hass)),
            schema=schema,
            supports_response=response,
        )
    hass.services.async_register(
        DOMAIN,
        SERVICE_RUN_BATCH,
        _admin_only(hass, partial(async_run_batch, hass)),
        schema=RUN_BATCH_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    for action in JOB_SERVICES:
        hass.services.async_register(
            DOMAIN,
            str(action),
            _admin_only(hass, partial(_async_job, hass)),
            schema=JOB_SCHEMA,
            supports_response=SupportsResponse.OPTIONAL,
        )
    hass.services.async_register(
        DOMAIN,
        SERVICE_CANCEL,
        _admin_only(hass, partial(_async_cancel, hass)),
        schema=CANCEL_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
