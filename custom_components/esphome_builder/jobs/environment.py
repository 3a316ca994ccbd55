"""The environment an ESPHome child process gets: an allowlist of HA's own.

HA's environment can hold credentials (under the Supervisor, ``SUPERVISOR_TOKEN``),
and a build runs third-party code: ``external_components``, PlatformIO scripts.
Only what ESPHome and its toolchains need is passed on.
"""

from __future__ import annotations

from collections.abc import Mapping
import os

PASSED_NAMES = frozenset({"PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR"})
PASSED_PREFIXES = ("LC_", "PLATFORMIO_", "ESPHOME_")


def child_environment(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the allowed part of this process's environment, plus ``overrides``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name in PASSED_NAMES or name.startswith(PASSED_PREFIXES)
    }
    env.update(overrides or {})
    return env
