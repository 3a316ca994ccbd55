"""The sidebar panel: serve the built frontend and register it with HA.

The bundle (`frontend/esphome-builder-panel.js`) is built from `frontend/src`
at the repository root and committed, because HACS installs do not run npm.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

from homeassistant.components import frontend, panel_custom
from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant, callback
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN

PANEL_URL_PATH: Final = "esphome-builder"
PANEL_TITLE: Final = "ESPHome Builder"
PANEL_ICON: Final = "mdi:chip"
PANEL_ELEMENT: Final = "esphome-builder-panel"
STATIC_URL: Final = f"/{DOMAIN}_static"
BUNDLE_DIR: Final = Path(__file__).parent / "frontend"
BUNDLE_NAME: Final = "esphome-builder-panel.js"

# aiohttp cannot unregister a route, so the static path outlives config entry
# reloads: it is registered once per hass run, and this records that.
_STATIC_REGISTERED: HassKey[bool] = HassKey(f"{DOMAIN}_static_registered")


def bundle_version(path: Path = BUNDLE_DIR / BUNDLE_NAME) -> str:
    """Return a short hash of the bundle, for the cache-busting query string."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


async def async_register_panel(hass: HomeAssistant) -> None:
    """Serve the bundle (once per run) and add the admin-only sidebar panel."""
    if not hass.data.get(_STATIC_REGISTERED):
        # Cache headers are safe: every new bundle gets a new ?v= query.
        await hass.http.async_register_static_paths(
            [StaticPathConfig(STATIC_URL, str(BUNDLE_DIR), cache_headers=True)]
        )
        hass.data[_STATIC_REGISTERED] = True
    version = await hass.async_add_executor_job(bundle_version)
    await panel_custom.async_register_panel(
        hass,
        frontend_url_path=PANEL_URL_PATH,
        webcomponent_name=PANEL_ELEMENT,
        sidebar_title=PANEL_TITLE,
        sidebar_icon=PANEL_ICON,
        module_url=f"{STATIC_URL}/{BUNDLE_NAME}?v={version}",
        embed_iframe=False,
        require_admin=True,
        config={"version": version},
    )


@callback
def async_remove_panel(hass: HomeAssistant) -> None:
    """Remove the panel, so that the next setup does not overwrite it."""
    frontend.async_remove_panel(hass, PANEL_URL_PATH, warn_if_unknown=False)
