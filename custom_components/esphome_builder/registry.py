"""Our devices in HA's device registry: one per configuration, plus the hub.

A configuration whose node HA's esphome integration already knows puts its
entities on that device instead of getting a twin. Where a device belongs to
one config entry (HA 2026.10 and later) the entities attach through
``entity.device_entry`` and the device stays the esphome integration's alone;
on older releases our identifier is merged into the shared device. Devices of
configurations that left the folder are removed, or, on a device that is not
ours, only our part of it is.
"""

from __future__ import annotations

from functools import partial

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo

from .catalog import DEVICE_REMOVED, DEVICE_UPDATED
from .const import DOMAIN
from .device_lookup import SINGLE_ENTRY_DEVICES, device_by_identifier, device_entry_ids
from .ha_devices import ESPHOME_DOMAIN, async_find_esphome_device
from .models import DeviceConfig
from .runtime import EsphomeBuilderConfigEntry

MANUFACTURER = "ESPHome"
_CONFIG_SUFFIXES = (".yaml", ".yml")


def configuration_identifier(configuration: str) -> tuple[str, str]:
    """Return our device identifier of a configuration."""
    return (DOMAIN, configuration)


def configuration_unique_id(configuration: str, key: str) -> str:
    """Return the unique id of a configuration's entity."""
    return f"{configuration}-{key}"


def _configuration_of_unique_id(unique_id: str) -> str | None:
    configuration = unique_id.rpartition("-")[0]
    return configuration if configuration.endswith(_CONFIG_SUFFIXES) else None


def hub_device_info(entry: EsphomeBuilderConfigEntry) -> DeviceInfo:
    """Return the device of the builder itself."""
    return DeviceInfo(
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        manufacturer=MANUFACTURER,
        model="ESPHome Builder",
        entry_type=DeviceEntryType.SERVICE,
    )


@callback
def async_create_hub_device(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> dr.DeviceEntry:
    """Register the builder's own device; configuration devices hang off it."""
    return dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, **hub_device_info(entry)
    )


def _own_device_info(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, config: DeviceConfig
) -> DeviceInfo:
    info = DeviceInfo(
        identifiers={configuration_identifier(config.configuration)},
        name=config.friendly_name or config.name or config.configuration,
        manufacturer=MANUFACTURER,
        model=config.platform,
    )
    if not SINGLE_ENTRY_DEVICES:
        info["via_device"] = (DOMAIN, entry.entry_id)  # type: ignore[typeddict-unknown-key]
    elif hub := device_by_identifier(
        dr.async_get(hass), (DOMAIN, entry.entry_id), entry.entry_id
    ):
        info["via_device_id"] = hub.id
    return info


@callback
def async_entities_device(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, config: DeviceConfig
) -> DeviceInfo | dr.DeviceEntry:
    """Return where a configuration's entities belong.

    HA's esphome device of the node when there is one (dropping a twin of
    ours made before that device existed): as the device entry itself where a
    device belongs to one config entry, else as a device info that merges our
    identifier into it. Otherwise a device info describing a device of our own.
    """
    match = async_find_esphome_device(hass, config)
    if match is None:
        return _own_device_info(hass, entry, config)
    ours = configuration_identifier(config.configuration)
    registry = dr.async_get(hass)
    own = device_by_identifier(registry, ours, entry.entry_id)
    if own is not None and own.id != match.device_id:
        async_forget_configuration(hass, entry, config.configuration)
    if SINGLE_ENTRY_DEVICES:
        device = registry.async_get(match.device_id)
        if isinstance(device, dr.DeviceEntry):
            return device
        return _own_device_info(hass, entry, config)
    if ours not in match.identifiers:
        registry.async_update_device(match.device_id, merge_identifiers={ours})
    # Only identifiers and connections: a link to the existing device, which
    # keeps HA's esphome name, model and version on it.
    info = DeviceInfo(identifiers={ours})
    if match.connections:
        info["connections"] = set(match.connections)
    return info


@callback
def async_forget_configuration(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, configuration: str
) -> None:
    """Remove a configuration's entities and our part of its device."""
    entities = er.async_get(hass)
    # Entities first and directly: the registry would otherwise remove them
    # later from a device event, after a re-add may already have happened.
    for reg_entry in er.async_entries_for_config_entry(entities, entry.entry_id):
        if _configuration_of_unique_id(reg_entry.unique_id) == configuration:
            entities.async_remove(reg_entry.entity_id)
    devices = dr.async_get(hass)
    ours = configuration_identifier(configuration)
    device = device_by_identifier(devices, ours, entry.entry_id)
    if device is None:
        return
    owners = device_entry_ids(device)
    if owners <= {entry.entry_id}:
        devices.async_remove_device(device.id)
        return
    # Shared with HA's esphome integration: leave the device, take ours off it.
    devices.async_update_device(device.id, new_identifiers=device.identifiers - {ours})
    if entry.entry_id in owners:
        devices.async_update_device(device.id, remove_config_entry_id=entry.entry_id)


