"""Base entities: they follow engine events, never poll.

A configuration entity follows the newest job of its configuration (log
streams aside: they are not firmware work). Platforms add entities for every
configuration at setup and for configurations that appear later; the device
sync in registry.py removes them when their configuration goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.entity import Entity, EntityDescription
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .catalog import DEVICE_ADDED
from .jobs.job import JOB_QUEUED, Job, JobAction
from .models import DeviceConfig
from .registry import async_entities_device, configuration_unique_id, hub_device_info
from .runtime import BuilderRuntime, EsphomeBuilderConfigEntry


class BuilderEntity(Entity):
    """Common to every entity of the builder."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: EsphomeBuilderConfigEntry, description: EntityDescription
    ) -> None:
        """Initialize from the loaded entry."""
        self.entry = entry
        self.runtime: BuilderRuntime = entry.runtime_data
        self.entity_description = description
        self._attr_translation_key = description.translation_key or description.key


class HubEntity(BuilderEntity):
    """An entity of the builder itself."""

    def __init__(
        self, entry: EsphomeBuilderConfigEntry, description: EntityDescription
    ) -> None:
        """Initialize on the hub device."""
        super().__init__(entry, description)
        self._attr_unique_id = f"{entry.entry_id}-{description.key}"
        self._attr_device_info = hub_device_info(entry)


class ConfigurationEntity(BuilderEntity):
    """An entity of one configuration, following its newest job."""

    # Which actions this entity follows; None follows every firmware action.
    tracked_actions: frozenset[JobAction] | None = None

    def __init__(
        self,
        hass: HomeAssistant,
        entry: EsphomeBuilderConfigEntry,
        config: DeviceConfig,
        description: EntityDescription,
    ) -> None:
        """Initialize on the configuration's device."""
        super().__init__(entry, description)
        self.configuration = config.configuration
        self._attr_unique_id = configuration_unique_id(
            config.configuration, description.key
        )
        device = async_entities_device(hass, entry, config)
        if isinstance(device, dr.DeviceEntry):
            # Another integration's device: attach to it, never describe it.
            self.device_entry = device
        else:
            self._attr_device_info = device
        # Restore the newest job from the engine's history.
        self.job: Job | None = next(
            (job for job in self.runtime.manager.jobs() if self._tracks(job)), None
        )

    def _tracks(self, job: Job) -> bool:
        if job.configuration != self.configuration:
            return False
        if self.tracked_actions is not None:
            return job.action in self.tracked_actions
        return job.action is not JobAction.LOGS

    async def async_added_to_hass(self) -> None:
        """Follow the job events of this configuration, and only those."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.runtime.manager.async_listen_jobs(
                self._job_event, configuration=self.configuration
            )
        )

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        if not self._tracks(job):
            return
        if event_type == JOB_QUEUED:
            self.job = job
        elif job is not self.job:
            # An older job finishing (for example superseded) after a newer one.
            return
        self.async_write_ha_state()


@callback
def async_setup_configuration_entities(
    entry: EsphomeBuilderConfigEntry,
    async_add_entities: AddEntitiesCallback,
    factory: Callable[[DeviceConfig], Iterable[Entity]],
) -> None:
    """Add entities for every configuration now and for each one added later."""
    catalog = entry.runtime_data.catalog
    async_add_entities(
        [entity for config in catalog.configs() for entity in factory(config)]
    )

    @callback
    def _catalog_changed(event_type: str, config: DeviceConfig) -> None:
        if event_type == DEVICE_ADDED:
            async_add_entities(list(factory(config)))

    entry.async_on_unload(catalog.async_listen(_catalog_changed))
