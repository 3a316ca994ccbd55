"""What a loaded config entry holds at run time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .catalog import ConfigCatalog
from .command import CommandError, parse_command
from .const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_MAX_RUN_MINUTES,
    CONF_UPLOAD_JOBS,
    DEFAULT_COMPILE_JOBS,
    DEFAULT_CONFIGS_SUBDIR,
    DEFAULT_MAX_RUN_MINUTES,
    DEFAULT_UPLOAD_JOBS,
)
from .jobs.manager import EngineSettings, JobManager

if TYPE_CHECKING:
    from .builders import BuilderPool
    from .health import CommandHealth


@dataclass(slots=True)
class BuilderRuntime:
    """The engine, the configurations it builds, and its settings."""

    manager: JobManager
    catalog: ConfigCatalog
    settings: EngineSettings
    # `esphome version` and the repair issue; set by async_setup_entry.
    health: CommandHealth | None = None
    # The remote ESPHome Device Builders and the per-job choice among them.
    builders: BuilderPool | None = None


type EsphomeBuilderConfigEntry = ConfigEntry[BuilderRuntime]


def entry_settings(entry: ConfigEntry) -> dict[str, Any]:
    """Return the entry's settings: options override the initial data."""
    return {**entry.data, **entry.options}


def engine_settings(hass: HomeAssistant, entry: ConfigEntry) -> EngineSettings:
    """Build engine settings; raises CommandError for an unusable command."""
    values = entry_settings(entry)
    configs_dir = values.get(CONF_CONFIGS_DIR) or hass.config.path(
        DEFAULT_CONFIGS_SUBDIR
    )
    try:
        command = parse_command(values.get(CONF_ESPHOME_COMMAND))
    except CommandError:
        if not values.get("builders"):
            raise
        # Set up with remote builders only (HA OS has no local ESPHome): the
        # builder pool sends every job to them.
        command = []
    return EngineSettings(
        configs_dir=Path(configs_dir),
        command=command,
        compile_jobs=int(values.get(CONF_COMPILE_JOBS, DEFAULT_COMPILE_JOBS)),
        upload_jobs=int(values.get(CONF_UPLOAD_JOBS, DEFAULT_UPLOAD_JOBS)),
        max_run_time=60.0
        * float(values.get(CONF_MAX_RUN_MINUTES) or DEFAULT_MAX_RUN_MINUTES),
    )
