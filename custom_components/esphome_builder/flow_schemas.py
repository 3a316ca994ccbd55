"""The forms of the config and options flows: their fields and pre-filled values."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import selector
import voluptuous as vol

from .builders import (
    CONF_BUILDERS,
    CONF_DEFAULT_BUILDER,
    CONF_IDLE_TIMEOUT,
    CONF_NAME,
    CONF_PASSWORD,
    CONF_URL,
    CONF_USERNAME,
    async_known_dashboard,
)
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
    DEFAULT_ARCHIVE_KEEP,
    DEFAULT_ARCHIVE_MB,
    DEFAULT_COMPILE_JOBS,
    DEFAULT_CONFIGS_SUBDIR,
    DEFAULT_ESPHOME_KEEP,
    DEFAULT_MAX_RUN_MINUTES,
    DEFAULT_UPLOAD_JOBS,
    DEFAULT_WAIT_MINUTES,
    ESPHOME_COMMAND,
    ESPHOME_MANAGED,
    MAX_PARALLEL_JOBS,
)
from .jobs.plan import BUILDER_AUTO
from .jobs.remote import DEFAULT_IDLE_TIMEOUT

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
_WAIT_MINUTES = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=0,
        max=7 * 24 * 60,
        step=1,
        unit_of_measurement="min",
        mode=selector.NumberSelectorMode.BOX,
    )
)
_ARCHIVE_KEEP = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=1, max=20, step=1, mode=selector.NumberSelectorMode.BOX
    )
)
_ARCHIVE_MB = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=16,
        max=64 * 1024,
        step=16,
        unit_of_measurement="MB",
        mode=selector.NumberSelectorMode.BOX,
    )
)

_ESPHOME_KEEP = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=1, max=10, step=1, mode=selector.NumberSelectorMode.BOX
    )
)
_ESPHOME_SOURCE = selector.SelectSelector(
    selector.SelectSelectorConfig(
        options=[ESPHOME_MANAGED, ESPHOME_COMMAND], translation_key="esphome_source"
    )
)

_IDLE_SECONDS = selector.NumberSelector(
    selector.NumberSelectorConfig(
        min=10,
        max=3600,
        step=1,
        unit_of_measurement="s",
        mode=selector.NumberSelectorMode.BOX,
    )
)


def local_defaults(
    hass: HomeAssistant, current: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the local settings to pre-fill: ``current`` over the defaults."""
    values: dict[str, Any] = {
        CONF_CONFIGS_DIR: hass.config.path(DEFAULT_CONFIGS_SUBDIR),
        # An entry from before managed ESPHome has a command and no source.
        CONF_ESPHOME_SOURCE: ESPHOME_COMMAND if current else ESPHOME_MANAGED,
        CONF_ESPHOME_COMMAND: "",
        CONF_COMPILE_JOBS: DEFAULT_COMPILE_JOBS,
        CONF_UPLOAD_JOBS: DEFAULT_UPLOAD_JOBS,
    }
    values.update(current or {})
    return values


def local_schema(defaults: dict[str, Any], *, run_limit: bool = False) -> vol.Schema:
    """Return the form of the local settings, pre-filled from ``defaults``.

    The run limit is only offered once the entry exists, in the options.
    """
    limits: dict[Any, Any] = {}
    if run_limit:
        limits[
            vol.Required(
                CONF_MAX_RUN_MINUTES,
                default=defaults.get(CONF_MAX_RUN_MINUTES, DEFAULT_MAX_RUN_MINUTES),
            )
        ] = _RUN_MINUTES
        limits[
            vol.Required(
                CONF_WAIT_MINUTES,
                default=defaults.get(CONF_WAIT_MINUTES, DEFAULT_WAIT_MINUTES),
            )
        ] = _WAIT_MINUTES
        limits[
            vol.Required(
                CONF_ARCHIVE_KEEP,
                default=defaults.get(CONF_ARCHIVE_KEEP, DEFAULT_ARCHIVE_KEEP),
            )
        ] = _ARCHIVE_KEEP
        limits[
            vol.Required(
                CONF_ARCHIVE_MB,
                default=defaults.get(CONF_ARCHIVE_MB, DEFAULT_ARCHIVE_MB),
            )
        ] = _ARCHIVE_MB
        limits[
            vol.Optional(
                CONF_ESPHOME_VERSION,
                description={"suggested_value": defaults.get(CONF_ESPHOME_VERSION)},
            )
        ] = selector.TextSelector()
        limits[
            vol.Required(
                CONF_ESPHOME_KEEP,
                default=defaults.get(CONF_ESPHOME_KEEP, DEFAULT_ESPHOME_KEEP),
            )
        ] = _ESPHOME_KEEP
    return vol.Schema(
        {
            vol.Required(
                CONF_CONFIGS_DIR, default=defaults[CONF_CONFIGS_DIR]
            ): selector.TextSelector(),
            vol.Required(
                CONF_ESPHOME_SOURCE, default=defaults[CONF_ESPHOME_SOURCE]
            ): _ESPHOME_SOURCE,
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


async def async_remote_defaults(hass: HomeAssistant) -> dict[str, Any]:
    """Offer the dashboard HA core's esphome integration knows, if any."""
    known = await async_known_dashboard(hass)
    if known is None:
        return {}
    return {CONF_NAME: known[0], CONF_URL: known[1]}


def remote_schema(defaults: dict[str, Any], *, with_name: bool) -> vol.Schema:
    """Return the form of a remote builder, pre-filled from ``defaults``."""
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


def remove_builder_schema(names: list[str]) -> vol.Schema:
    """Return the form that picks the remote builders to remove."""
    return vol.Schema(
        {
            vol.Optional(CONF_BUILDERS, default=[]): selector.SelectSelector(
                selector.SelectSelectorConfig(options=names, multiple=True)
            )
        }
    )


def routing_schema(current: dict[str, Any], choices: list[str]) -> vol.Schema:
    """Return the form of the default builder and the remote idle timeout."""
    return vol.Schema(
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
            ): _IDLE_SECONDS,
        }
    )
