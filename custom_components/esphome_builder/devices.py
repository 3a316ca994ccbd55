"""Find device configurations in the configs folder, and guard its boundary."""

from __future__ import annotations

from dataclasses import replace
import ipaddress
from pathlib import Path
import re
import stat
from typing import Any

from .config_reader import ConfigReadError, read_config
from .errors import TranslatableError
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
_SERIAL = re.compile(r"/dev/[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONFIG_SUFFIXES = (".yaml", ".yml")
# Where stable names of serial adapters live (udev links to the tty).
_SERIAL_LINKS = ("/dev/serial/by-id/", "/dev/serial/by-path/")
# A tty backed by hardware (a UART or a USB serial adapter) has a device in
# sysfs; virtual consoles, ptys and /dev/tty do not.
SYS_TTY = Path("/sys/class/tty")


class ConfigurationError(TranslatableError, ValueError):
    """A configuration name that cannot be used; the key says why."""

    def __init__(self, translation_key: str, configuration: str) -> None:
        """Initialize with the key of the message shown to the user."""
        super().__init__(f"{translation_key}: {configuration!r}")
        self.translation_key = translation_key
        self.configuration = configuration

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the refused name."""
        return {"configuration": self.configuration}


class InvalidDeviceError(TranslatableError, ValueError):
    """A device target that could become an option or is not an address."""

    translation_key = "invalid_device"

    def __init__(self, device: str) -> None:
        """Initialize with the refused target."""
        super().__init__(
            f"Invalid device {device!r}: use OTA, a host name, an IP address or a "
            "serial port under /dev/"
        )
        self.device = device

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the refused target."""
        return {"device": self.device}


def _refuse(name: str) -> ConfigurationError:
    return ConfigurationError("invalid_configuration", name)


def check_configuration_name(name: str) -> str:
    """Return ``name`` if it can name a configuration (no path, no option), else raise."""
    if (
        not isinstance(name, str)
        or not name
        or "/" in name
        or "\\" in name
        or _CONTROL.search(name)
        or name.startswith((".", "-"))
    ):
        raise _refuse(str(name))
    if not name.endswith(_CONFIG_SUFFIXES) or name in _NOT_DEVICES:
        raise _refuse(name)
    return name


def resolve_configuration(configs_dir: Path, configuration: str) -> Path:
    """Return the real path of a configuration inside the folder, or raise.

    Only a plain file name directly in the folder is accepted, and the file it
    resolves to must itself be a ``.yaml``/``.yml`` configuration in the folder,
    not a secrets file: an in-folder link cannot make another file a device.
    Does filesystem work: run it in an executor.
    """
    name = check_configuration_name(configuration)
    if not configs_dir.is_dir():
        # Not "no such configuration": the share may not be mounted yet.
        raise ConfigurationError("folder_unreadable", name)
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
    if (
        not real.name.endswith(_CONFIG_SUFFIXES)
        or real.name in _NOT_DEVICES
        or real.name.startswith(".")
    ):
        raise _refuse(name)
    if not real.is_file():
        raise ConfigurationError("unknown_configuration", name)
    return real


def validate_device(device: str) -> str:
    """Return ``device`` if it has the form of OTA, a host, an IP or a port, else raise.

    The form only: a remote builder names its own serial ports. A port on this
    machine is checked by ``validate_local_port`` as well.
    """
    if not isinstance(device, str) or not device or device.startswith("-"):
        raise InvalidDeviceError(str(device))
    if device == "OTA":
        return device
    if not _CONTROL.search(device):
        try:
            ipaddress.ip_address(device)
        except ValueError:
            pass
        else:
            return device
    if _HOSTNAME.fullmatch(device) or (
        _SERIAL.fullmatch(device) and ".." not in device.split("/")
    ):
        return device
    raise InvalidDeviceError(device)


def is_serial_port(device: str) -> bool:
    """Return True for a target that names a serial port (a path under /dev/)."""
    return device.startswith("/dev/")


def validate_local_port(device: str) -> str:
    """Return ``device`` if it is a serial port on this machine, else raise.

    An existing character device that is a hardware tty, named directly or
    through a ``/dev/serial/by-id/`` (or ``by-path``) link. Never opened:
    opening a port can reset the board on it. Does filesystem work.
    """
    path = Path(device)
    try:
        if path.is_symlink() and not device.startswith(_SERIAL_LINKS):
            raise InvalidDeviceError(device)
        real = path.resolve(strict=True)
        mode = real.stat().st_mode
    except OSError as err:
        raise InvalidDeviceError(device) from err
    if (
        real.parent != Path("/dev")
        or not stat.S_ISCHR(mode)
        or not (SYS_TTY / real.name / "device").exists()
    ):
        raise InvalidDeviceError(device)
    return device


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


class _HeadScan:
    """What a line scan of a YAML's head finds: platform, esphome keys, substitutions."""

    def __init__(self) -> None:
        self.section: str | None = None
        self.platform: str | None = None
        self.esphome: dict[str, str] = {}
        self.substitutions: dict[str, str] = {}
        # `esphome: project: version:`, the one nested key read (the firmware
        # version the update entity compares with what the node reports).
        self.project_version: str | None = None
        self._esphome_indent: int | None = None
        self._in_project = False

    def feed(self, line: str) -> None:
        if not line.strip() or line.lstrip().startswith("#"):
            return
        if top := _TOP_KEY.match(line):
            self.section = top.group(1)
            if self.platform is None and self.section in PLATFORM_KEYS:
                self.platform = self.section
            return
        if self.section not in ("esphome", "substitutions"):
            return
        if (child := _CHILD_KEY.match(line)) is None:
            return
        if self.section == "esphome" and self._nested(child):
            return
        if (value := _scalar(child.group(3))) is not None:
            target = self.esphome if self.section == "esphome" else self.substitutions
            target.setdefault(child.group(2), value)

    def _nested(self, child: re.Match[str]) -> bool:
        """Follow the nesting under ``esphome:``; True for a line below its keys."""
        depth = len(child.group(1).expandtabs())
        if self._esphome_indent is None:
            self._esphome_indent = depth
        if depth > self._esphome_indent:
            if self._in_project and child.group(2) == "version":
                self.project_version = self.project_version or _scalar(child.group(3))
            return True
        self._in_project = child.group(2) == "project"
        return False


def _scan_head(path: Path) -> DeviceConfig:
    """Read name, friendly name and platform by a line scan of the file's head.

    For a file the YAML reader refuses: it is still listed, under the name a
    person would read in it.
    """
    try:
        with path.open("rb") as handle:
            text = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        text = ""
    scan = _HeadScan()
    for line in text.splitlines():
        scan.feed(line)
    substitutions = scan.substitutions
    return DeviceConfig(
        configuration=path.name,
        name=_substitute(scan.esphome.get("name"), substitutions),
        friendly_name=_substitute(scan.esphome.get("friendly_name"), substitutions),
        platform=scan.platform,
        project_version=_substitute(scan.project_version, substitutions),
        files=(path.name,),
    )


def _plain(value: Any) -> str | None:
    """Return a scalar as text; None for a tag, a mapping or nothing."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return str(value)


def read_device_config(path: Path, configs_dir: Path | None = None) -> DeviceConfig:
    """Read a configuration's name, friendly name, platform and project version.

    Packages, includes and substitutions count, as they do for ESPHome; a file
    the YAML reader refuses is still listed, with the reason in ``error``.
    Blocking: run it in the executor.
    """
    try:
        read = read_config(path, configs_dir or path.parent)
    except ConfigReadError as err:
        return replace(_scan_head(path), error=str(err))
    config = read.config
    esphome = config.get("esphome")
    esphome = esphome if isinstance(esphome, dict) else {}
    project = esphome.get("project")
    return DeviceConfig(
        configuration=path.name,
        name=_plain(esphome.get("name")),
        friendly_name=_plain(esphome.get("friendly_name")),
        platform=next((key for key in config if key in PLATFORM_KEYS), None),
        project_version=_plain(project.get("version"))
        if isinstance(project, dict)
        else None,
        files=tuple(read.files),
        content_hash=read.content_hash,
        ota_port=ota_port(config),
    )


# The OTA port ESPHome uses when the YAML names none, by platform.
_DEFAULT_OTA_PORTS = {
    "esp32": 3232,
    "esp8266": 8266,
    "rp2040": 2040,
    "bk72xx": 8892,
    "rtl87xx": 8892,
    "ln882x": 8892,
    "libretiny": 8892,
    "host": 8082,
}


def ota_port(config: dict[str, Any]) -> int | None:
    """Return the port of the configuration's ESPHome OTA, if it has one."""
    ota = config.get("ota")
    entries = ota if isinstance(ota, list) else [ota] if isinstance(ota, dict) else []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("platform", "esphome") == "esphome":
            port = entry.get("port")
            if type(port) is int or (isinstance(port, str) and port.isdigit()):
                return int(port)
            platform = next((key for key in config if key in PLATFORM_KEYS), "")
            return _DEFAULT_OTA_PORTS.get(platform)
    return None


def discover_configurations(configs_dir: Path) -> list[DeviceConfig]:
    """List the device configurations in the folder, sorted by file name.

    Runs in an executor: it reads the folder and each configuration.
    Raises OSError when the folder cannot be read, which is not the same as
    an empty folder: nothing may be forgotten because of it.
    """
    entries = sorted(configs_dir.iterdir())
    found: list[DeviceConfig] = []
    for path in entries:
        name = path.name
        if name.startswith(".") or name in _NOT_DEVICES:
            continue
        if not name.endswith(_CONFIG_SUFFIXES):
            continue
        try:
            resolve_configuration(configs_dir, name)
        except ConfigurationError:
            continue
        found.append(read_device_config(path, configs_dir))
    return found
