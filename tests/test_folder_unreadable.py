"""A configs folder that cannot be read loses nothing of the user's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import DOMAIN

from .conftest import make_entry, own_device, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

ISSUE = "configs_folder_unreadable"


async def test_unreadable_folder_keeps_devices_and_says_so(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    hass_ws_client: WebSocketGenerator,
) -> None:
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    entities = er.async_get(hass)
    sensor = entities.async_get_entity_id("sensor", DOMAIN, "kitchen.yaml-firmware_job")
    assert sensor is not None
    # The user's own touch on it: a new entity id.
    entities.async_update_entity(sensor, new_entity_id="sensor.my_kitchen_build")
    device = own_device(hass, entry, "kitchen.yaml")
    assert device is not None

    # The share goes away (not mounted, say).
    unmounted = configs_dir.with_name("unmounted")
    configs_dir.rename(unmounted)
    catalog = entry.runtime_data.catalog
    await catalog.async_refresh()
    await hass.async_block_till_done()
    assert [c.configuration for c in catalog.configs()] == ["kitchen.yaml"]
    assert entities.async_get("sensor.my_kitchen_build") is not None
    assert own_device(hass, entry, "kitchen.yaml") == device
    issue = ir.async_get(hass).async_get_issue(DOMAIN, ISSUE)
    assert issue is not None
    assert (issue.translation_placeholders or {})["folder"] == str(configs_dir)

    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/jobs/start",
            "action": "validate",
            "configuration": "kitchen.yaml",
        }
    )
    reply = await client.receive_json()
    assert not reply["success"]
    assert reply["error"]["message"] == (
        "The configurations folder of kitchen.yaml cannot be read: it is missing,"
        " or not mounted yet"
    )

    # Back: the issue closes, and everything is as the user left it.
    unmounted.rename(configs_dir)
    await catalog.async_refresh()
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, ISSUE) is None
    assert entities.async_get("sensor.my_kitchen_build") is not None
    # A reload while the folder is gone keeps them too.
    configs_dir.rename(unmounted)
    assert await hass.config_entries.async_reload(entry.entry_id) is False
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert "does not exist" in (entry.reason or "")
    assert entities.async_get("sensor.my_kitchen_build") is not None
    assert own_device(hass, entry, "kitchen.yaml") == device
    unmounted.rename(configs_dir)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.my_kitchen_build") is not None


async def test_a_folder_emptied_for_real_forgets_its_configurations(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    """The other side: a folder that reads fine and lacks a file forgets it."""
    write_config("kitchen.yaml", fake="exit 0")
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    (configs_dir / "kitchen.yaml").unlink()
    await entry.runtime_data.catalog.async_refresh()
    await hass.async_block_till_done()
    assert own_device(hass, entry, "kitchen.yaml") is None
    assert ir.async_get(hass).async_get_issue(DOMAIN, ISSUE) is None
