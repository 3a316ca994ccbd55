"""Config, options and reconfigure flows for ESPHome Builder."""

from __future__ import annotations

from pathlib import Path
import tempfile
from typing import Any
from urllib.parse import urlsplit

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import selector
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import voluptuous as vol

from . import const
from .builder_client import BuilderError, BuilderSpec, async_get_devices
from .builders import (
    CONF_BUILDERS,
    CONF_DEFAULT_BUILDER,
    CONF_IDLE_TIMEOUT,
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    async_known_dashboard,
    builder_specs,
    default_builder_name,
    spec_to_dict,
)
from .command import CommandError, parse_command, probe_version
from .const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_MAX_RUN_MINUTES,
    CONF_UPLOAD_JOBS,
    DEFAULT_COMPILE_JOBS,
    DEFAULT_CONFIGS_SUBDIR,
    DEFAULT_MAX_RUN_MINUTES,
    DEFAULT_UPLOAD_JOBS,
    DOMAIN,
    MAX_PARALLEL_JOBS,
)
from .jobs.manager import BUILDER_AUTO, BUILDER_LOCAL
from .jobs.remote import DEFAULT_IDLE_TIMEOUT
from .runtime import entry_settings

# Settings of the remote builders: kept when the local settings change.
_REMOTE_KEYS = (CONF_BUILDERS, CONF_DEFAULT_BUILDER, CONF_IDLE_TIMEOUT)

_PARALLEL = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=1, max=MAX_PARALLEL_JOBS, step=1, mode=selector.NumberSelectorMode.BOX
    )
)


_RUN_MINUTES = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=5,
        max=24 * 60,
        step=5,
        unit_of_measurement="min",
        mode=selector.NumberSelectorMode.BOX,
    )
)


def _schema(defaults: dict[str, Any], *, run_limit: bool = False) -> vol.Schema:
    limits: dict[Any, Any] = {}
    if run_limit:
        limits[
            vol.Required(
                CONF_MAX_RUN_MINUTES,
                default=defaults.get(CONF_MAX_RUN_MINUTES, DEFAULT_MAX_RUN_MINUTES),
            )
        ] = _RUN_MINUTES
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
            **limits,
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
    hass: HomeAssistant, user_input: dict[str, Any], *, remote_only_ok: bool = False
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """Return the cleaned settings, form errors and description placeholders.

    With ``remote_only_ok`` (remote builders are configured) an empty command
    is accepted even when no local ESPHome is found.
    """
    folder = str(user_input[CONF_CONFIGS_DIR]).strip()
    command_line = str(user_input.get(CONF_ESPHOME_COMMAND) or "").strip()
    data: dict[str, Any] = {
        CONF_CONFIGS_DIR: folder,
        CONF_ESPHOME_COMMAND: command_line,
        CONF_COMPILE_JOBS: int(user_input[CONF_COMPILE_JOBS]),
        CONF_UPLOAD_JOBS: int(user_input[CONF_UPLOAD_JOBS]),
    }
    if CONF_MAX_RUN_MINUTES in user_input:
        data[CONF_MAX_RUN_MINUTES] = int(user_input[CONF_MAX_RUN_MINUTES])
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
        if not (remote_only_ok and not command_line):
            errors[CONF_ESPHOME_COMMAND] = err.reason
            placeholders["detail"] = err.detail
    return data, errors, placeholders


def _remote_schema(defaults: dict[str, Any], with_name: bool) -> vol.Schema:
    fields: dict[Any, Any] = {
        vol.Required(
            CONF_URL, default=defaults.get(CONF_URL, "")
        ): selector.TextSelector(
            selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
        ),
    }
    if with_name:
        fields[
            vol.Optional(
                CONF_NAME, description={"suggested_value": defaults.get(CONF_NAME)}
            )
        ] = selector.TextSelector()
    fields[
        vol.Optional(
            CONF_USERNAME, description={"suggested_value": defaults.get(CONF_USERNAME)}
        )
    ] = selector.TextSelector()
    fields[vol.Optional(CONF_PASSWORD)] = selector.TextSelector(
        selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
    )
    return vol.Schema(fields)


async def async_validate_builder(
    hass: HomeAssistant, user_input: dict[str, Any], taken: set[str] | None = None
) -> tuple[BuilderSpec, dict[str, str], dict[str, str]]:
    """Test a builder against its ``/devices``; return it, errors, placeholders."""
    url = str(user_input.get(CONF_URL) or "").strip()
    spec = BuilderSpec(
        name=str(user_input.get(CONF_NAME) or "").strip() or default_builder_name(url),
        url=url,
        username=str(user_input.get(CONF_USERNAME) or ""),
        password=str(user_input.get(CONF_PASSWORD) or ""),
    )
    placeholders = {"detail": ""}
    parts = urlsplit(url)
    if not url.startswith(("http://", "https://")) or not parts.hostname:
        return spec, {CONF_URL: "invalid_url"}, placeholders
    if "@" in parts.netloc:
        # It would become the builder's name, shown everywhere.
        return spec, {CONF_URL: "url_credentials"}, placeholders
    if spec.name in (taken or set()) or spec.name in (BUILDER_AUTO, BUILDER_LOCAL):
        return spec, {CONF_NAME: "name_taken"}, placeholders
    try:
        await async_get_devices(async_get_clientsession(hass), spec)
    except BuilderError as err:
        placeholders["detail"] = err.detail
        return spec, {"base": err.reason}, placeholders
    return spec, {}, placeholders


