"""Device-registry lookups that read the same on every supported HA release.

HA 2026.10 made a device belong to exactly one config entry
(``DeviceEntry.config_entry_id``): identifiers and connections are unique only
within an entry, ``async_get_device`` is deprecated, and another integration's
entities attach to a device through ``entity.device_entry`` instead of a
``DeviceInfo`` that merges identifiers into it. HA 2025.4, the oldest release
we support, only knows the shared-device model. Everything that depends on
which model runs goes through here, so the rest of the code asks one question
per lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from homeassistant.helpers import device_registry as dr

SINGLE_ENTRY_DEVICES: Final = hasattr(dr.DeviceEntry, "config_entry_id")
"""True where a device belongs to one config entry (HA 2026.10 and later)."""


def device_entry_ids(device: dr.DeviceEntry) -> set[str]:
    """Return the ids of the config entries a device belongs to."""
    if SINGLE_ENTRY_DEVICES:
        entry_id: str | None = device.config_entry_id
        return {entry_id} if entry_id else set()
    return set(device.config_entries)


def device_by_identifier(
    registry: dr.DeviceRegistry, identifier: tuple[str, str], entry_id: str
) -> dr.DeviceEntry | None:
    """Return the device of ``entry_id`` that carries ``identifier``.

    On the shared-device model, where our identifiers are unique across entries,
    this is also another integration's device that our identifier was merged into.
    """
    if SINGLE_ENTRY_DEVICES:
        return registry.async_get_device_by_identifier(identifier, entry_id)
    return registry.async_get_device(identifiers={identifier})


def device_by_connection(
    registry: dr.DeviceRegistry,
    connection: tuple[str, str],
    entry_ids: Iterable[str],
) -> dr.DeviceEntry | None:
    """Return a device of one of ``entry_ids`` that has ``connection``."""
    entry_ids = set(entry_ids)
    if SINGLE_ENTRY_DEVICES:
        for entry_id in entry_ids:
            if device := registry.async_get_device_by_connection(connection, entry_id):
                return device
        return None
    device = registry.async_get_device(connections={connection})
    if device is None or not entry_ids & device.config_entries:
        return None
    return device
