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
    resolve_configuration,
    validate_local_port,
)


@dataclass(slots=True, frozen=True)
class TargetCheck:
    """What the filesystem says about a job's target, looked up off the loop."""

    configuration_error: ConfigurationError | None
    port_error: InvalidDeviceError | None


def check_target(
    configs_dir: Path, configuration: str, device: str | None
) -> TargetCheck:
    """Resolve the configuration and a serial port; blocking, for the executor."""
    configuration_error = port_error = None
    try:
        resolve_configuration(configs_dir, configuration)
    except ConfigurationError as err:
        configuration_error = err
    if device and is_serial_port(device):
        try:
            validate_local_port(device)
        except InvalidDeviceError as err:
            port_error = err
    return TargetCheck(configuration_error, port_error)
