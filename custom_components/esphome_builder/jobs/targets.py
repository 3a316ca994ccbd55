"""What the filesystem says about a job's target, looked up off the event loop.

The configurations folder may be a slow network share, so a job's target is
checked in the executor. The engine decides what a failed check means: a
configuration this folder lacks may still exist on a remote builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..devices import (
    ConfigurationError,
    InvalidDeviceError,
    is_serial_port,
    read_device_config,
    resolve_configuration,
    validate_local_port,
)


@dataclass(slots=True, frozen=True)
class TargetCheck:
    """What the filesystem says about a job's target, looked up off the loop."""

    configuration_error: ConfigurationError | None
    port_error: InvalidDeviceError | None
    # Asked for an upload of the existing build, and this folder has none.
    build_missing: bool = False


def check_target(
    configs_dir: Path,
    configuration: str,
    device: str | None,
    needs_build: bool = False,
) -> TargetCheck:
    """Resolve the configuration and a serial port; blocking, for the executor."""
    configuration_error = port_error = None
    build_missing = False
    try:
        path = resolve_configuration(configs_dir, configuration)
        if needs_build:
            build_missing = not has_build(configs_dir, path)
    except ConfigurationError as err:
        configuration_error = err
    if device and is_serial_port(device):
        try:
            validate_local_port(device)
        except InvalidDeviceError as err:
            port_error = err
    return TargetCheck(configuration_error, port_error, build_missing)


def has_build(configs_dir: Path, path: Path) -> bool:
    """Return True when ESPHome left a firmware of the configuration to flash.

    Where ESPHome's ``firmware_bin`` is: ``build/<name>.bin`` for an ESP-IDF
    build, ``.pioenvs/<name>/`` (``firmware.bin``, ``firmware.uf2``, or the
    ``program`` of a ``host:`` build) for the others.
    """
    name = read_device_config(path, configs_dir).name
    if not name:
        return False
    build = configs_dir / ".esphome" / "build" / name
    env = build / ".pioenvs" / name
    candidates = (
        build / "build" / f"{name}.bin",
        env / "program",
        env / "firmware.bin",
        env / "firmware.uf2",
    )
    try:
        return any(candidate.is_file() for candidate in candidates)
    except OSError:
        return False
