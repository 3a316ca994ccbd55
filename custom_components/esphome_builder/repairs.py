"""Repairs platform: "Check again" for the ESPHome-command issue.

The issue also clears itself (see health.py); this flow lets the user re-run
`esphome version` right after installing ESPHome instead of waiting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.components.repairs import RepairsFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import voluptuous as vol

from .const import DOMAIN
from .errors import NotLoadedError
from .health import ISSUE_ID
from .runtime import async_get_runtime

if TYPE_CHECKING:
    # Named from HA 2025.12 on; only the type checker, which runs on the
    # current release, needs it.
    from homeassistant.components.repairs import RepairsFlowResult


class CheckCommandFlow(RepairsFlow):
    """Re-probe the ESPHome command; finishing the flow closes the issue."""

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> RepairsFlowResult:
        """Show what is wrong and offer to check again."""
        return await self.async_step_confirm()

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


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """Return the fix flow of an issue."""
    if issue_id != ISSUE_ID:
        raise ValueError(f"Unknown issue {issue_id}")
    return CheckCommandFlow()
