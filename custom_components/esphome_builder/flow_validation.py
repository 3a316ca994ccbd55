"""Check what the config and options flows were given before it is saved."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
import tempfile
from typing import Any
from urllib.parse import urlsplit

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from . import const
from .builder_client import BuilderError, BuilderSpec, async_get_devices
from .builders import (
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    default_builder_name,
)
from .command import CommandError, parse_command, probe_version
from .const import (
    CONF_ARCHIVE_KEEP,
    CONF_ARCHIVE_MB,
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_ESPHOME_KEEP,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    CONF_MAX_RUN_MINUTES,
    CONF_UPLOAD_JOBS,
    CONF_WAIT_MINUTES,
    DEFAULT_CONFIGS_SUBDIR,
    ESPHOME_COMMAND,
    ESPHOME_MANAGED,
)
from .jobs.plan import BUILDER_AUTO, BUILDER_LOCAL
from .managed.layout import is_version


@dataclass(slots=True)
class Checked[T]:
    """A submitted form: the value to save, or the errors to show instead."""

    value: T
    # What the form is filled with when it is shown again with the errors.
    shown: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    placeholders: dict[str, str] = field(default_factory=lambda: {"detail": ""})


def prepare_folder(path: str) -> str | None:
    """Create the folder if missing and prove it writable; return an error key."""
    folder = Path(path)
    if not folder.is_absolute():
        return "folder_not_absolute"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return "folder_not_a_directory"
    except OSError:
        return "folder_not_writable"
    if not folder.is_dir():
        return "folder_not_a_directory"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".esphome_builder-"):
            pass
    except OSError:
        return "folder_not_writable"
    return None


async def async_validate_settings(
    hass: HomeAssistant, user_input: dict[str, Any], *, remote_only_ok: bool = False
) -> Checked[dict[str, Any]]:
    """Clean the local settings, prepare the folder and probe the command.

    With ``remote_only_ok`` (remote builders are configured) an empty command
    is accepted even when no local ESPHome is found.
    """
    folder = str(user_input[CONF_CONFIGS_DIR]).strip()
    command_line = str(user_input.get(CONF_ESPHOME_COMMAND) or "").strip()
    source = str(user_input.get(CONF_ESPHOME_SOURCE) or ESPHOME_COMMAND)
    data: dict[str, Any] = {
        CONF_CONFIGS_DIR: folder,
        CONF_ESPHOME_SOURCE: source,
        CONF_ESPHOME_COMMAND: command_line,
        CONF_COMPILE_JOBS: int(user_input[CONF_COMPILE_JOBS]),
        CONF_UPLOAD_JOBS: int(user_input[CONF_UPLOAD_JOBS]),
    }
    for minutes in (
        CONF_MAX_RUN_MINUTES,
        CONF_WAIT_MINUTES,
        CONF_ARCHIVE_KEEP,
        CONF_ARCHIVE_MB,
        CONF_ESPHOME_KEEP,
    ):
        if minutes in user_input:
            data[minutes] = int(user_input[minutes])
    checked = Checked(value=data, shown=data)
    if CONF_ESPHOME_VERSION in user_input or source == ESPHOME_MANAGED:
        version = str(user_input.get(CONF_ESPHOME_VERSION) or "").strip()
        data[CONF_ESPHOME_VERSION] = version
        if version and not is_version(version):
            checked.errors[CONF_ESPHOME_VERSION] = "invalid_version"
    error = await hass.async_add_executor_job(prepare_folder, folder)
    if error is not None:
        checked.errors[CONF_CONFIGS_DIR] = error
    if source == ESPHOME_MANAGED:
        # Installed by a setup job once the entry loads: nothing to probe.
        return checked
    try:
        command = parse_command(command_line)
        # Read through the module so a test can shorten the timeout.
        await probe_version(command, const.VERSION_PROBE_TIMEOUT)
    except CommandError as err:
        if not (remote_only_ok and not command_line):
            checked.errors[CONF_ESPHOME_COMMAND] = err.reason
            checked.placeholders["detail"] = err.detail
    return checked


def _url_error(url: str) -> str | None:
    parts = urlsplit(url)
    if not url.startswith(("http://", "https://")) or not parts.hostname:
        return "invalid_url"
    if "@" in parts.netloc:
        # It would become the builder's name, shown everywhere.
        return "url_credentials"
    return None


async def async_validate_builder(
    hass: HomeAssistant, user_input: dict[str, Any], taken: set[str] | None = None
) -> Checked[BuilderSpec]:
    """Test a builder against its ``/devices``; its name must not be ``taken``."""
    url = str(user_input.get(CONF_URL) or "").strip()
    spec = BuilderSpec(
        name=str(user_input.get(CONF_NAME) or "").strip() or default_builder_name(url),
        url=url,
        username=str(user_input.get(CONF_USERNAME) or ""),
        password=str(user_input.get(CONF_PASSWORD) or ""),
    )
    checked = Checked(value=spec, shown=dict(user_input))
    if (error := _url_error(url)) is not None:
        checked.errors[CONF_URL] = error
    elif spec.name in (taken or set()) or spec.name in (BUILDER_AUTO, BUILDER_LOCAL):
        checked.errors[CONF_NAME] = "name_taken"
    else:
        try:
            await async_get_devices(async_get_clientsession(hass), spec)
        except BuilderError as err:
            checked.errors["base"] = err.reason
            checked.placeholders["detail"] = err.detail
    return checked


async def async_validate_remote_setup(
    hass: HomeAssistant, user_input: dict[str, Any], known: dict[str, Any]
) -> Checked[BuilderSpec]:
    """Test the only builder of a remote-only setup; ``known`` is the one offered."""
    if known and user_input.get(CONF_URL) == known[CONF_URL]:
        # The add-on HA knows keeps the name it is known by.
        user_input = {CONF_NAME: known[CONF_NAME], **user_input}
    checked = await async_validate_builder(hass, user_input)
    if not checked.errors:
        folder = hass.config.path(DEFAULT_CONFIGS_SUBDIR)
        # Best effort: the builds do not need it, the local catalog does.
        await hass.async_add_executor_job(prepare_folder, folder)
    return replace(checked, shown={**known, **user_input})
