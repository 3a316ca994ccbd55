"""What a loaded config entry holds at run time."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback

from .catalog import ConfigCatalog
from .command import CommandError, parse_command
from .const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_ESPHOME_SOURCE,
    CONF_MAX_RUN_MINUTES,
    CONF_UPLOAD_JOBS,
    CONF_WAIT_MINUTES,
    CONFIRM_TIMEOUT,
    DEFAULT_COMPILE_JOBS,
    DEFAULT_CONFIGS_SUBDIR,
    DEFAULT_MAX_RUN_MINUTES,
    DEFAULT_UPLOAD_JOBS,
    DEFAULT_WAIT_MINUTES,
    DOMAIN,
    ESPHOME_MANAGED,
)
from .errors import NotLoadedError
from .jobs.batches import BatchManager
from .jobs.execution import EngineSettings
from .jobs.manager import JobManager
from .streams import RESYNC_REQUIRED, Stream

if TYPE_CHECKING:
    from .archive import FirmwareArchive
    from .builders import BuilderPool
    from .deployments import Deployments
    from .health import CommandHealth
    from .managed import ManagedEsphome


@dataclass(slots=True)
class BuilderRuntime:
    """The engine, the configurations it builds, and its settings."""

    manager: JobManager
    batches: BatchManager
    catalog: ConfigCatalog
    settings: EngineSettings
    # `esphome version` and the repair issue; set by async_setup_entry.
    health: CommandHealth | None = None
    # The remote ESPHome Device Builders and the per-job choice among them.
    builders: BuilderPool | None = None
    # The content hash of each configuration's last confirmed install.
    deployments: Deployments | None = None
    # Archived builds, for downloads and rollbacks.
    archive: FirmwareArchive | None = None
    # ESPHome versions this integration installs; ``managed.enabled`` when
    # local builds run them rather than the user's command.
    managed: ManagedEsphome | None = None
    # Open websocket streams, ended when the entry unloads.
    streams: set[Stream] = field(default_factory=set)

    @callback
    def async_track_stream(self, stream: Stream) -> None:
        """Keep ``stream`` until it ends or the entry unloads."""
        if stream.closed:
            return
        self.streams.add(stream)
        stream.on_close = partial(self.streams.discard, stream)

    @callback
    def async_end_streams(self) -> None:
        """End every open stream; its client subscribes again to the new engine."""
        for stream in list(self.streams):
            stream.finish([{"type": RESYNC_REQUIRED}])
        self.streams.clear()


type EsphomeBuilderConfigEntry = ConfigEntry[BuilderRuntime]


@callback
def async_get_runtime(hass: HomeAssistant) -> BuilderRuntime:
    """Return the loaded entry's runtime; raise NotLoadedError without one."""
    entries: list[EsphomeBuilderConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    if not entries:
        raise NotLoadedError
    return entries[0].runtime_data


def entry_settings(entry: ConfigEntry) -> dict[str, Any]:
    """Return the entry's settings: options override the initial data."""
    return {**entry.data, **entry.options}


def engine_settings(hass: HomeAssistant, entry: ConfigEntry) -> EngineSettings:
    """Build engine settings; raises CommandError for an unusable command."""
    values = entry_settings(entry)
    configs_dir = values.get(CONF_CONFIGS_DIR) or hass.config.path(
        DEFAULT_CONFIGS_SUBDIR
    )
    command: list[str] = []
    if values.get(CONF_ESPHOME_SOURCE) != ESPHOME_MANAGED:
        try:
            command = parse_command(values.get(CONF_ESPHOME_COMMAND))
        except CommandError:
            if not values.get("builders"):
                raise
            # Set up with remote builders only (HA OS has no local ESPHome):
            # the builder pool sends every job to them.
            command = []
    return EngineSettings(
        configs_dir=Path(configs_dir),
        command=command,
        compile_jobs=int(values.get(CONF_COMPILE_JOBS, DEFAULT_COMPILE_JOBS)),
        upload_jobs=int(values.get(CONF_UPLOAD_JOBS, DEFAULT_UPLOAD_JOBS)),
        max_run_time=60.0
        * float(values.get(CONF_MAX_RUN_MINUTES) or DEFAULT_MAX_RUN_MINUTES),
        wait_timeout=60.0 * float(values.get(CONF_WAIT_MINUTES, DEFAULT_WAIT_MINUTES)),
        confirm_timeout=CONFIRM_TIMEOUT,
    )