@callback
def async_remove_stale(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, configurations: set[str]
) -> None:
    """Forget configurations that left the folder while HA was not running."""
    stale: set[str] = set()
    for device in dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id):
        stale.update(
            ident
            for domain, ident in device.identifiers
            if domain == DOMAIN and ident.endswith(_CONFIG_SUFFIXES)
        )
    for reg_entry in er.async_entries_for_config_entry(
        er.async_get(hass), entry.entry_id
    ):
        if configuration := _configuration_of_unique_id(reg_entry.unique_id):
            stale.add(configuration)
    for configuration in stale - configurations:
        async_forget_configuration(hass, entry, configuration)


@callback
def _async_relink(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry, config: DeviceConfig
) -> None:
    """Move a configuration's entities from our twin onto HA's esphome device.

    For a node that HA's esphome integration adds after our device exists.
    """
    devices = dr.async_get(hass)
    ours = configuration_identifier(config.configuration)
    own = device_by_identifier(devices, ours, entry.entry_id)
    if own is None or device_entry_ids(own) != {entry.entry_id}:
        return
    match = async_find_esphome_device(hass, config)
    if match is None or match.device_id == own.id:
        return
    if not SINGLE_ENTRY_DEVICES:
        devices.async_update_device(match.device_id, add_config_entry_id=entry.entry_id)
    entities = er.async_get(hass)
    for reg_entry in er.async_entries_for_device(
        entities, own.id, include_disabled_entities=True
    ):
        entities.async_update_entity(reg_entry.entity_id, device_id=match.device_id)
    devices.async_remove_device(own.id)
    if not SINGLE_ENTRY_DEVICES:
        devices.async_update_device(match.device_id, merge_identifiers={ours})


@callback
def async_setup_device_sync(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> None:
    """Keep devices in step with the folder and with HA's esphome devices."""
    runtime = entry.runtime_data
    if runtime.catalog.unreadable is None:
        # Only a folder that reads fine tells what is gone.
        async_remove_stale(
            hass, entry, {config.configuration for config in runtime.catalog.configs()}
        )

    entry.async_on_unload(
        runtime.catalog.async_listen(partial(_async_catalog_changed, hass, entry))
    )
    _async_follow_esphome_devices(hass, entry)


@callback
def _async_follow_esphome_devices(
    hass: HomeAssistant, entry: EsphomeBuilderConfigEntry
) -> None:
    """Relink our configurations whenever one of HA's esphome devices changes."""
    runtime = entry.runtime_data

    @callback
    def _is_esphome_device(data: dr.EventDeviceRegistryUpdatedData) -> bool:
        if data["action"] == "remove":
            return False
        device = dr.async_get(hass).async_get(data["device_id"])
        if not isinstance(device, dr.DeviceEntry):
            return False
        return any(
            (config_entry := hass.config_entries.async_get_entry(entry_id)) is not None
            and config_entry.domain == ESPHOME_DOMAIN
            for entry_id in device_entry_ids(device)
        )

    relinking = False

    @callback
    def _device_changed(_: Event[dr.EventDeviceRegistryUpdatedData]) -> None:
        nonlocal relinking
        # Relinking updates devices, whose events can call back in here.
        if relinking:
            return
        relinking = True
        try:
            for config in runtime.catalog.configs():
                _async_relink(hass, entry, config)
        finally:
            relinking = False

    entry.async_on_unload(
        hass.bus.async_listen(
            dr.EVENT_DEVICE_REGISTRY_UPDATED,
            _device_changed,
            event_filter=_is_esphome_device,
        )
    )


@callback
def _async_catalog_changed(
    hass: HomeAssistant,
    entry: EsphomeBuilderConfigEntry,
    event_type: str,
    config: DeviceConfig,
) -> None:
    """Forget a removed configuration; rename the device of an updated one."""
    if event_type == DEVICE_REMOVED:
        async_forget_configuration(hass, entry, config.configuration)
        return
    if event_type != DEVICE_UPDATED:
        return
    devices = dr.async_get(hass)
    device = device_by_identifier(
        devices, configuration_identifier(config.configuration), entry.entry_id
    )
    if device is not None and device_entry_ids(device) == {entry.entry_id}:
        devices.async_update_device(
            device.id,
            name=config.friendly_name or config.name or config.configuration,
            model=config.platform,
        )
