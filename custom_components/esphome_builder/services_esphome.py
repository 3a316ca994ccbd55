"""The managed ESPHome services: install_esphome and pin_version.

Registered by ``services.py`` with the other services (admin only).
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .adapter import async_service_wait
from .esphome_versions import async_install, async_pin
from .runtime import async_get_runtime
from .services_batches import ATTR_TIMEOUT, ATTR_WAIT, MAX_TIMEOUT

ATTR_VERSION = "version"
ATTR_CONFIGURATION = "configuration"
ATTR_EXACT = "exact"
SERVICE_INSTALL_ESPHOME = "install_esphome"
SERVICE_PIN_VERSION = "pin_version"

INSTALL_ESPHOME_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_VERSION): vol.Any(None, cv.string),
        vol.Optional(ATTR_WAIT, default=False): cv.boolean,
        vol.Optional(ATTR_TIMEOUT): vol.All(
            vol.Coerce(float), vol.Range(min=0.1, max=MAX_TIMEOUT)
        ),
    }
)
PIN_VERSION_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIGURATION): cv.string,
        vol.Optional(ATTR_VERSION): vol.Any(None, cv.string),
        vol.Optional(ATTR_EXACT, default=False): cv.boolean,
    }
)


async def async_install_esphome(
    hass: HomeAssistant, call: ServiceCall
) -> ServiceResponse:
    """Install an ESPHome version (default: the newest) as a setup job."""
    runtime = async_get_runtime(hass)
    job = await async_install(runtime, call.data.get(ATTR_VERSION) or None)
    if call.data[ATTR_WAIT]:
        job = await async_service_wait(
            runtime, job, call.data.get(ATTR_TIMEOUT), call.return_response
        )
    return {
        "job_id": job.job_id,
        "status": str(job.status),
        "exit_code": job.exit_code,
        "esphome_version": job.esphome_version,
        "error": job.error,
    }


async def async_pin_version(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Pin a configuration to an ESPHome version; without a version, unpin it."""
    pins = await async_pin(
        async_get_runtime(hass),
        call.data[ATTR_CONFIGURATION],
        call.data.get(ATTR_VERSION) or None,
        exact=call.data[ATTR_EXACT],
    )
    return {"pins": dict(pins.items())}
