"""Managed ESPHome: versions this integration installs with uv and runs itself."""

from __future__ import annotations

from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from ..const import (
    CONF_ESPHOME_KEEP,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    DATA_FOLDER,
    DEFAULT_ESPHOME_KEEP,
    ESPHOME_MANAGED,
)
from ..jobs.manager import JobManager
from ..runtime import entry_settings
from .layout import VersionLayout, is_version
from .versions import ManagedEsphome

__all__ = ["ManagedEsphome", "VersionLayout", "async_create_managed", "uses_managed"]


def uses_managed(entry: ConfigEntry) -> bool:
    """Return True when local builds run managed ESPHome (the default)."""
    return entry_settings(entry).get(CONF_ESPHOME_SOURCE) == ESPHOME_MANAGED


async def async_create_managed(
    hass: HomeAssistant, entry: ConfigEntry, manager: JobManager
) -> ManagedEsphome:
    """Load the managed versions of the entry's HA instance."""
    values = entry_settings(entry)
    pinned = str(values.get(CONF_ESPHOME_VERSION) or "").strip()
    managed = ManagedEsphome(
        hass,
        manager,
        VersionLayout(Path(hass.config.path(DATA_FOLDER))),
        pinned_default=pinned if is_version(pinned) else None,
        keep=int(values.get(CONF_ESPHOME_KEEP, DEFAULT_ESPHOME_KEEP)),
        enabled=uses_managed(entry),
    )
    await managed.async_load()
    return managed
