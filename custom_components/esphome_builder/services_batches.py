"""The batch services: run_batch, and cancel by batch id.

Registered by ``services.py`` with the other services (admin only); the field
names are those of the websocket's ``batches/start`` (the public contract).
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .adapter import async_wait_bounded
from .const import MAX_BATCH_ITEMS
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
)
from .jobs.batch import BATCH_ACTIONS
from .runtime import BuilderRuntime, async_get_runtime

ATTR_BATCH_ID = "batch_id"
ATTR_WAIT = "wait"
ATTR_TIMEOUT = "timeout"
MAX_TIMEOUT = 24 * 3600
# A script's `target:` hands these over; the fields use the contract's names.
TARGET_SELECTORS = {
    "device_id": ATTR_DEVICE_IDS,
    "area_id": ATTR_AREA_IDS,
    "label_id": ATTR_LABEL_IDS,
}
_NAMES = vol.All(cv.ensure_list, vol.Length(max=MAX_BATCH_ITEMS), [cv.string])


def _merge_target(data: dict[str, Any]) -> dict[str, Any]:
    """Fold a script's ``target:`` (device_id, area_id, label_id) into the fields."""
    merged = dict(data)
    for selector, field in TARGET_SELECTORS.items():
        if selector in merged:
            merged[field] = [*merged.get(field, []), *merged.pop(selector)]
    return merged


RUN_BATCH_SCHEMA = vol.All(
    vol.Schema(
        {
            vol.Optional(ATTR_ACTION): vol.In([str(a) for a in BATCH_ACTIONS]),
            vol.Optional(ATTR_ALL): cv.boolean,
            vol.Optional(ATTR_ONLY_OUTDATED): cv.boolean,
            vol.Optional(ATTR_CONFIGURATIONS): _NAMES,
            **{vol.Optional(key): _NAMES for key in TARGET_SELECTORS.values()},
            **{vol.Optional(key): _NAMES for key in TARGET_SELECTORS},
            vol.Optional(ATTR_INCLUDE_OFFLINE): cv.boolean,
            vol.Optional(ATTR_CANARY): vol.Any(
                vol.All(vol.Coerce(int), vol.Range(min=0, max=MAX_BATCH_ITEMS)),
                _NAMES,
            ),
            vol.Optional(ATTR_MAX_FAILURES): vol.All(vol.Coerce(int), vol.Range(min=1)),
            vol.Optional(ATTR_VALIDATE_FIRST): cv.boolean,
            vol.Optional(ATTR_RETRY_FAILED): cv.string,
            vol.Optional(ATTR_WAIT, default=False): cv.boolean,
            vol.Optional(ATTR_TIMEOUT): vol.All(
                vol.Coerce(float), vol.Range(min=0.1, max=MAX_TIMEOUT)
            ),
        }
    ),
    _merge_target,
    cv.has_at_least_one_key(*TARGET_KEYS),
    vol.Any(
        cv.has_at_least_one_key(ATTR_ACTION), cv.has_at_least_one_key(ATTR_RETRY_FAILED)
    ),
)


async def async_run_batch(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Start a batch; with ``wait``, answer once it ended. Returns the batch."""
    runtime = async_get_runtime(hass)
    batch = runtime.batches.async_start(async_batch_request(hass, runtime, call.data))
    if not call.data[ATTR_WAIT]:
        return batch.as_dict()
    batch = await async_wait_bounded(
        runtime.batches.async_wait(batch.batch_id),
        call.data.get(ATTR_TIMEOUT),
        "batch_timeout",
        {"batch_id": batch.batch_id},
    )
    return batch.as_dict()


async def async_cancel_batch(runtime: BuilderRuntime, batch_id: str) -> dict[str, Any]:
    """Cancel a batch and answer with it once none of its jobs runs."""
    return (await runtime.batches.async_cancel(batch_id)).as_dict()
