"""ESPHome Builder: validate, compile, flash and tail ESPHome firmware in HA."""

from __future__ import annotations

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ConfigEntryError

from .catalog import ConfigCatalog
from .command import CommandError
from .const import DOMAIN
from .jobs.manager import STOPPED_BY_HA, JobManager
from .runtime import BuilderRuntime, EsphomeBuilderConfigEntry, engine_settings


async def async_setup_entry(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> bool:
    """Set up the builder from a config entry."""
    try:
        settings = engine_settings(hass, entry)
    except CommandError as err:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="command_unusable",
            translation_placeholders={"detail": err.detail or err.reason},
        ) from err
    manager = JobManager(hass, settings)
    await manager.async_setup()
    catalog = ConfigCatalog(hass, settings.configs_dir)
    await catalog.async_refresh()
    entry.async_on_unload(catalog.async_start())
    entry.runtime_data = BuilderRuntime(
        manager=manager, catalog=catalog, settings=settings
    )

    async def _async_stop(_: Event) -> None:
        await manager.async_shutdown(STOPPED_BY_HA)

    entry.async_on_unload(
        hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _async_stop)
    )
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    return True


async def _async_options_updated(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> None:
    await hass.config_entries.async_reload(entry.entry_id)


async def async_unload_entry(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> bool:
    """Unload: cancel every job and wait until none of its processes is left."""
    await entry.runtime_data.manager.async_shutdown()
    return True
