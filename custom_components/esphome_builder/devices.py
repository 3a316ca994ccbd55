"""Find device configurations in the configs folder, and guard its boundary."""

from __future__ import annotations

import ipaddress
from pathlib import Path
import re

from .models import DeviceConfig

PLATFORM_KEYS = frozenset(
    {
        "esp32",
        "esp8266",
        "rp2040",
        "bk72xx",
        "rtl87xx",
        "ln882x",
        "libretiny",
        "nrf52",
        "host",
    }
)
_NOT_DEVICES = frozenset({"secrets.yaml", "secrets.yml"})
# Enough of a config to identify it; nobody keeps the name below this.
_HEAD_BYTES = 256 * 1024

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(.*)$")
_CHILD_KEY = re.compile(r"^([ \t]+)([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_SUBST = re.compile(r"\$\{(\w+)\}|\$(\w+)")
_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$"
)
_SERIAL = re.compile(r"^/dev/[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*$")


class ConfigurationError(ValueError):
    """A configuration name that cannot be used; carries a translation key."""

    def __init__(self, translation_key: str, configuration: str) -> None:
        """Initialize with the key of the message shown to the user."""
        super().__init__(f"{translation_key}: {configuration!r}")
        self.translation_key = translation_key
        self.configuration = configuration


class InvalidDeviceError(ValueError):
    """A device target that could become an option or is not an address."""

    def __init__(self, device: str) -> None:
        """Initialize with the refused target."""
        super().__init__(
            f"Invalid device {device!r}: use OTA, a host name, an IP address or a "
            "serial port under /dev/"
        )
        self.device = device


def resolve_configuration(configs_dir: Path, configuration: str) -> Path:
    """Return the path of a configuration inside the folder, or raise.

    Only a plain file name of an existing ``.yaml``/``.yml`` file directly in the
    folder is accepted; anything that could reach outside it is refused.
    """
    name = configuration
    if (
        not isinstance(name, str)
        or not name
        or "/" in name
        or "\\" in name
        or "\0" in name
        or name.startswith((".", "-"))
    ):
        raise ConfigurationError("invalid_configuration", str(name))
    if not name.endswith((".yaml", ".yml")) or name in _NOT_DEVICES:
        raise ConfigurationError("invalid_configuration", name)
    root = configs_dir.resolve()
    path = root / name
    try:
        real = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError) as err:
        if path.is_symlink():
            raise ConfigurationError("path_escape", name) from err
        raise ConfigurationError("unknown_configuration", name) from err
    except OSError as err:
        raise ConfigurationError("unknown_configuration", name) from err
    if real.parent != root:
        raise ConfigurationError("path_escape", name)
    if not real.is_file():
        raise ConfigurationError("unknown_configuration", name)
    return path


def validate_device(device: str) -> str:
    """Return ``device`` if it is OTA, a host, an IP or a serial port, else raise."""
    if not isinstance(device, str) or not device or device.startswith("-"):
        raise InvalidDeviceError(str(device))
    if device == "OTA":
        return device
    try:
        ipaddress.ip_address(device)
    except ValueError:
        pass
    else:
        return device
    if _HOSTNAME.match(device) or (_SERIAL.match(device) and ".." not in device):
        return device
    raise InvalidDeviceError(device)


def _substitute(value: str | None, substitutions: dict[str, str]) -> str | None:
    if value is None or "$" not in value:
        return value
    return _SUBST.sub(
        lambda m: substitutions.get(m.group(1) or m.group(2), m.group(0)), value
    )


def _scalar(raw: str) -> str | None:
    value = raw.split(" #", 1)[0].strip()
    if not value or value.startswith(("!", "|", ">", "{", "[")):
        return None
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value or None


def read_device_config(path: Path) -> DeviceConfig:
    """Read name, friendly name and platform without running ESPHome.

    A line scan, not a YAML parse: ESPHome's tags (!secret, !include, !lambda)
    and files ESPHome would reject must still be listed.
    """
    try:
        with path.open("rb") as handle:
            text = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        text = ""
    section: str | None = None
    esphome: dict[str, str] = {}
    substitutions: dict[str, str] = {}
    platform: str | None = None
    # `esphome: project: version:`, the one nested key read (the firmware version
    # the update entity compares with what the node reports).
    project_version: str | None = None
    esphome_indent: int | None = None
    in_project = False
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if top := _TOP_KEY.match(line):
            section = top.group(1)
            if platform is None and section in PLATFORM_KEYS:
                platform = section
            continue
        if section in ("esphome", "substitutions") and (
            child := _CHILD_KEY.match(line)
        ):
            if section == "esphome":
                depth = len(child.group(1).expandtabs())
                if esphome_indent is None:
                    esphome_indent = depth
                if depth > esphome_indent:
                    if in_project and child.group(2) == "version":
                        project_version = project_version or _scalar(child.group(3))
                    continue
                in_project = child.group(2) == "project"
            value = _scalar(child.group(3))
            if value is None:
                continue
            target = esphome if section == "esphome" else substitutions
            target.setdefault(child.group(2), value)
    return DeviceConfig(
        configuration=path.name,
        name=_substitute(esphome.get("name"), substitutions),
        friendly_name=_substitute(esphome.get("friendly_name"), substitutions),
        platform=platform,
        project_version=_substitute(project_version, substitutions),
    )


def discover_configurations(configs_dir: Path) -> list[DeviceConfig]:
    """List the device configurations in the folder, sorted by file name.

    Runs in an executor: it reads the folder and the head of each file.
    """
    try:
        entries = sorted(configs_dir.iterdir())
    except OSError:
        return []
    found: list[DeviceConfig] = []
    for path in entries:
        name = path.name
        if name.startswith(".") or name in _NOT_DEVICES:
            continue
        if not name.endswith((".yaml", ".yml")):
            continue
        try:
            resolve_configuration(configs_dir, name)
        except ConfigurationError:
            continue
        found.append(read_device_config(path))
    return found
