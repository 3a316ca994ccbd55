"""Config, options and reconfigure flows for ESPHome Builder."""

from __future__ import annotations

from pathlib import Path
import tempfile
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import selector
import voluptuous as vol

from . import const
from .command import CommandError, parse_command, probe_version
from .const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_UPLOAD_JOBS,
    DEFAULT_COMPILE_JOBS,
    DEFAULT_CONFIGS_SUBDIR,
    DEFAULT_UPLOAD_JOBS,
    DOMAIN,
    MAX_PARALLEL_JOBS,
)
from .runtime import entry_settings

_PARALLEL = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=1, max=MAX_PARALLEL_JOBS, step=1, mode=selector.NumberSelectorMode.BOX
    )
)


def _schema(defaults: dict[str, Any]) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(
                CONF_CONFIGS_DIR, default=defaults[CONF_CONFIGS_DIR]
            ): selector.TextSelector(),
            vol.Optional(
                CONF_ESPHOME_COMMAND,
                description={"suggested_value": defaults.get(CONF_ESPHOME_COMMAND)},
            ): selector.TextSelector(),
            vol.Required(
                CONF_COMPILE_JOBS, default=defaults[CONF_COMPILE_JOBS]
            ): _PARALLEL,
            vol.Required(
                CONF_UPLOAD_JOBS, default=defaults[CONF_UPLOAD_JOBS]
            ): _PARALLEL,
        }
    )


def _defaults(
    hass: HomeAssistant, current: dict[str, Any] | None = None
) -> dict[str, Any]:
    values: dict[str, Any] = {
        CONF_CONFIGS_DIR: hass.config.path(DEFAULT_CONFIGS_SUBDIR),
        CONF_ESPHOME_COMMAND: "",
        CONF_COMPILE_JOBS: DEFAULT_COMPILE_JOBS,
        CONF_UPLOAD_JOBS: DEFAULT_UPLOAD_JOBS,
    }
    values.update(current or {})
    return values


def _prepare_folder(path: str) -> str | None:
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


async def async_validate_input(
    hass: HomeAssistant, user_input: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Return the cleaned settings, form errors and description placeholders."""
    folder = str(user_input[CONF_CONFIGS_DIR]).strip()
    command_line = str(user_input.get(CONF_ESPHOME_COMMAND) or "").strip()
    data: dict[str, Any] = {
        CONF_CONFIGS_DIR: folder,
        CONF_ESPHOME_COMMAND: command_line,
        CONF_COMPILE_JOBS: int(user_input[CONF_COMPILE_JOBS]),
        CONF_UPLOAD_JOBS: int(user_input[CONF_UPLOAD_JOBS]),
    }
    errors: dict[str, str] = {}
    placeholders = {"detail": ""}
    error = await hass.async_add_executor_job(_prepare_folder, folder)
    if error is not None:
        errors[CONF_CONFIGS_DIR] = error
    try:
        command = parse_command(command_line)
        # Read through the module so a test can shorten the timeout.
        await probe_version(command, const.VERSION_PROBE_TIMEOUT)
    except CommandError as err:
        errors[CONF_ESPHOME_COMMAND] = err.reason
        placeholders["detail"] = err.detail
    return data, errors, placeholders


class EsphomeBuilderConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up the builder: where configs live and how ESPHome runs."""

    VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        """Return the options flow."""
        return EsphomeBuilderOptionsFlow()

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the folder, the command and the lanes."""
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        defaults = _defaults(self.hass)
        if user_input is not None:
            data, errors, placeholders = await async_validate_input(
                self.hass, user_input
            )
            if not errors:
                return self.async_create_entry(title="ESPHome Builder", data=data)
            defaults = _defaults(self.hass, data)
        return self.async_show_form(
            step_id="user",
            data_schema=_schema(defaults),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the settings of the existing entry."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        defaults = _defaults(self.hass, entry_settings(entry))
        if user_input is not None:
            data, errors, placeholders = await async_validate_input(
                self.hass, user_input
            )
            if not errors:
                return self.async_update_reload_and_abort(entry, data=data, options={})
            defaults = _defaults(self.hass, data)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_schema(defaults),
            errors=errors,
            description_placeholders=placeholders,
        )


class EsphomeBuilderOptionsFlow(OptionsFlow):
    """Change the folder, the command or the lanes of a loaded entry."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and validate the same fields as the setup."""
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        defaults = _defaults(self.hass, entry_settings(self.config_entry))
        if user_input is not None:
            data, errors, placeholders = await async_validate_input(
                self.hass, user_input
            )
            if not errors:
                return self.async_create_entry(data=data)
            defaults = _defaults(self.hass, data)
        return self.async_show_form(
            step_id="init",
            data_schema=_schema(defaults),
            errors=errors,
            description_placeholders=placeholders,
        )
