"""Pins against remote builders, which run the ESPHome they have.

A pin applies to local builds. A pinned configuration built remotely with
another version says so in its log; an *exact* pin refuses that builder: an
automatically routed job then builds locally, one sent to that builder by name
is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import TranslatableError
from .versions import ManagedEsphome


class PinMismatchError(TranslatableError):
    """An exactly pinned configuration was sent to a builder on another version."""

    translation_key = "pin_mismatch"

    def __init__(self, configuration: str, pinned: str, builder: str, theirs: str):
        """Initialize with what was asked and what the builder runs."""
        super().__init__(configuration)
        self.values = {
            "configuration": configuration,
            "version": pinned,
            "builder": builder,
            "builder_version": theirs,
        }

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the configuration, its pin, and the builder's version."""
        return self.values


def builder_version(device: Mapping[str, Any] | None) -> str | None:
    """Return the ESPHome version a remote builder reports for a configuration."""
    version = device.get("current_version") if device else None
    return version if isinstance(version, str) and version else None


def pin_against(
    managed: ManagedEsphome | None, configuration: str, theirs: str | None
) -> tuple[str, bool] | None:
    """Return (pinned version, exact) when a builder on ``theirs`` misses the pin."""
    pinned = managed.pins.get(configuration) if managed is not None else None
    if pinned is None or pinned == theirs:
        return None
    return pinned, configuration in managed.exact if managed is not None else False


def pin_warning(
    configuration: str, pinned: str, builder: str, theirs: str | None
) -> str:
    """Return the log line of a pinned configuration built remotely."""
    return (
        f"WARNING [ESPHome Builder] {configuration} is pinned to ESPHome "
        f"{pinned}, but {builder} builds it with "
        f"{theirs or 'a version it does not report'}: pins apply to local builds"
    )
