"""Plain data the adapters share: a device configuration found in the folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True, frozen=True)
class DeviceConfig:
    """A device YAML found in the configs folder."""

    configuration: str
    name: str | None
    friendly_name: str | None
    platform: str | None
    # `esphome: project: version:`, when the YAML declares a project.
    project_version: str | None = None
    # The files it is made of (itself, its includes and packages, secrets),
    # relative to the configurations folder: what a change check must hash.
    files: tuple[str, ...] = ()
    # Why the YAML could not be read, when it could not; it is still listed.
    error: str | None = None
    # A digest of the files it is made of: what a "configuration changed"
    # check compares with the one of its last confirmed install.
    content_hash: str | None = None
    # The port its `ota: - platform: esphome` listens on, as ESPHome decides.
    ota_port: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape of the configuration."""
        return {
            "configuration": self.configuration,
            "name": self.name,
            "friendly_name": self.friendly_name,
            "platform": self.platform,
            "error": self.error,
        }
