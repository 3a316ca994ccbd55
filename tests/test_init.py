"""Setup and unload of the config entry."""

from __future__ import annotations

from pathlib import Path

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from custom_components.esphome_builder.const import DOMAIN

from .conftest import make_entry, setup_entry


async def test_manifest_loads_through_ha(hass: HomeAssistant) -> None:
    integration = await async_get_integration(hass, DOMAIN)
    manifest = integration.manifest
    assert integration.config_flow is True
    assert manifest["iot_class"] == "local_push"
    assert manifest["integration_type"] == "hub"
    assert set(manifest["dependencies"]) == {
        "http",
        "websocket_api",
        "frontend",
        "panel_custom",
    }
    assert manifest["after_dependencies"] == ["esphome"]
    assert integration.version is not None


async def test_unload_leaves_no_listener_and_no_active_job(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    assert entry.state is ConfigEntryState.LOADED
    manager = entry.runtime_data.manager
    assert manager.settings.command == [fake_esphome]
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert manager.listener_count == 0
    assert not manager.active_jobs()


async def test_setup_fails_clearly_without_esphome(
    hass: HomeAssistant, configs_dir: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PATH", str(configs_dir))
    entry = make_entry("", configs_dir)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    # Let the dependencies (frontend and the rest) finish setting up: one
    # still saving while the test stops would leave a delayed write behind.
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert "esphome was not found on PATH" in (entry.reason or "")
