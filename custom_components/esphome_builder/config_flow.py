"""Config, options and reconfigure flows for ESPHome Builder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from homeassistant.config_entries import (
    ConfigEntry,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.core import callback
import voluptuous as vol

from .builders import (
    CONF_BUILDERS,
    CONF_DEFAULT_BUILDER,
    CONF_IDLE_TIMEOUT,
    builder_specs,
    spec_to_dict,
)
from .const import CONF_ESPHOME_SOURCE, DOMAIN, ESPHOME_COMMAND
from .flow_schemas import (
    async_remote_defaults,
    local_defaults,
    local_schema,
    remote_schema,
    remove_builder_schema,
    routing_schema,
)
from .flow_validation import (
    Checked,
    async_validate_builder,
    async_validate_remote_setup,
    async_validate_settings,
)
from .jobs.plan import BUILDER_AUTO, BUILDER_LOCAL
from .jobs.remote import DEFAULT_IDLE_TIMEOUT
from .managed import ManagedEsphome
from .managed.ccache import async_cache_stats, async_clear_cache, ccache_program
from .runtime import entry_settings

_TITLE = "ESPHome Builder"

# Settings of the remote builders: kept when the local settings change.
_REMOTE_KEYS = (CONF_BUILDERS, CONF_DEFAULT_BUILDER, CONF_IDLE_TIMEOUT)


async def async_checked_form[T](
    flow: ConfigFlow | OptionsFlow,
    step_id: str,
    user_input: dict[str, Any] | None,
    check: Callable[[dict[str, Any]], Awaitable[Checked[T]]],
    done: Callable[[T], ConfigFlowResult],
    schema: Callable[[dict[str, Any] | None], vol.Schema],
) -> ConfigFlowResult:
    """Finish the step with what passes ``check``, else show the form again.

    ``schema`` gets None for the first showing, then what the form held.
    """
    checked: Checked[T] | None = None
    if user_input is not None:
        checked = await check(user_input)
        if not checked.errors:
            return done(checked.value)
    return flow.async_show_form(
        step_id=step_id,
        data_schema=schema(None if checked is None else checked.shown),
        errors={} if checked is None else checked.errors,
        description_placeholders=(
            {"detail": ""} if checked is None else checked.placeholders
        ),
    )


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
        known = await async_remote_defaults(self.hass)
        return await async_checked_form(
            self,
            "remote",
            user_input,
            lambda entered: async_validate_remote_setup(self.hass, entered, known),
            lambda spec: self.async_create_entry(
                title=_TITLE,
                data={
                    **local_defaults(self.hass),
                    # Builds run remotely: nothing is installed here.
                    CONF_ESPHOME_SOURCE: ESPHOME_COMMAND,
                    CONF_BUILDERS: [spec_to_dict(spec)],
                    CONF_DEFAULT_BUILDER: BUILDER_AUTO,
                    CONF_IDLE_TIMEOUT: DEFAULT_IDLE_TIMEOUT,
                },
            ),
            lambda shown: remote_schema(
                known if shown is None else shown, with_name=False
            ),
        )

    async def async_step_local(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the folder, the command and the lanes."""
        return await async_checked_form(
            self,
            "local",
            user_input,
            lambda entered: async_validate_settings(self.hass, entered),
            lambda data: self.async_create_entry(title=_TITLE, data=data),
            lambda shown: local_schema(local_defaults(self.hass, shown)),
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the settings of the existing entry."""
        entry = self._get_reconfigure_entry()
        current = entry_settings(entry)
        remote = {key: current[key] for key in _REMOTE_KEYS if key in current}
        return await async_checked_form(
            self,
            "reconfigure",
            user_input,
            lambda entered: async_validate_settings(
                self.hass, entered, remote_only_ok=bool(current.get(CONF_BUILDERS))
            ),
            lambda data: self.async_update_reload_and_abort(
                entry, data={**remote, **data}, options={}
            ),
            lambda shown: local_schema(
                local_defaults(self.hass, current if shown is None else shown)
            ),
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
        if (managed := self._managed()) is not None and managed.enabled:
            # The cache of managed builds; with their own command, users
            # keep ccache's own folder, as ESPHome does.
            options.append("compile_cache")
        return self.async_show_menu(step_id="init", menu_options=options)

    def _managed(self) -> ManagedEsphome | None:
        entry = self.config_entry
        if entry.state is not ConfigEntryState.LOADED:
            return None
        return entry.runtime_data.managed

    async def async_step_compile_cache(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the shared compile cache's size and hit rate; submitting clears it."""
        managed = self._managed()
        if managed is None:
            return self.async_abort(reason="not_loaded")
        layout = managed.layout
        program = ccache_program(layout, managed.default if managed.ready else None)
        if user_input is not None:
            await async_clear_cache(program, layout.ccache)
            return self.async_abort(reason="cache_cleared")
        stats = await async_cache_stats(program, layout.ccache)
        size = await self.hass.async_add_executor_job(
            layout.folder_bytes, layout.ccache
        )
        rate = stats.get("hit_rate")
        return self.async_show_form(
            step_id="compile_cache",
            data_schema=vol.Schema({}),
            description_placeholders={
                "size": f"{size / 1024 / 1024:.1f} MB",
                "hit_rate": "–" if rate is None else f"{rate:.0%}",
                "folder": str(layout.ccache),
            },
        )

    async def async_step_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show and validate the same fields as the setup."""
        current = self._current()
        return await async_checked_form(
            self,
            "settings",
            user_input,
            lambda entered: async_validate_settings(
                self.hass, entered, remote_only_ok=bool(current.get(CONF_BUILDERS))
            ),
            self._save,
            lambda shown: local_schema(
                local_defaults(self.hass, current if shown is None else shown),
                run_limit=True,
            ),
        )

    async def async_step_add_builder(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Add a remote builder, tested against its /devices on save."""
        specs = builder_specs(self._current())
        known = {} if specs else await async_remote_defaults(self.hass)
        return await async_checked_form(
            self,
            "add_builder",
            user_input,
            lambda entered: async_validate_builder(
                self.hass, entered, {s.name for s in specs}
            ),
            lambda spec: self._save(
                {CONF_BUILDERS: [spec_to_dict(s) for s in [*specs, spec]]}
            ),
            lambda shown: remote_schema(
                known if shown is None else shown, with_name=True
            ),
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
            data_schema=remove_builder_schema([s.name for s in specs]),
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
            step_id="routing", data_schema=routing_schema(current, choices)
        )
