"""The sidebar panel: served bundle, admin-only registration, clean reloads."""

from __future__ import annotations

import hashlib
from pathlib import Path

from homeassistant.components.frontend import DATA_PANELS
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.esphome_builder.panel import (
    BUNDLE_DIR,
    BUNDLE_NAME,
    PANEL_URL_PATH,
)

from .conftest import make_entry, setup_entry


async def test_panel_registered_served_and_removed(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    configs_dir: Path,
    fake_esphome: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))

    panel = hass.data[DATA_PANELS][PANEL_URL_PATH]
    assert panel.sidebar_title == "ESPHome Builder"
    assert panel.require_admin is True
    assert panel.config is not None
    custom = panel.config["_panel_custom"]
    assert custom["name"] == "esphome-builder-panel"
    assert custom["embed_iframe"] is False
    bundle = (BUNDLE_DIR / BUNDLE_NAME).read_bytes()
    version = hashlib.sha256(bundle).hexdigest()[:12]
    module_url = custom["module_url"]
    assert module_url.endswith(f"/{BUNDLE_NAME}?v={version}")

    client = await hass_client()
    response = await client.get(module_url)
    assert response.status == 200
    assert "javascript" in response.headers["Content-Type"]
    assert await response.read() == bundle
    assert b"esphome-builder-panel" in bundle

    # Unload removed the panel, so the reload does not overwrite it (HA raises
    # "Overwriting panel" then), and the static path (which aiohttp cannot
    # unregister) is not added twice.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert "overwriting panel" not in caplog.text.lower()
    assert PANEL_URL_PATH in hass.data[DATA_PANELS]
    assert (await client.get(module_url)).status == 200

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert PANEL_URL_PATH not in hass.data[DATA_PANELS]
    assert "Removing unknown panel" not in caplog.text


async def test_panel_is_listed_for_admins_only(
    hass: HomeAssistant,
    hass_ws_client,
    hass_admin_user,
    hass_read_only_access_token: str,
    configs_dir: Path,
    fake_esphome: str,
) -> None:
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    admin = await hass_ws_client(hass)
    await admin.send_json({"id": 1, "type": "get_panels"})
    panels = (await admin.receive_json())["result"]
    assert panels[PANEL_URL_PATH]["title"] == "ESPHome Builder"
    assert panels[PANEL_URL_PATH]["require_admin"] is True

    user = await hass_ws_client(hass, hass_read_only_access_token)
    await user.send_json({"id": 1, "type": "get_panels"})
    assert PANEL_URL_PATH not in (await user.receive_json())["result"]
