"""Repairs platform: the ESPHome-command issue's fix flow.

Two ways out: switch to managed ESPHome, which installs a version as a setup
job the user can watch; or install ESPHome by hand and "Check again". The
issue also clears itself (see health.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import voluptuous as vol

from .const import CONF_ESPHOME_SOURCE, DOMAIN, ESPHOME_MANAGED
from .errors import NotLoadedError
from .health import ISSUE_ID
from .managed.issues import ISSUE_INSTALL_FAILED
from .runtime import async_get_runtime, entry_settings

if TYPE_CHECKING:
    # Named from HA 2025.12 on; only the type checker, which runs on the
    # current release, needs it.
    from homeassistant.components.repairs import RepairsFlowResult


class CheckCommandFlow(RepairsFlow):
    """Re-probe the ESPHome command; finishing the flow closes the issue."""

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Offer managed ESPHome, or a check once ESPHome is installed by hand."""
        issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
        return self.async_show_menu(
            step_id="init",
            menu_options=["install_managed", "confirm"],
            description_placeholders=issue.translation_placeholders if issue else None,
        )

    async def async_step_install_managed(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Switch local builds to managed ESPHome; the reload starts its install.

        The entry may not have loaded at all with an unusable command, so the
        switch goes through the entry's options and a reload, which starts the
        setup job when no managed version is installed yet.
        """
        entries = self.hass.config_entries.async_entries(DOMAIN)
        if not entries:
            return self.async_abort(reason="not_loaded")
        entry = entries[0]
        self.hass.config_entries.async_update_entry(
            entry,
            options={**entry_settings(entry), CONF_ESPHOME_SOURCE: ESPHOME_MANAGED},
        )
        if entry.state is not ConfigEntryState.LOADED:
            # A loaded entry reloads on its own when its options change.
            self.hass.config_entries.async_schedule_reload(entry.entry_id)
        # The command is no longer used: its issue is moot.
        ir.async_delete_issue(self.hass, DOMAIN, ISSUE_ID)
        return self.async_create_entry(data={})

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Run `esphome version` when the user confirms."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                health = async_get_runtime(self.hass).health
            except NotLoadedError:
                health = None
            if health is None:
                errors["base"] = "not_loaded"
            elif await health.async_probe():
                return self.async_create_entry(data={})
            else:
                errors["base"] = "still_failing"
        issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
        return self.async_show_form(
            step_id="confirm",
            data_schema=vol.Schema({}),
            errors=errors,
            description_placeholders=issue.translation_placeholders if issue else None,
        )


class RetryInstallFlow(RepairsFlow):
    """Start the failed install of managed ESPHome again."""

    def __init__(self, version: str | None) -> None:
        """Initialize with the version whose install failed (None: the newest)."""
        self._version = version

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Show the error (what starts the flow is no answer of the user's)."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Show the error; submitting starts the install as a job."""
        if user_input is not None:
            try:
                runtime = async_get_runtime(self.hass)
            except NotLoadedError:
                return self.async_abort(reason="not_loaded")
            if runtime.managed is None:
                return self.async_abort(reason="not_loaded")
            job = await runtime.managed.async_install(self._version)
            ir.async_delete_issue(self.hass, DOMAIN, ISSUE_INSTALL_FAILED)
            return self.async_create_entry(data={"job_id": job.job_id})
        issue = ir.async_get(self.hass).async_get_issue(DOMAIN, self.issue_id)
        return self.async_show_form(
            step_id="confirm",
            data_schema=vol.Schema({}),
            description_placeholders=issue.translation_placeholders if issue else None,
        )


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """Return the fix flow of an issue."""
    if issue_id == ISSUE_INSTALL_FAILED:
        version = (data or {}).get("version")
        return RetryInstallFlow(version if isinstance(version, str) else None)
    if issue_id != ISSUE_ID:
        raise ValueError(f"Unknown issue {issue_id}")
    return CheckCommandFlow()