async def _remote_defaults(hass: HomeAssistant) -> dict[str, Any]:
    """Offer the dashboard HA core's esphome integration knows, if any."""
    known = await async_known_dashboard(hass)
    if known is None:
        return {}
    return {CONF_NAME: known[0], CONF_URL: known[1]}


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
        """Ask where builds run: here, or on an ESPHome Device Builder."""
        return self.async_show_menu(step_id="user", menu_options=["local", "remote"])

    async def async_step_remote(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Set up with a remote builder only (HA OS: no local ESPHome)."""
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        defaults = await _remote_defaults(self.hass)
        if user_input is not None:
            if defaults and user_input.get(CONF_URL) == defaults[CONF_URL]:
                # The add-on HA knows keeps the name it is known by.
                user_input = {CONF_NAME: defaults[CONF_NAME], **user_input}
            spec, errors, placeholders = await async_validate_builder(
                self.hass, user_input
            )
            if not errors:
                folder = self.hass.config.path(DEFAULT_CONFIGS_SUBDIR)
                # Best effort: the builds do not need it, the local catalog does.
                await self.hass.async_add_executor_job(_prepare_folder, folder)
                data = {
                    **_defaults(self.hass),
                    CONF_BUILDERS: [spec_to_dict(spec)],
                    CONF_DEFAULT_BUILDER: BUILDER_AUTO,
                    CONF_IDLE_TIMEOUT: DEFAULT_IDLE_TIMEOUT,
                }
                return self.async_create_entry(title="ESPHome Builder", data=data)
            defaults = {**defaults, **user_input}
        return self.async_show_form(
            step_id="remote",
            data_schema=_remote_schema(defaults, with_name=False),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_local(
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
            step_id="local",
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
        current = entry_settings(entry)
        defaults = _defaults(self.hass, current)
        if user_input is not None:
            data, errors, placeholders = await async_validate_input(
                self.hass, user_input, remote_only_ok=bool(current.get(CONF_BUILDERS))
            )
            if not errors:
                remote = {key: current[key] for key in _REMOTE_KEYS if key in current}
                return self.async_update_reload_and_abort(
                    entry, data={**remote, **data}, options={}
                )
            defaults = _defaults(self.hass, data)
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_schema(defaults),
            errors=errors,
            description_placeholders=placeholders,
        )


class EsphomeBuilderOptionsFlow(OptionsFlow):
    """Change the local settings, or add, remove and pick remote builders."""

    def _current(self) -> dict[str, Any]:
        return entry_settings(self.config_entry)

    def _save(self, changes: dict[str, Any]) -> ConfigFlowResult:
        # Options replace each other: always store the whole set.
        return self.async_create_entry(data={**self._current(), **changes})

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Offer what can be changed."""
        options = ["settings", "add_builder"]
        if builder_specs(self._current()):
            options += ["remove_builder", "routing"]
        return self.async_show_menu(step_id="init", menu_options=options)

    async def async_step_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and validate the same fields as the setup."""
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        current = self._current()
        defaults = _defaults(self.hass, current)
        if user_input is not None:
            data, errors, placeholders = await async_validate_input(
                self.hass, user_input, remote_only_ok=bool(current.get(CONF_BUILDERS))
            )
            if not errors:
                return self._save(data)
            defaults = _defaults(self.hass, data)
        return self.async_show_form(
            step_id="settings",
            data_schema=_schema(defaults, run_limit=True),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_add_builder(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add a remote builder, tested against its /devices on save."""
        errors: dict[str, str] = {}
        placeholders = {"detail": ""}
        specs = builder_specs(self._current())
        defaults: dict[str, Any] = {}
        if not specs:
            defaults = await _remote_defaults(self.hass)
        if user_input is not None:
            spec, errors, placeholders = await async_validate_builder(
                self.hass, user_input, {s.name for s in specs}
            )
            if not errors:
                return self._save(
                    {CONF_BUILDERS: [spec_to_dict(s) for s in [*specs, spec]]}
                )
            defaults = dict(user_input)
        return self.async_show_form(
            step_id="add_builder",
            data_schema=_remote_schema(defaults, with_name=True),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_remove_builder(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Remove remote builders."""
        specs = builder_specs(self._current())
        if user_input is not None:
            gone = set(user_input.get(CONF_BUILDERS) or [])
            return self._save(
                {CONF_BUILDERS: [spec_to_dict(s) for s in specs if s.name not in gone]}
            )
        return self.async_show_form(
            step_id="remove_builder",
            data_schema=vol.Schema(
                {
                    vol.Optional(CONF_BUILDERS, default=[]): selector.SelectSelector(
                        selector.SelectSelectorConfig(
                            options=[s.name for s in specs], multiple=True
                        )
                    )
                }
            ),
        )

    async def async_step_routing(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Choose where jobs run by default, and the remote idle timeout."""
        current = self._current()
        if user_input is not None:
            return self._save(
                {
                    CONF_DEFAULT_BUILDER: user_input[CONF_DEFAULT_BUILDER],
                    CONF_IDLE_TIMEOUT: float(user_input[CONF_IDLE_TIMEOUT]),
                }
            )
        choices = [
            BUILDER_AUTO,
            BUILDER_LOCAL,
            *(s.name for s in builder_specs(current)),
        ]
        return self.async_show_form(
            step_id="routing",
            data_schema=vol.Schema(
                {
                    vol.Required(
                        CONF_DEFAULT_BUILDER,
                        default=current.get(CONF_DEFAULT_BUILDER, BUILDER_AUTO),
                    ): selector.SelectSelector(
                        selector.SelectSelectorConfig(
                            options=choices, translation_key="default_builder"
                        )
                    ),
                    vol.Required(
                        CONF_IDLE_TIMEOUT,
                        default=current.get(CONF_IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT),
                    ): selector.NumberSelector(
                        selector.NumberSelectorConfig(
                            min=10,
                            max=3600,
                            step=1,
                            unit_of_measurement="s",
                            mode=selector.NumberSelectorMode.BOX,
                        )
                    ),
                }
            ),
        )
