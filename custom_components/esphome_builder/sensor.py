"""Sensors: each configuration's firmware job and build progress; the hub's queue, last batch and ESPHome version."""

from __future__ import annotations

from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .entity import ConfigurationEntity, HubEntity, async_setup_configuration_entities
from .jobs.batch import Batch, BatchStatus
from .jobs.job import JOB_PROGRESS, Job, JobStatus
from .models import DeviceConfig
from .runtime import EsphomeBuilderConfigEntry

IDLE = "idle"
JOB_STATES = [IDLE, *(str(status) for status in JobStatus)]

FIRMWARE_JOB = SensorEntityDescription(
    key="firmware_job",
    translation_key="firmware_job",
    device_class=SensorDeviceClass.ENUM,
    options=JOB_STATES,
)
BUILD_PROGRESS = SensorEntityDescription(
    key="build_progress",
    translation_key="build_progress",
    native_unit_of_measurement=PERCENTAGE,
    suggested_display_precision=0,
)
QUEUED_JOBS = SensorEntityDescription(
    key="queued_jobs",
    translation_key="queued_jobs",
    state_class=SensorStateClass.MEASUREMENT,
)
LAST_BATCH = SensorEntityDescription(
    key="last_batch",
    translation_key="last_batch",
    device_class=SensorDeviceClass.ENUM,
    options=[str(status) for status in BatchStatus],
)
ESPHOME_VERSION = SensorEntityDescription(
    key="esphome_version",
    translation_key="esphome_version",
    entity_category=EntityCategory.DIAGNOSTIC,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: EsphomeBuilderConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the hub sensors and the sensors of every configuration."""
    async_add_entities(
        [
            QueuedJobsSensor(entry, QUEUED_JOBS),
            LastBatchSensor(entry, LAST_BATCH),
            EsphomeVersionSensor(entry),
        ]
    )

    def factory(config: DeviceConfig) -> list[SensorEntity]:
        return [
            FirmwareJobSensor(hass, entry, config, FIRMWARE_JOB),
            BuildProgressSensor(hass, entry, config, BUILD_PROGRESS),
        ]

    async_setup_configuration_entities(entry, async_add_entities, factory)


class FirmwareJobSensor(ConfigurationEntity, SensorEntity):
    """What the newest firmware job of a configuration is doing."""

    @property
    def native_value(self) -> str:
        """Return the job's status, or idle before the first job."""
        return str(self.job.status) if self.job is not None else IDLE

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return which job this is and when it ran."""
        job = self.job
        return {
            "job_id": job.job_id if job else None,
            "action": str(job.action) if job else None,
            "started": job.started_at if job else None,
            "finished": job.finished_at if job else None,
            "esphome_version": job.esphome_version if job else None,
            "builder": job.builder if job else None,
        }

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        # Progress does not change the status: skip those state writes.
        if event_type != JOB_PROGRESS:
            super()._job_event(event_type, job)


class BuildProgressSensor(ConfigurationEntity, SensorEntity):
    """How far the newest firmware job of a configuration is."""

    @property
    def native_value(self) -> int | None:
        """Return the job's progress in percent, unknown before the first job."""
        return self.job.progress if self.job is not None else None


class QueuedJobsSensor(HubEntity, SensorEntity):
    """How many jobs wait for a free lane."""

    _value: int = 0

    def _count(self) -> int:
        return sum(
            job.status is JobStatus.QUEUED for job in self.runtime.manager.active_jobs()
        )

    @property
    def native_value(self) -> int:
        """Return the number of queued jobs."""
        return self._value

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Return how many jobs run now."""
        return {
            "running": sum(
                job.status is JobStatus.RUNNING
                for job in self.runtime.manager.active_jobs()
            )
        }

    async def async_added_to_hass(self) -> None:
        """Follow the engine's job events."""
        await super().async_added_to_hass()
        self._value = self._count()
        self.async_on_remove(self.runtime.manager.async_listen_jobs(self._job_event))

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        if event_type == JOB_PROGRESS:
            return
        self._value = self._count()
        self.async_write_ha_state()


class LastBatchSensor(HubEntity, SensorEntity):
    """Where the newest batch stands, with its counts.

    Only the counts: the lists of failed and skipped configurations go in the
    batch's event and response, not in a recorder row on every change.
    """

    _counts: dict[str, int] | None = None
    _written: tuple[str, dict[str, int]] | None = None

    @property
    def native_value(self) -> str | None:
        """Return the newest batch's status; unknown before the first batch."""
        batch = self.runtime.batches.last()
        return str(batch.status) if batch is not None else None

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Return how many configurations of the batch ended in each status."""
        return self._counts

    async def async_added_to_hass(self) -> None:
        """Follow the batches."""
        await super().async_added_to_hass()
        if (batch := self.runtime.batches.last()) is not None:
            self._counts = batch.counts()
        self.async_on_remove(self.runtime.batches.async_listen(self._batch_event))

    @callback
    def _batch_event(self, event_type: str, batch: Batch) -> None:
        if batch is not self.runtime.batches.last():
            return
        written = (str(batch.status), batch.counts())
        if written == self._written:
            return
        self._written = written
        self._counts = written[1]
        self.async_write_ha_state()


class EsphomeVersionSensor(HubEntity, SensorEntity):
    """The version of ESPHome the builder runs."""

    def __init__(self, entry: EsphomeBuilderConfigEntry) -> None:
        """Initialize on the hub device."""
        super().__init__(entry, ESPHOME_VERSION)

    @property
    def native_value(self) -> str | None:
        """Return the version builds use; unknown while none can run.

        Managed: the default version once installed. Otherwise the probed
        version of the user's command.
        """
        managed = self.runtime.managed
        if managed is not None and managed.enabled:
            return managed.default if managed.ready else None
        health = self.runtime.health
        return health.version if health is not None else None

    async def async_added_to_hass(self) -> None:
        """Follow re-probes of the command, and managed installs."""
        await super().async_added_to_hass()
        if (health := self.runtime.health) is not None:
            self.async_on_remove(health.async_listen(self.async_write_ha_state))
        if (managed := self.runtime.managed) is not None:
            self.async_on_remove(managed.async_listen(self.async_write_ha_state))
