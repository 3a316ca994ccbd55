"""Firmware update entity: what the node runs against what the builder would build.

Installed is what the node reports through HA's esphome integration (when
that integration knows it). Latest is the ESPHome version of the builder that
would build the configuration (the local command, or a remote builder's own),
in HA's esphome format ``1.2.0 (ESPHome 2026.10.0)`` for a configuration that
declares ``esphome: project: version:``; a configuration changed since its
last confirmed install is an update too, with a summary that says so (see
``firmware.py``, which the batches share). Installing runs an ``install``
job to the address HA's esphome integration connects to, waits for an offline
node, and reports its progress.
"""

from __future__ import annotations

import re
from typing import Any

from homeassistant.components.update import (
    UpdateDeviceClass,
    UpdateEntity,
    UpdateEntityDescription,
    UpdateEntityFeature,
)
from homeassistant.const import EntityCategory
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .adapter import job_failed_error, translated_error
from .catalog import DEVICE_UPDATED
from .entity import ConfigurationEntity, async_setup_configuration_entities
from .errors import TranslatableError
from .firmware import async_firmware_state, target_esphome
from .ha_devices import async_find_esphome_device
from .jobs.job import JobAction, JobStatus
from .models import DeviceConfig
from .runtime import EsphomeBuilderConfigEntry

CONFIG_CHANGED = "configuration changed"
CHANGED_SUMMARY = (
    "The configuration (its YAML or a file it includes) changed since its last "
    "confirmed install."
)
CHANGELOG_URL = "https://esphome.io/changelog/{version}.html"
_RELEASE = re.compile(r"^\d{4}\.\d{1,2}\.\d+$")

FIRMWARE = UpdateEntityDescription(
    key="firmware",
    translation_key="firmware",
    device_class=UpdateDeviceClass.FIRMWARE,
    entity_category=EntityCategory.CONFIG,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EsphomeBuilderConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add a firmware update entity for every configuration."""

    def factory(config: DeviceConfig) -> list[FirmwareUpdate]:
        return [FirmwareUpdate(hass, entry, config)]

    async_setup_configuration_entities(entry, async_add_entities, factory)


class FirmwareUpdate(ConfigurationEntity, UpdateEntity):
    """Install firmware built with the builder's ESPHome onto the node."""

    tracked_actions = frozenset({JobAction.INSTALL})
    _attr_supported_features = (
        UpdateEntityFeature.INSTALL | UpdateEntityFeature.PROGRESS
    )
    _attr_title = "ESPHome"

    def __init__(
        self,
        hass: HomeAssistant,
        entry: EsphomeBuilderConfigEntry,
        config: DeviceConfig,
    ) -> None:
        """Initialize on the configuration's device."""
        super().__init__(hass, entry, config, FIRMWARE)
        self._config = config
        self._installed = self._node_version(hass)
        if core_update_enabled(hass, config):
            # One firmware update per device: HA's own esphome one is enabled.
            self._attr_entity_registry_enabled_default = False

    def _node_version(self, hass: HomeAssistant) -> str | None:
        return async_firmware_state(hass, self.runtime, self._config).installed

    @property
    def installed_version(self) -> str | None:
        """Return the ESPHome version the node runs, when HA knows it."""
        return self._installed

    @property
    def latest_version(self) -> str | None:
        """Return what the builder would build; marked when only the YAML changed."""
        firmware = async_firmware_state(self.hass, self.runtime, self._config)
        if firmware.latest is not None and firmware.config_changed:
            return f"{firmware.latest} ({CONFIG_CHANGED})"
        return firmware.latest

    def version_is_newer(self, latest_version: str, installed_version: str) -> bool:
        """Return whether the builder would install something new: see firmware.py."""
        return async_firmware_state(
            self.hass, self.runtime, self._config
        ).update_available

    @property
    def release_summary(self) -> str | None:
        """Say why there is an update when no version moved."""
        firmware = async_firmware_state(self.hass, self.runtime, self._config)
        if firmware.config_changed:
            return CHANGED_SUMMARY
        return None

    @property
    def release_url(self) -> str | None:
        """Return ESPHome's changelog of the version the builder runs."""
        version = target_esphome(self.runtime, self._config)
        if version is None or not _RELEASE.match(version):
            return None
        return CHANGELOG_URL.format(version=version)

    @property
    def in_progress(self) -> bool:
        """Return True while an install job of this configuration is active."""
        return self.job is not None and not self.job.status.is_terminal

    @property
    def update_percentage(self) -> int | None:
        """Return the install job's progress."""
        return self.job.progress if self.in_progress and self.job else None

    async def async_added_to_hass(self) -> None:
        """Follow jobs, re-probes, and HA's esphome device updates."""
        await super().async_added_to_hass()
        if (health := self.runtime.health) is not None:
            self.async_on_remove(health.async_listen(self.async_write_ha_state))
        if (managed := self.runtime.managed) is not None:
            # A pin, or a new default version, changes the latest version.
            self.async_on_remove(managed.async_listen(self.async_write_ha_state))
        self.async_on_remove(
            self.hass.bus.async_listen(
                dr.EVENT_DEVICE_REGISTRY_UPDATED, self._device_registry_updated
            )
        )
        # An edited YAML (a new project version) changes the latest version.
        self.async_on_remove(self.runtime.catalog.async_listen(self._catalog_changed))
        # A confirmed install, or a remote builder's new ESPHome, too.
        if (deployments := self.runtime.deployments) is not None:
            self.async_on_remove(deployments.async_listen(self.async_write_ha_state))
        if (builders := self.runtime.builders) is not None:
            self.async_on_remove(builders.async_listen(self.async_write_ha_state))

    @callback
    def _catalog_changed(self, event_type: str, config: DeviceConfig) -> None:
        if event_type == DEVICE_UPDATED and config.configuration == self.configuration:
            self._config = config
            self.async_write_ha_state()

    @callback
    def _device_registry_updated(
        self, _: Event[dr.EventDeviceRegistryUpdatedData]
    ) -> None:
        # A reflashed node reconnects and HA's esphome integration updates
        # its device's sw_version; that is when the installed version changes.
        installed = self._node_version(self.hass)
        if installed != self._installed:
            self._installed = installed
            self.async_write_ha_state()

    async def async_install(
        self, version: str | None, backup: bool, **kwargs: Any
    ) -> None:
        """Run an install job (compile, then upload over the air) and wait."""
        firmware = async_firmware_state(self.hass, self.runtime, self._config)
        try:
            job = await self.runtime.manager.async_start_job(
                JobAction.INSTALL, self.configuration, firmware.host
            )
        except TranslatableError as err:
            raise translated_error(err, ServiceValidationError) from err
        job = await self.runtime.manager.async_wait(job.job_id)
        if job.status is not JobStatus.COMPLETED:
            raise job_failed_error(job)


@callback
def core_update_enabled(hass: HomeAssistant, config: DeviceConfig) -> bool:
    """Return True when HA's esphome integration offers the node's update too.

    That is an enabled update entity of the esphome platform on its device.
    """
    node = async_find_esphome_device(hass, config)
    if node is None:
        return False
    return any(
        entry.domain == "update"
        and entry.platform == "esphome"
        and entry.disabled_by is None
        for entry in er.async_entries_for_device(er.async_get(hass), node.device_id)
    )
