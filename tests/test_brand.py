"""Brand images: sizes of HA's brands guidelines, served by HA's brands view."""

from __future__ import annotations

from pathlib import Path

from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.loader import Integration, async_get_integration
from homeassistant.setup import async_setup_component
from PIL import Image
import pytest
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

import custom_components.esphome_builder as esphome_builder
from custom_components.esphome_builder.const import DOMAIN

BRAND_DIR = Path(esphome_builder.__file__).parent / "brand"

# Every name HA's brands view serves for an integration (its ALLOWED_IMAGES).
ICONS = ("icon.png", "icon@2x.png", "dark_icon.png", "dark_icon@2x.png")
LOGOS = ("logo.png", "logo@2x.png", "dark_logo.png", "dark_logo@2x.png")
IMAGES = ICONS + LOGOS


def brand_url(image: str) -> str:
    return f"/api/brands/integration/{DOMAIN}/{image}"


def require_brands_view() -> None:
    """Skip unless this HA serves a custom integration's own brand/ folder."""
    pytest.importorskip(
        "homeassistant.components.brands",
        reason=f"HA {HA_VERSION} has no brands integration, so it does not "
        "serve a custom integration's own brand/ images",
    )
    if not hasattr(Integration, "has_branding"):
        pytest.skip(f"HA {HA_VERSION}'s loader does not know a brand/ folder")


def size_of(name: str) -> tuple[int, int]:
    with Image.open(BRAND_DIR / name) as image:
        assert image.format == "PNG"
        assert image.mode == "RGBA", "brand images need a transparent background"
        return image.size


def test_every_image_exists() -> None:
    assert sorted(path.name for path in BRAND_DIR.iterdir()) == sorted(IMAGES)


@pytest.mark.parametrize(("name", "side"), [(name, 256) for name in ICONS[::2]])
def test_icons_are_square_and_double_at_2x(name: str, side: int) -> None:
    assert size_of(name) == (side, side)
    assert size_of(name.replace(".png", "@2x.png")) == (side * 2, side * 2)


@pytest.mark.parametrize("name", LOGOS[::2])
def test_logos_are_landscape_128_to_256_and_double_at_2x(name: str) -> None:
    width, height = size_of(name)
    assert 128 <= min(width, height) <= 256
    assert width >= height, "a landscape logo is preferred"
    assert size_of(name.replace(".png", "@2x.png")) == (width * 2, height * 2)


@pytest.mark.parametrize("name", IMAGES)
def test_every_image_has_transparent_corners(name: str) -> None:
    with Image.open(BRAND_DIR / name) as image:
        width, height = image.size
        alpha = image.getchannel("A")
        corners = [(0, 0), (width - 1, 0), (0, height - 1), (width - 1, height - 1)]
        assert [alpha.getpixel(corner) for corner in corners] == [0, 0, 0, 0]


async def test_loader_sees_the_brand_folder(hass: HomeAssistant) -> None:
    integration = await async_get_integration(hass, DOMAIN)
    if not hasattr(Integration, "has_branding"):
        pytest.skip(f"HA {HA_VERSION}'s loader has no Integration.has_branding")
    assert integration.has_branding


async def test_brands_view_serves_every_image(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
    hass_ws_client: WebSocketGenerator,
) -> None:
    require_brands_view()
    assert await async_setup_component(hass, "brands", {})
    await hass.async_block_till_done()

    client = await hass_client()
    for image in IMAGES:
        response = await client.get(brand_url(image))
        assert response.status == 200, image
        assert response.content_type == "image/png", image
        assert await response.read() == (BRAND_DIR / image).read_bytes(), image

    # The frontend loads them in <img> tags, with the brands access token.
    anonymous = await hass_client_no_auth()
    assert (await anonymous.get(brand_url("icon.png"))).status == 403
    websocket = await hass_ws_client(hass)
    await websocket.send_json({"id": 1, "type": "brands/access_token"})
    message = await websocket.receive_json()
    assert message["success"], message
    token = message["result"]["token"]
    response = await anonymous.get(brand_url("icon.png"), params={"token": token})
    assert response.status == 200
    assert await response.read() == (BRAND_DIR / "icon.png").read_bytes()
