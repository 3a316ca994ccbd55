"""The archive's services: rollback, and list_builds.

Registered by ``services.py`` with the other services (admin only).
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .adapter import async_service_wait
from .const import MAX_WAIT_TIMEOUT
from .rollback import async_start_rollback, builds_of
from .runtime import async_get_runtime
from .services_batches import ATTR_TIMEOUT, ATTR_WAIT, MAX_TIMEOUT

ATTR_CONFIGURATION = "configuration"
ATTR_BUILD_ID = "build_id"
ATTR_DEVICE = "device"
ATTR_WAIT_TIMEOUT = "wait_timeout"
SERVICE_ROLLBACK = "rollback"
SERVICE_LIST_BUILDS = "list_builds"

ROLLBACK_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIGURATION): cv.string,
        vol.Optional(ATTR_BUILD_ID): cv.string,
        vol.Optional(ATTR_DEVICE): cv.string,
        vol.Optional(ATTR_WAIT, default=False): cv.boolean,
        vol.Optional(ATTR_TIMEOUT): vol.All(
            vol.Coerce(float), vol.Range(min=0.1, max=MAX_TIMEOUT)
        ),
        vol.Optional(ATTR_WAIT_TIMEOUT): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=MAX_WAIT_TIMEOUT)
        ),
    }
)
LIST_BUILDS_SCHEMA = vol.Schema({vol.Required(ATTR_CONFIGURATION): cv.string})


async def async_rollback(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Flash an archived build back (by default the last known good)."""
    runtime = async_get_runtime(hass)
    job = await async_start_rollback(
        runtime,
        call.data[ATTR_CONFIGURATION],
        call.data.get(ATTR_BUILD_ID),
        call.data.get(ATTR_DEVICE),
        call.data.get(ATTR_WAIT_TIMEOUT),
    )
    response: dict[str, Any] = {"job_id": job.job_id, "build_id": job.build_id}
    if not call.data[ATTR_WAIT]:
        return response | {"status": str(job.status), "exit_code": job.exit_code}
    job = await async_service_wait(
        runtime, job, call.data.get(ATTR_TIMEOUT), call.return_response
    )
    return response | {
        "status": str(job.status),
        "exit_code": job.exit_code,
        "error": job.error,
        "verified": job.verified,
    }


async def async_list_builds(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Return a configuration's archived builds, newest first."""
    builds = builds_of(async_get_runtime(hass), call.data[ATTR_CONFIGURATION])
    return {"builds": [build.as_dict() for build in builds]}
