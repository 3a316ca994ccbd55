"""Downloads of archived firmware: signed, short-lived URLs, admin only.

``esphome_builder/builds/download`` answers with a URL signed by Home
Assistant's ``async_sign_path`` for a few minutes. The view serves the file
found by the artifact's id (never a path from the request), only with a valid
signature, and only to an admin; the name it offers is built from safe parts.
"""

from __future__ import annotations

import re

from aiohttp import hdrs, web
from homeassistant.components.http import KEY_HASS_USER, HomeAssistantView
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS
from homeassistant.util.hass_dict import HassKey

from .archive import DOWNLOAD_URL
from .const import DOMAIN
from .errors import NotLoadedError, UnknownArtifactError
from .runtime import async_get_runtime

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_REGISTERED: HassKey[bool] = HassKey(f"{DOMAIN}_download_view")


@callback
def async_register_download_view(hass: HomeAssistant) -> None:
    """Register the view once per run (aiohttp cannot remove a route)."""
    if not hass.data.get(_REGISTERED):
        hass.http.register_view(ArtifactDownloadView())
        hass.data[_REGISTERED] = True


def download_name(configuration: str, created_at: str, kind: str, file: str) -> str:
    """Return the file name a download offers: plain characters only."""
    stem = configuration.rsplit(".", 1)[0]
    when = created_at[:19].replace(":", "").replace("-", "")
    suffix = file.rsplit(".", 1)[1] if "." in file else "bin"
    return _UNSAFE.sub("_", f"{stem}-{when}-{kind}.{suffix}")


class ArtifactDownloadView(HomeAssistantView):
    """Serves one archived artifact to an admin holding a signed URL."""

    url = DOWNLOAD_URL
    name = f"api:{DOMAIN}:artifact"
    # Authenticated by the signature alone: a plain session token is refused.
    requires_auth = True

    async def get(self, request: web.Request, artifact_id: str) -> web.StreamResponse:
        """Send the file, or 401/403/404 saying why not."""
        if "authSig" not in request.query:
            raise web.HTTPUnauthorized
        user = request.get(KEY_HASS_USER)
        if user is None or not user.is_admin:
            raise web.HTTPForbidden
        hass: HomeAssistant = request.app[KEY_HASS]
        try:
            archive = async_get_runtime(hass).archive
            if archive is None:
                raise web.HTTPNotFound
            build, artifact, path = archive.artifact_path(artifact_id)
        except (NotLoadedError, UnknownArtifactError) as err:
            raise web.HTTPNotFound from err
        name = download_name(
            build.configuration, build.created_at, artifact.kind, artifact.file
        )
        return web.FileResponse(
            path,
            headers={
                hdrs.CONTENT_DISPOSITION: f'attachment; filename="{name}"',
                hdrs.CONTENT_TYPE: "application/octet-stream",
                "X-Content-Type-Options": "nosniff",
            },
        )
