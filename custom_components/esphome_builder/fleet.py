"""Which configurations a batch runs, and which it skips and why.

Shared by the service and the websocket commands, so an automation and the
panel's preview select and skip exactly the same. Home Assistant's registries
say which devices are in an area or carry a label, and whether a node is
online; the firmware module says whether it already runs the target build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .device_lookup import device_by_identifier
from .devices import ConfigurationError, check_configuration_name
from .errors import CanaryNotInBatchError, UnknownDeviceError
from .firmware import async_firmware_state
from .ha_devices import async_find_esphome_device
from .jobs.batch import BatchRequest
from .jobs.job import JobAction, JobStatus
from .models import DeviceConfig
from .runtime import BuilderRuntime

ATTR_ACTION = "action"
ATTR_ALL = "all"
ATTR_ONLY_OUTDATED = "only_outdated"
ATTR_CONFIGURATIONS = "configurations"
ATTR_DEVICE_IDS = "device_ids"
ATTR_AREA_IDS = "area_ids"
ATTR_LABEL_IDS = "label_ids"
ATTR_INCLUDE_OFFLINE = "include_offline"
ATTR_CANARY = "canary"
ATTR_MAX_FAILURES = "max_failures"
ATTR_VALIDATE_FIRST = "validate_first"
ATTR_RETRY_FAILED = "retry_failed"
# What selects configurations; a request names at least one of them.
TARGET_KEYS = (
    ATTR_ALL,
    ATTR_ONLY_OUTDATED,
    ATTR_CONFIGURATIONS,
    ATTR_DEVICE_IDS,
    ATTR_AREA_IDS,
    ATTR_LABEL_IDS,
    ATTR_RETRY_FAILED,
)

OFFLINE = "The device is offline"
UNKNOWN_TO_HA = "Home Assistant does not know this device, so it counts as offline"
ON_TARGET = "Already on the target build ({version})"
GONE = "It is no longer in the configurations folder"
# The statuses of an earlier batch's items that a retry runs again.
RETRIED = frozenset({str(JobStatus.FAILED), str(JobStatus.CANCELLED)})


def _known(runtime: BuilderRuntime) -> dict[str, DeviceConfig]:
    """Return every configuration a job could run: local, then remote-only."""
    known = {config.configuration: config for config in runtime.catalog.configs()}
    remote = runtime.builders.remote_configurations() if runtime.builders else {}
    for name in sorted(set(remote) - set(known)):
        known[name] = DeviceConfig(name, name.rsplit(".", 1)[0], None, None)
    return known


@callback
def configuration_of_device(
    hass: HomeAssistant, runtime: BuilderRuntime, device_id: str
) -> str:
    """Return the configuration of our device, or of HA's esphome device."""
    device = dr.async_get(hass).async_get(device_id)
    if device is not None:
        for domain, identifier in device.identifiers:
            if domain == DOMAIN and runtime.catalog.get(identifier) is not None:
                return identifier
        for config in runtime.catalog.configs():
            match = async_find_esphome_device(hass, config)
            if match is not None and match.device_id == device_id:
                return config.configuration
    raise UnknownDeviceError(device_id)


@callback
def _places_of(
    hass: HomeAssistant, config: DeviceConfig
) -> list[tuple[str | None, set[str]]]:
    """Return the area and labels of the node's esphome device and of ours."""
    registry = dr.async_get(hass)
    found: list[tuple[str | None, set[str]]] = []
    match = async_find_esphome_device(hass, config)
    if match is not None and (device := registry.async_get(match.device_id)):
        found.append((device.area_id, set(device.labels)))
    for entry in hass.config_entries.async_entries(DOMAIN):
        own = device_by_identifier(
            registry, (DOMAIN, config.configuration), entry.entry_id
        )
        if own is not None:
            found.append((own.area_id, set(own.labels)))
    return found


def _ids(fields: Mapping[str, Any], key: str) -> set[str]:
    return set(fields.get(key) or ())


