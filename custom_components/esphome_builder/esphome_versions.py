"""What the versions commands and services share: check a request, then act.

``esphome/versions``, ``esphome/pin``, ``esphome/install`` (websocket) and
``install_esphome``, ``pin_version`` (services) go through here, so both
refuse the same input with the same translated errors.
"""

from __future__ import annotations

from .devices import resolve_configuration
from .errors import InvalidVersionError
from .jobs.job import Job
from .managed import ManagedEsphome
from .managed.layout import is_version
from .runtime import BuilderRuntime


def managed_of(runtime: BuilderRuntime) -> ManagedEsphome:
    """Return the entry's managed ESPHome (always set once loaded)."""
    managed = runtime.managed
    if managed is None:
        raise RuntimeError("managed ESPHome is not loaded")
    return managed


def checked_version(version: str | None) -> str | None:
    """Return ``version`` stripped; raise InvalidVersionError for a non-release."""
    if version is None:
        return None
    text = version.strip()
    if not is_version(text):
        raise InvalidVersionError(version)
    return text


async def async_install(runtime: BuilderRuntime, version: str | None) -> Job:
    """Start (or join) the setup job of ``version``, or of the newest release."""
    return await managed_of(runtime).async_install(checked_version(version))


async def async_pin(
    runtime: BuilderRuntime,
    configuration: str,
    version: str | None,
    *,
    exact: bool = False,
) -> dict[str, str]:
    """Pin a configuration of the folder to a version (None unpins); return the pins."""
    version = checked_version(version)
    managed = managed_of(runtime)
    if version is not None:
        # Only a configuration of the folder; unpinning one that is gone is fine.
        await managed.hass.async_add_executor_job(
            resolve_configuration, runtime.settings.configs_dir, configuration
        )
    await managed.async_pin(configuration, version, exact=exact)
    return dict(managed.pins)
