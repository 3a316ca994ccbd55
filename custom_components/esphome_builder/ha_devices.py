"""Find the node that Home Assistant's own `esphome` integration knows.

HA's esphome integration registers each node as a device with only a MAC
connection (no identifiers); its config entry stores the node name under
``device_name`` and the MAC as ``unique_id``. Its requirements need not be
installed for this module: everything is read from the registries and, when
that integration runs, duck-typed from its runtime data.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .device_lookup import device_by_connection, device_by_identifier, device_entry_ids
from .models import DeviceConfig

ESPHOME_DOMAIN = "esphome"
# Key of HA's esphome config entry data that holds the node name.
CONF_NODE_NAME = "device_name"

_PROJECT_SW = re.compile(r"\(ESPHome ([^)\s]+)\)")
_PROJECT_PREFIX = re.compile(r"^(\S+) \(ESPHome [^)\s]+\)")
_LEADING_VERSION = re.compile(r"^(\d+\.\d+(?:\.\d+)?\S*)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


@dataclass(slots=True, frozen=True)
class HaEsphomeDevice:
    """The HA esphome device of one configuration."""

    device_id: str
    entry_id: str | None
    # True when HA's esphome integration is connected to the node now.
    online: bool
    # The ESPHome version the node's firmware was built with, when known.
    esphome_version: str | None
    connections: frozenset[tuple[str, str]]
    identifiers: frozenset[tuple[str, str]]
    # The firmware's `esphome: project: version:`, when it declares one.
    project_version: str | None = None
    # The address HA's esphome integration connects to (its entry's host).
    host: str | None = None
    # The build the node reports: ESPHome's compilation time of its firmware.
    compilation_time: str | None = None


def _normalize(name: str | None) -> str:
    # Node names use hyphens, HA slugs use underscores; compare what is left.
    return _NOT_ALNUM.sub("", (name or "").lower())


def version_from_sw(sw_version: str | None) -> str | None:
    """Return ESPHome's version from an esphome device's ``sw_version``.

    HA writes ``2026.10.0 (Oct 1 2026, 10:00:00)``, or for a project
    ``1.2.3 (ESPHome 2026.10.0)``.
    """
    if not sw_version:
        return None
    if match := _PROJECT_SW.search(sw_version):
        return match.group(1)
    if match := _LEADING_VERSION.match(sw_version.strip()):
        return match.group(1)
    return None


def project_from_sw(sw_version: str | None) -> str | None:
    """Return the project version from ``1.2.3 (ESPHome 2026.10.0)``, if any."""
    if sw_version and (match := _PROJECT_PREFIX.match(sw_version.strip())):
        return match.group(1)
    return None


def _runtime_state(
    entry: ConfigEntry | None,
) -> tuple[bool, str | None, str | None, str | None]:
    """Return (online, esphome, project, compilation time) of a loaded entry."""
    if entry is None or entry.state is not ConfigEntryState.LOADED:
        return False, None, None, None
    runtime: Any = getattr(entry, "runtime_data", None)
    online = bool(getattr(runtime, "available", False))
    info = getattr(runtime, "device_info", None)
    version = getattr(info, "esphome_version", None) or None
    project = getattr(info, "project_version", None) or None
    built = getattr(info, "compilation_time", None) or None
    return online, version, project, built


def _esphome_entries(hass: HomeAssistant) -> list[ConfigEntry]:
    return [
        entry
        for entry in hass.config_entries.async_entries(ESPHOME_DOMAIN)
        if entry.disabled_by is None
    ]


@callback
def async_find_esphome_device(
    hass: HomeAssistant, config: DeviceConfig, mac: str | None = None
) -> HaEsphomeDevice | None:
    """Return HA's esphome device for ``config``, or None.

    Matched by MAC (when the caller knows it), else by the node name the
    esphome entry stores: never by a display name, which a user may have given
    to another device (an install would flash the wrong node). Only devices
    that belong to an esphome config entry count.
    """
    registry = dr.async_get(hass)
    entries = {entry.entry_id: entry for entry in _esphome_entries(hass)}
    if not entries:
        return None
    device: dr.DeviceEntry | None = None
    if mac:
        device = device_by_connection(
            registry, (dr.CONNECTION_NETWORK_MAC, dr.format_mac(mac)), entries
        )
    node = _normalize(config.name) if config.name else ""
    if device is None and node:
        for entry in entries.values():
            if _normalize(entry.data.get(CONF_NODE_NAME)) == node:
                devices = dr.async_entries_for_config_entry(registry, entry.entry_id)
                if devices:
                    device = devices[0]
                    break
    if device is None:
        return None
    owner: ConfigEntry | None = next(
        (entries[eid] for eid in device_entry_ids(device) if eid in entries), None
    )
    online, version, project, built = _runtime_state(owner)
    return HaEsphomeDevice(
        device_id=device.id,
        entry_id=owner.entry_id if owner else None,
        online=online,
        esphome_version=version or version_from_sw(device.sw_version),
        connections=frozenset(device.connections),
        identifiers=frozenset(device.identifiers),
        project_version=project or project_from_sw(device.sw_version),
        host=owner.data.get("host") if owner else None,
        compilation_time=built,
    )


@callback
def async_device_link(
    hass: HomeAssistant, config: DeviceConfig
) -> tuple[str | None, bool]:
    """Return ``(ha_device_id, online)`` of a configuration.

    HA's esphome device of the node when there is one (online while that
    integration is connected to it), else the builder's own device of the
    configuration (never online: nothing of ours connects to the node), else
    ``(None, False)``.
    """
    device_id, online, _ = async_device_status(hass, config)
    return device_id, online


@callback
def async_device_status(
    hass: HomeAssistant, config: DeviceConfig
) -> tuple[str | None, bool, bool]:
    """Return ``async_device_link``'s answer, and whether HA's esphome knows it."""
    if (match := async_find_esphome_device(hass, config)) is not None:
        return match.device_id, match.online, True
    registry = dr.async_get(hass)
    for entry in hass.config_entries.async_entries(DOMAIN):
        own = device_by_identifier(
            registry, (DOMAIN, config.configuration), entry.entry_id
        )
        if own is not None:
            return own.id, False, False
    return None, False, False
