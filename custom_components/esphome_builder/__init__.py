"""ESPHome Builder: validate, compile, flash and tail ESPHome firmware in HA."""

from __future__ import annotations

from functools import partial

from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import ConfigEntryError, ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv, issue_registry as ir
from homeassistant.helpers.typing import ConfigType

from .archive import FirmwareArchive
from .builders import (
    ISSUE_INSECURE_BUILDER,
    async_create_pool,
    async_update_insecure_issue,
)
from .catalog import ISSUE_FOLDER_UNREADABLE, ConfigCatalog
from .command import CommandError
from .const import (
    CONF_ARCHIVE_KEEP,
    CONF_ARCHIVE_MB,
    DEFAULT_ARCHIVE_KEEP,
    DEFAULT_ARCHIVE_MB,
    DOMAIN,
)
from .deployments import Deployments
from .device_watch import HaDeviceWatch
from .downloads import async_register_download_view
from .events import async_fire_batch_events, async_fire_job_events
from .firmware import esphome_of_job
from .health import CommandHealth, async_clear_issue, async_report_setup_error
from .jobs.batches import BatchManager
from .jobs.manager import JobManager
from .jobs.plan import STOPPED_BY_HA
from .managed import ManagedEsphome, async_create_managed
from .managed.issues import ISSUE_INSTALL_FAILED, async_track_install_issue
from .panel import async_register_panel, async_remove_panel
from .registry import async_create_hub_device, async_setup_device_sync
from .runtime import (
    BuilderRuntime,
    EsphomeBuilderConfigEntry,
    engine_settings,
    entry_settings,
)
from .services import async_setup_services
from .websocket_api import async_register_websocket_commands

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
PLATFORMS = [Platform.SENSOR, Platform.UPDATE]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register what lives as long as HA: the websocket commands and services.

    They answer a clear error while no entry is loaded.
    """
    async_register_websocket_commands(hass)
    async_setup_services(hass)
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> bool:
    """Set up the builder from a config entry."""
    try:
        settings = engine_settings(hass, entry)
    except CommandError as err:
        async_report_setup_error(hass, entry, err)
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="command_unusable",
            translation_placeholders={"detail": err.detail or err.reason},
        ) from err
    if not await hass.async_add_executor_job(settings.configs_dir.is_dir):
        # A share not mounted yet: HA retries the setup, and nothing of the
        # user's devices is forgotten meanwhile.
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="folder_missing",
            translation_placeholders={"folder": str(settings.configs_dir)},
        )
    builders = async_create_pool(hass, entry, settings)
    async_update_insecure_issue(
        hass, [state.spec for state in builders.builders.values()]
    )
    catalog = ConfigCatalog(hass, settings.configs_dir)
    manager = JobManager(
        hass,
        settings,
        builders.runner_factory,
        HaDeviceWatch(hass, catalog),
        # Jobs queue only once the runtime exists (services need it too).
        lambda job: esphome_of_job(entry.runtime_data, job),
    )
    batches = BatchManager(
        hass,
        manager,
        # A batch hands over no more jobs than the lanes and builders can run.
        lambda: settings.compile_jobs + settings.upload_jobs + len(builders.builders),
    )
    # First among the engine's listeners: automations hear of a change before
    # any entity or client does.
    entry.async_on_unload(async_fire_job_events(hass, manager))
    entry.async_on_unload(async_fire_batch_events(hass, batches))
    await manager.async_setup()
    await batches.async_setup()
    entry.async_on_unload(batches.async_listen_engine())
    await builders.async_refresh()
    entry.async_on_unload(builders.async_start())
    await catalog.async_refresh()
    entry.async_on_unload(catalog.async_start())
    deployments, archive, managed = await _async_load_stores(
        hass, entry, catalog, manager
    )
    builders.managed = managed
    builders.local_available = builders.local_available or managed.enabled
    # A remote compile's images are fetched into the archive within its job.
    builders.after_compile = archive.async_archive_remote
    entry.runtime_data = BuilderRuntime(
        manager=manager,
        batches=batches,
        catalog=catalog,
        settings=settings,
        builders=builders,
        deployments=deployments,
        archive=archive,
        managed=managed,
    )
    # A reloaded entry has a new engine: its clients must subscribe again.
    entry.async_on_unload(entry.runtime_data.async_end_streams)
    # Probed once here (the update entities' latest version), again only
    # while the repair issue is open.
    # Set up with remote builders only, there is no local command to probe.
    if settings.command:
        health = CommandHealth(hass, entry, manager)
        await health.async_probe()
        entry.runtime_data.health = health
        entry.async_on_unload(health.async_start())
    entry.async_on_unload(async_track_install_issue(hass, managed))
    if managed.enabled and not managed.ready:
        # Nothing to build with yet: the install starts now, as a job the
        # user can watch, and builds asked for meanwhile wait for it.
        await managed.async_install(managed.pinned_default)
    async_create_hub_device(hass, entry)
    async_setup_device_sync(hass, entry)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await async_register_panel(hass)
    async_register_download_view(hass)
    entry.async_on_unload(partial(async_remove_panel, hass))

    async def _async_stop(_: Event) -> None:
        await batches.async_shutdown(STOPPED_BY_HA)

    # Not async_listen_once: its unsubscribe fails (and logs an error) when the
    # entry unloads after HA stopped, which is exactly what a stop does.
    entry.async_on_unload(hass.bus.async_listen(EVENT_HOMEASSISTANT_STOP, _async_stop))
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))
    return True


async def _async_load_stores(
    hass: HomeAssistant,
    entry: EsphomeBuilderConfigEntry,
    catalog: ConfigCatalog,
    manager: JobManager,
) -> tuple[Deployments, FirmwareArchive, ManagedEsphome]:
    """Load what the entry keeps on disk: deployments, archive, ESPHome versions."""
    deployments = Deployments(hass, catalog, manager)
    await deployments.async_load()
    entry.async_on_unload(deployments.async_listen_engine())
    values = entry_settings(entry)
    archive = FirmwareArchive(
        hass,
        catalog,
        manager,
        keep=int(values.get(CONF_ARCHIVE_KEEP, DEFAULT_ARCHIVE_KEEP)),
        max_bytes=int(values.get(CONF_ARCHIVE_MB, DEFAULT_ARCHIVE_MB)) * 1024 * 1024,
    )
    await archive.async_load()
    entry.async_on_unload(archive.async_listen_sources())
    managed = await async_create_managed(hass, entry, manager)
    return deployments, archive, managed


async def _async_options_updated(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> None:
    await hass.config_entries.async_reload(entry.entry_id)


async def async_unload_entry(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> bool:
    """Unload: cancel every job and wait until none of its processes is left."""
    unload_ok = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    # The batches first: they start no more jobs, then the jobs end.
    await entry.runtime_data.batches.async_shutdown()
    if (deployments := entry.runtime_data.deployments) is not None:
        await deployments.async_flush()
    if (archive := entry.runtime_data.archive) is not None:
        await archive.async_shutdown()
    return unload_ok


async def async_remove_entry(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> None:
    """Close the repair issues of a removed entry."""
    async_clear_issue(hass)
    ir.async_delete_issue(hass, DOMAIN, ISSUE_FOLDER_UNREADABLE)
    ir.async_delete_issue(hass, DOMAIN, ISSUE_INSECURE_BUILDER)
    ir.async_delete_issue(hass, DOMAIN, ISSUE_INSTALL_FAILED)
