"""The firmware update entity tells the truth (issue 15).

Its latest version comes from the builder that would build the configuration,
a YAML edit since the last confirmed install is an update with a reason, and a
device whose HA esphome update entity is enabled shows only that one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.update import CHANGED_SUMMARY
from tests.conftest import make_entry, setup_entry
from tests.test_remote_builder import (  # noqa: F401 (fixture)
    StartServer,
    fake_yaml,
    launch,
    remote_entry,
    start_server,
)

MAC = "02:00:00:00:00:bb"
V = "2026.10.0"


def esphome_node(
    hass: HomeAssistant, name: str, sw_version: str
) -> tuple[MockConfigEntry, dr.DeviceEntry]:
    """HA's esphome device of the node, as its registry shows it (not set up)."""
    entry = MockConfigEntry(
        domain="esphome", data={"host": "192.168.1.60", "device_name": name}
    )
    entry.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, MAC)},
        name=name,
        sw_version=sw_version,
    )
    return entry, device


def update_entity(hass: HomeAssistant, configuration: str) -> str:
    entity_id = er.async_get(hass).async_get_entity_id(
        "update", DOMAIN, f"{configuration}-firmware"
    )
    assert entity_id is not None
    return entity_id


async def test_a_yaml_edit_is_an_update_with_a_reason_until_installed(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    esphome_node(hass, "kitchen", f"{V} (Dec 1 2026, 10:00:00)")
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, wait_minutes=0)
    )
    update = update_entity(hass, "kitchen.yaml")
    state = hass.states.get(update)
    assert state is not None
    assert state.state == STATE_OFF  # the node runs what the builder builds
    assert state.attributes["release_url"] == f"https://esphome.io/changelog/{V}.html"

    # Installed through the builder: its configuration's hash is remembered.
    await hass.services.async_call(
        DOMAIN,
        "install",
        {"configuration": "kitchen.yaml", "wait": True},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert hass.states.get(update).state == STATE_OFF  # type: ignore[union-attr]

    write_config("kitchen.yaml", "sensor: []\n", fake="exit 0")
    await entry.runtime_data.catalog.async_refresh()
    await hass.async_block_till_done()
    state = hass.states.get(update)
    assert state is not None
    assert state.state == STATE_ON
    assert state.attributes["latest_version"] == f"{V} (configuration changed)"
    assert state.attributes["installed_version"] == V
    assert state.attributes["release_summary"] == CHANGED_SUMMARY

    await hass.services.async_call(
        "update", "install", {"entity_id": update}, blocking=True
    )
    await hass.async_block_till_done()
    state = hass.states.get(update)
    assert state is not None
    assert state.state == STATE_OFF
    assert state.attributes["release_summary"] is None

    # Kept across a reload: the edit stays installed.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(update).state == STATE_OFF  # type: ignore[union-attr]


async def test_ours_is_disabled_when_ha_core_offers_the_update(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    esphome_entry, node = esphome_node(hass, "porch", f"{V} (Dec 1 2026, 10:00:00)")
    er.async_get(hass).async_get_or_create(
        "update",
        "esphome",
        f"{MAC}-firmware",
        device_id=node.id,
        config_entry=esphome_entry,
    )
    write_config("porch.yaml", fake="exit 0")
    write_config("other.yaml", fake="exit 0")

    await setup_entry(hass, make_entry(fake_esphome, configs_dir))

    registry = er.async_get(hass)
    ours = registry.async_get(
        registry.async_get_entity_id("update", DOMAIN, "porch.yaml-firmware") or ""
    )
    assert ours is not None
    assert ours.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    other = registry.async_get(update_entity(hass, "other.yaml"))
    assert other is not None
    assert other.disabled_by is None


async def test_latest_comes_from_the_remote_builder_that_would_build_it(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,  # noqa: F811
) -> None:
    (configs_dir / "attic.yaml").write_text(fake_yaml("attic", "exit 0"))
    server = await launch(
        hass,
        start_server,
        "attic",
        {"attic.yaml": fake_yaml("attic", "exit 0")},
        fake=True,
    )
    # No local ESPHome at all: only the remote builder knows a version.
    entry = await setup_entry(hass, remote_entry(configs_dir, {"attic": server}))
    assert entry.runtime_data.health is None

    state = hass.states.get(update_entity(hass, "attic.yaml"))
    assert state is not None
    assert state.attributes["latest_version"] == V
    assert state.attributes["release_url"] == f"https://esphome.io/changelog/{V}.html"
