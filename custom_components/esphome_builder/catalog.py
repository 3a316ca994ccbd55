"""The configurations in the folder, kept current while HA runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
import logging
from pathlib import Path

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_track_time_interval

from .const import DOMAIN
from .devices import discover_configurations
from .listeners import Listeners
from .models import DeviceConfig

_LOGGER = logging.getLogger(__name__)

RESCAN_INTERVAL = timedelta(seconds=30)
ISSUE_FOLDER_UNREADABLE = "configs_folder_unreadable"

DEVICE_ADDED = "device_added"
DEVICE_UPDATED = "device_updated"
DEVICE_REMOVED = "device_removed"

CatalogListener = Callable[[str, DeviceConfig], None]


class ConfigCatalog:
    """Lists the device configurations and tells listeners what changed."""

    def __init__(self, hass: HomeAssistant, configs_dir: Path) -> None:
        """Initialize an empty catalog; call async_refresh to fill it."""
        self.hass = hass
        self.configs_dir = configs_dir
        self._configs: dict[str, DeviceConfig] = {}
        self._listeners: Listeners[str, DeviceConfig] = Listeners()
        # Why the folder could not be read at the last scan, or None.
        self.unreadable: str | None = None

    def configs(self) -> list[DeviceConfig]:
        """Return the known configurations, sorted by file name."""
        return list(self._configs.values())

    def get(self, configuration: str) -> DeviceConfig | None:
        """Return one configuration, if known."""
        return self._configs.get(configuration)

    @property
    def listener_count(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._listeners)

    @callback
    def async_listen(self, listener: CatalogListener) -> CALLBACK_TYPE:
        """Call ``listener(event_type, config)`` when a configuration changes."""
        return self._listeners.add(listener)

    async def async_refresh(self) -> None:
        """Rescan the folder and announce additions, changes and removals.

        A folder that cannot be read (a share not mounted yet, a transient
        error) keeps the last known catalogue and opens a repair issue: read
        as "empty", it would remove every device and entity of the user's.
        """
        try:
            found = await self.hass.async_add_executor_job(
                discover_configurations, self.configs_dir
            )
        except OSError as err:
            if self.unreadable is None:
                _LOGGER.warning(
                    "Cannot read the configurations folder %s: %s",
                    self.configs_dir,
                    err,
                )
            self.unreadable = err.strerror or str(err)
            ir.async_create_issue(
                self.hass,
                DOMAIN,
                ISSUE_FOLDER_UNREADABLE,
                is_fixable=False,
                severity=ir.IssueSeverity.ERROR,
                translation_key=ISSUE_FOLDER_UNREADABLE,
                translation_placeholders={
                    "folder": str(self.configs_dir),
                    "detail": self.unreadable,
                },
            )
            return
        if self.unreadable is not None:
            self.unreadable = None
            ir.async_delete_issue(self.hass, DOMAIN, ISSUE_FOLDER_UNREADABLE)
        fresh = {config.configuration: config for config in found}
        old = self._configs
        self._configs = fresh
        for name, config in fresh.items():
            if name not in old:
                self._notify(DEVICE_ADDED, config)
            elif old[name] != config:
                self._notify(DEVICE_UPDATED, config)
        for name, config in old.items():
            if name not in fresh:
                self._notify(DEVICE_REMOVED, config)

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Rescan periodically; return the callable that stops it."""

        async def _rescan(_: object) -> None:
            await self.async_refresh()

        return async_track_time_interval(
            self.hass, _rescan, RESCAN_INTERVAL, name="esphome_builder rescan"
        )

    @callback
    def _notify(self, event_type: str, config: DeviceConfig) -> None:
        self._listeners.fire(event_type, config)
