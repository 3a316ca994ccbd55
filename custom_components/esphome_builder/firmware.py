"""What firmware a configuration's node runs, against what the builder would build.

The update entity and the batches read the same answer, so "update available"
in the UI and "already on the target build" in a batch never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from awesomeversion import AwesomeVersion, AwesomeVersionException
from homeassistant.core import HomeAssistant, callback

from .ha_devices import async_find_esphome_device
from .jobs.job import Job, JobAction
from .jobs.plan import BUILDER_AUTO, BUILDER_LOCAL
from .models import DeviceConfig
from .runtime import BuilderRuntime


def firmware_version(project: str | None, esphome: str | None) -> str | None:
    """Return a firmware version the way HA's esphome devices show it."""
    if esphome is None:
        return None
    return f"{project} (ESPHome {esphome})" if project else esphome


@dataclass(slots=True, frozen=True)
class FirmwareState:
    """A configuration's node as Home Assistant sees it, and its target build."""

    # The node's firmware, when HA's esphome integration reports it.
    installed: str | None
    # What the builder's ESPHome would build, when it is known.
    latest: str | None
    # HA's esphome integration knows the node, and is connected to it now.
    known: bool
    online: bool
    # The address HA's esphome integration connects to, when it knows one.
    host: str | None
    # The YAML, or a file it includes, changed since the last confirmed install.
    config_changed: bool = False

    @property
    def on_target(self) -> bool:
        """Return True when the node already runs what a build would produce."""
        return (
            self.installed is not None
            and self.installed == self.latest
            and not self.config_changed
        )

    @property
    def update_available(self) -> bool:
        """Return True when the builder would install something newer.

        A changed configuration is an update. Otherwise as Home Assistant's
        update entity decides: a different version counts as newer unless both
        parse and the installed one is not older.
        """
        if self.installed is None or self.latest is None or self.on_target:
            return False
        if self.installed == self.latest:
            return self.config_changed
        try:
            return AwesomeVersion(self.latest) > AwesomeVersion(self.installed)
        except AwesomeVersionException:
            return True


@callback
def async_firmware_state(
    hass: HomeAssistant, runtime: BuilderRuntime, config: DeviceConfig
) -> FirmwareState:
    """Return the node's firmware and the builder's target for ``config``."""
    config = runtime.catalog.get(config.configuration) or config
    latest = firmware_version(config.project_version, target_esphome(runtime, config))
    deployed = (
        runtime.deployments.deployed_hash(config.configuration)
        if runtime.deployments is not None
        else None
    )
    changed = bool(deployed and config.content_hash and deployed != config.content_hash)
    match = async_find_esphome_device(hass, config)
    if match is None:
        return FirmwareState(None, latest, False, False, None, changed)
    return FirmwareState(
        installed=firmware_version(match.project_version, match.esphome_version),
        latest=latest,
        known=True,
        online=match.online,
        host=match.host or None,
        config_changed=changed,
    )


@callback
def target_esphome(runtime: BuilderRuntime, config: DeviceConfig) -> str | None:
    """Return the ESPHome version of the builder that would build ``config``.

    A remote Device Builder's own ``current_version`` (from its device list),
    else the local command's probed version.
    """
    pool = runtime.builders
    if pool is not None and pool.builders:
        name = pool.choose(config.configuration, BUILDER_AUTO, runtime.manager.view)
        if name != BUILDER_LOCAL and name in pool.builders:
            device = pool.builders[name].configurations.get(config.configuration)
            version = device.get("current_version") if device else None
            return version if isinstance(version, str) and version else None
    return _local_esphome(runtime, config.configuration)


def _local_esphome(runtime: BuilderRuntime, configuration: str) -> str | None:
    """Return the ESPHome version a local build of ``configuration`` uses."""
    managed = runtime.managed
    if managed is not None and managed.enabled:
        return managed.version_for(configuration)
    health = runtime.health
    return health.version if health is not None else None


@callback
def esphome_of_job(runtime: BuilderRuntime, job: Job) -> str | None:
    """Return the ESPHome version of the builder ``job`` runs on, if known."""
    if job.action is JobAction.SETUP:
        return None
    if job.builder == BUILDER_LOCAL:
        return _local_esphome(runtime, job.configuration)
    pool = runtime.builders
    state = pool.builders.get(job.builder) if pool is not None else None
    device = state.configurations.get(job.configuration) if state else None
    version = device.get("current_version") if device else None
    return version if isinstance(version, str) and version else None