@callback
def _select(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    known: dict[str, DeviceConfig],
    fields: Mapping[str, Any],
) -> list[str]:
    """Return the selected configurations, in the catalog's order."""
    chosen: set[str] = set()
    for name in fields.get(ATTR_CONFIGURATIONS) or ():
        if name not in known:
            check_configuration_name(name)
            raise ConfigurationError("unknown_configuration", name)
        chosen.add(name)
    for device_id in fields.get(ATTR_DEVICE_IDS) or ():
        chosen.add(configuration_of_device(hass, runtime, device_id))
    areas, labels = _ids(fields, ATTR_AREA_IDS), _ids(fields, ATTR_LABEL_IDS)
    if areas or labels:
        for name, config in known.items():
            for area_id, device_labels in _places_of(hass, config):
                if area_id in areas or labels & device_labels:
                    chosen.add(name)
    selectors = any(
        key in fields
        for key in (ATTR_CONFIGURATIONS, ATTR_DEVICE_IDS, ATTR_AREA_IDS, ATTR_LABEL_IDS)
    )
    # `only_outdated` alone means every outdated one; with selectors, of those.
    everything = bool(fields.get(ATTR_ALL)) or (
        not selectors and bool(fields.get(ATTR_ONLY_OUTDATED))
    )
    selected = [name for name in known if everything or name in chosen]
    if fields.get(ATTR_ONLY_OUTDATED):
        selected = [
            name
            for name in selected
            if async_firmware_state(hass, runtime, known[name]).update_available
        ]
    return selected


@callback
def _skip_or_target(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    action: JobAction,
    config: DeviceConfig,
    include_offline: bool,
) -> tuple[str | None, str | None]:
    """Return ``(reason to skip, None)`` or ``(None, device to flash)``."""
    if action not in (JobAction.UPLOAD, JobAction.INSTALL):
        return None, None
    state = async_firmware_state(hass, runtime, config)
    if not include_offline and not state.known:
        return UNKNOWN_TO_HA, None
    if not include_offline and not state.online:
        return OFFLINE, None
    if state.on_target:
        return ON_TARGET.format(version=state.installed), None
    return None, state.host


def _canary_first(
    targets: list[tuple[str, str | None]], canary: int | list[str] | None
) -> tuple[list[tuple[str, str | None]], int]:
    """Put named canaries first; return the targets and how many are canaries."""
    if not isinstance(canary, list):
        return targets, max(0, canary or 0)
    by_name = dict(targets)
    for name in canary:
        if name not in by_name:
            raise CanaryNotInBatchError(name)
    named = list(dict.fromkeys(canary))
    first = [(name, by_name[name]) for name in named]
    return first + [t for t in targets if t[0] not in named], len(named)


def _retried(
    runtime: BuilderRuntime, batch_id: str
) -> tuple[JobAction, list[str], bool]:
    earlier = runtime.batches.get(batch_id)
    names = [item.configuration for item in earlier.items if item.status in RETRIED]
    return earlier.action, list(dict.fromkeys(names)), earlier.include_offline


@callback
def async_batch_request(
    hass: HomeAssistant, runtime: BuilderRuntime, fields: Mapping[str, Any]
) -> BatchRequest:
    """Resolve a request's targets, skips and canary into what a batch runs.

    Raises a TranslatableError for a target that does not exist: an unknown
    configuration, device, batch to retry, or canary outside the batch.
    """
    known = _known(runtime)
    retry_of = fields.get(ATTR_RETRY_FAILED)
    gone: list[str] = []
    include_offline = bool(fields.get(ATTR_INCLUDE_OFFLINE))
    if retry_of is not None:
        action, names, included = _retried(runtime, retry_of)
        # A retry reaches the devices the first run did, unless told otherwise.
        include_offline = bool(fields.get(ATTR_INCLUDE_OFFLINE, included))
        action = JobAction(fields.get(ATTR_ACTION) or action)
        gone = [name for name in names if name not in known]
        selected = [name for name in names if name in known]
    else:
        action = JobAction(fields[ATTR_ACTION])
        selected = _select(hass, runtime, known, fields)
    targets: list[tuple[str, str | None]] = []
    skipped = [(name, GONE) for name in gone]
    for name in selected:
        reason, device = _skip_or_target(
            hass, runtime, action, known[name], include_offline
        )
        if reason is not None:
            skipped.append((name, reason))
        else:
            targets.append((name, device))
    targets, canary = _canary_first(targets, fields.get(ATTR_CANARY))
    return BatchRequest(
        action=action,
        targets=tuple(targets),
        skipped=tuple(skipped),
        canary=canary,
        max_failures=fields.get(ATTR_MAX_FAILURES),
        validate_first=bool(fields.get(ATTR_VALIDATE_FIRST)),
        include_offline=include_offline,
        retry_of=retry_of,
    )


def preview(request: BatchRequest) -> dict[str, Any]:
    """Return what a batch would run and skip, before anything starts."""
    return {
        "action": str(request.action),
        "canary": request.canary,
        "run": [
            {"configuration": name, "device": device}
            for name, device in request.targets
        ],
        "skipped": [
            {"configuration": name, "reason": reason}
            for name, reason in request.skipped
        ],
    }
