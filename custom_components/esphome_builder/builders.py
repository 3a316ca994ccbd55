"""Where jobs run: this machine, or remote ESPHome Device Builder servers.

The pool is the engine's runner factory. A job names its builder, or leaves
the choice to the pool (``auto``): the least busy remote builder whose
``/devices`` lists the configuration, else this machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.helpers.storage import Store

from .builder_client import BuilderError, BuilderSpec, async_get_devices
from .builder_runners import NoLocalEsphome, WarnedRunner
from .const import DOMAIN
from .errors import TranslatableError
from .jobs.job import JobAction
from .jobs.local import local_runner
from .jobs.plan import BUILDER_AUTO, BUILDER_LOCAL
from .jobs.remote import DEFAULT_IDLE_TIMEOUT, RemoteRunner
from .jobs.runner import EngineView, Runner, RunnerError
from .listeners import Listeners
from .managed.remote_pins import (
    PinMismatchError,
    builder_version,
    pin_against,
    pin_warning,
)
from .managed.runner import ManagedRunner
from .remote_artifacts import AfterCompile, ArchivingRunner, RemoteSource
from .runtime import entry_settings

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

    from .jobs.execution import EngineSettings
    from .jobs.job import Job
    from .managed import ManagedEsphome

_LOGGER = logging.getLogger(__name__)

CONF_BUILDERS = "builders"
CONF_DEFAULT_BUILDER = "default_builder"
CONF_IDLE_TIMEOUT = "remote_idle_timeout"
CONF_NAME = "name"
CONF_URL = "url"
CONF_USERNAME = "username"
CONF_PASSWORD = "password"
ISSUE_INSECURE_BUILDER = "insecure_builder"
REDACTED = "**REDACTED**"

REFRESH_INTERVAL = timedelta(seconds=30)

# HA core's esphome integration: its dashboard manager in hass.data, and the
# store it restores that manager from (the ESPHome add-on's address).
_CORE_DASHBOARD_KEY = "esphome_dashboard_manager"
_CORE_DASHBOARD_STORE = "esphome.dashboard"


class UnknownBuilderError(TranslatableError, ValueError):
    """A job asked for a builder that is not configured."""

    translation_key = "unknown_builder"

    def __init__(self, builder: str) -> None:
        """Initialize with the requested name."""
        super().__init__(f"No builder named {builder!r} is configured")
        self.builder = builder

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the requested name."""
        return {"builder": self.builder}


def url_without_credentials(url: str) -> str:
    """Return ``url`` without the ``user:password@`` part, if it has one."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def builder_specs(values: Mapping[str, Any]) -> list[BuilderSpec]:
    """Return the remote builders stored in an entry's settings.

    Credentials written into a URL (the flow refuses them now) move to their
    own fields, so that no name, log line or error shows them.
    """
    specs = []
    for item in values.get(CONF_BUILDERS) or []:
        if not isinstance(item, Mapping) or not item.get(CONF_URL):
            continue
        raw = urlsplit(str(item[CONF_URL]))
        url = url_without_credentials(str(item[CONF_URL]))
        specs.append(
            BuilderSpec(
                name=str(item.get(CONF_NAME) or default_builder_name(url)),
                url=url,
                username=str(item.get(CONF_USERNAME) or unquote(raw.username or "")),
                password=str(item.get(CONF_PASSWORD) or unquote(raw.password or "")),
            )
        )
    return specs


@callback
def async_update_insecure_issue(hass: HomeAssistant, specs: list[BuilderSpec]) -> None:
    """Warn (a repair issue) while credentials travel to a builder over plain HTTP."""
    insecure = sorted(
        spec.name
        for spec in specs
        if (spec.username or spec.password) and spec.url.startswith("http://")
    )
    if not insecure:
        ir.async_delete_issue(hass, DOMAIN, ISSUE_INSECURE_BUILDER)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        ISSUE_INSECURE_BUILDER,
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key=ISSUE_INSECURE_BUILDER,
        translation_placeholders={"builders": ", ".join(insecure)},
    )


def spec_to_dict(spec: BuilderSpec) -> dict[str, str]:
    """Return how a builder is stored in the entry."""
    return {
        CONF_NAME: spec.name,
        CONF_URL: spec.url,
        CONF_USERNAME: spec.username,
        CONF_PASSWORD: spec.password,
    }


def default_builder_name(url: str) -> str:
    """Name a builder after its host (and port, when not the default)."""
    url = url_without_credentials(url)
    return urlsplit(url).netloc or url


@dataclass(slots=True)
class BuilderState:
    """What the pool knows about one remote builder."""

    spec: BuilderSpec
    configurations: dict[str, dict[str, Any]] = field(default_factory=dict)
    reachable: bool | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape (no credentials)."""
        return {
            "name": self.spec.name,
            "url": self.spec.url,
            "reachable": self.reachable,
            "error": self.error,
            "configurations": sorted(self.configurations),
        }


class BuilderPool:
    """The configured remote builders; the engine's runner factory."""

    def __init__(
        self,
        hass: HomeAssistant,
        specs: list[BuilderSpec],
        *,
        default_builder: str = BUILDER_AUTO,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        local_available: bool = True,
    ) -> None:
        """Initialize; call async_refresh to learn each builder's devices."""
        self.hass = hass
        self.builders = {spec.name: BuilderState(spec) for spec in specs}
        self.default_builder = default_builder
        self.idle_timeout = idle_timeout
        self.local_available = local_available
        # Managed ESPHome versions: installs, and local builds when enabled.
        self.managed: ManagedEsphome | None = None
        # What follows a remote compile that succeeded: the archive fetching it.
        self.after_compile: AfterCompile | None = None
        self._listeners: Listeners[()] = Listeners()

    # -- what the builders have -------------------------------------------------

    async def async_refresh(self) -> None:
        """Ask every builder for its devices, at once."""
        if self.builders:
            await asyncio.gather(
                *(self._async_refresh_one(state) for state in self.builders.values())
            )
        self._listeners.fire()

    async def _async_refresh_one(self, state: BuilderState) -> None:
        session = async_get_clientsession(self.hass)
        try:
            devices = await async_get_devices(session, state.spec)
        except BuilderError as err:
            if state.reachable is not False:
                _LOGGER.warning("Remote builder %s: %s", state.spec.name, err.detail)
            state.reachable, state.error = False, err.detail
            return
        state.reachable, state.error = True, None
        state.configurations = {str(d["configuration"]): d for d in devices}

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Refresh periodically; return the stop callable."""
        if not self.builders:
            return lambda: None

        async def _tick(_now: Any) -> None:
            await self.async_refresh()

        return async_track_time_interval(
            self.hass, _tick, REFRESH_INTERVAL, name="esphome_builder remote builders"
        )

    @callback
    def async_listen(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener()`` after every refresh."""
        return self._listeners.add(listener)

    def remote_configurations(self) -> dict[str, list[str]]:
        """Return each remote configuration with the builders that list it."""
        found: dict[str, list[str]] = {}
        for name, state in self.builders.items():
            for configuration in state.configurations:
                found.setdefault(configuration, []).append(name)
        return found

    # -- choosing ---------------------------------------------------------------

    def choose(self, configuration: str, requested: str, engine: EngineView) -> str:
        """Return the builder a job runs on."""
        if requested not in (BUILDER_AUTO, BUILDER_LOCAL, *self.builders):
            raise UnknownBuilderError(requested)
        if requested == BUILDER_AUTO:
            requested = self.default_builder
            if requested not in (BUILDER_AUTO, BUILDER_LOCAL, *self.builders):
                requested = BUILDER_AUTO
        if requested != BUILDER_AUTO:
            return requested
        busy = engine.busy()
        having = [
            name
            for name, state in self.builders.items()
            if configuration in state.configurations
        ]
        if not having and not self.local_available:
            # Nothing else could run it: the builders' lists may just be stale.
            having = list(self.builders)
        if not having:
            return BUILDER_LOCAL
        # min() keeps the configured order among equally busy builders.
        return min(having, key=lambda name: busy.get(name, 0))

    def runner_factory(self, job: Job, engine: EngineView) -> Runner:
        """Return the runner for a job (the engine's RunnerFactory).

        Raises UnknownBuilderError for a builder name that is not configured.
        """
        if job.action is JobAction.SETUP:
            if self.managed is None:
                raise RunnerError("Managed ESPHome is not set up")
            return self.managed.setup_runner(job, engine)
        name, warning = self.choose(job.configuration, job.builder, engine), None
        if name != BUILDER_LOCAL:
            name, warning = self._pinned_route(job, name)
        if name == BUILDER_LOCAL:
            managed = self.managed
            if managed is not None and managed.enabled:
                return ManagedRunner(job, engine, managed)
            if not self.local_available:
                return NoLocalEsphome(job.configuration)
            return local_runner(job, engine)
        session = async_get_clientsession(self.hass)
        spec = self.builders[name].spec
        runner: Runner = RemoteRunner(session, spec, idle_timeout=self.idle_timeout)
        if self.after_compile is not None:
            runner = ArchivingRunner(
                runner, job, RemoteSource(session, spec), self.after_compile
            )
        if warning is not None:
            runner = WarnedRunner(runner, warning)
        return runner

    def _pinned_route(self, job: Job, name: str) -> tuple[str, str | None]:
        """Return the builder for a pinned job, and the warning its log gets.

        An exact pin never builds on a builder with another version: an
        automatically routed job builds locally instead, else it is refused.
        """
        device = self.builders[name].configurations.get(job.configuration)
        theirs = builder_version(device)
        missed = pin_against(self.managed, job.configuration, theirs)
        if missed is None:
            return name, None
        pinned, exact = missed
        if not exact:
            return name, pin_warning(job.configuration, pinned, name, theirs)
        if job.builder == BUILDER_AUTO and self.local_available:
            return BUILDER_LOCAL, None
        raise PinMismatchError(job.configuration, pinned, name, theirs or "unknown")


async def async_known_dashboard(hass: HomeAssistant) -> tuple[str, str] | None:
    """Return (name, url) of the dashboard HA core's esphome knows, if any.

    Looked up defensively: HA core's internals may change, and its esphome
    integration may not be loaded. Its stored dashboard info is the fallback.
    """
    manager = hass.data.get(_CORE_DASHBOARD_KEY)
    getter = getattr(manager, "async_get", None)
    if callable(getter):
        try:
            dashboard = getter()
        except Exception:  # another integration's internals
            dashboard = None
        url = getattr(dashboard, "url", None)
        if isinstance(url, str) and url:
            return _dashboard_name(getattr(dashboard, "addon_slug", None), url), url
    try:
        stored = await Store[dict[str, Any]](
            hass, 1, _CORE_DASHBOARD_STORE
        ).async_load()
    except Exception:  # a store we do not own
        return None
    info = stored.get("info") if isinstance(stored, dict) else None
    if not isinstance(info, dict) or not info.get("host") or not info.get("port"):
        return None
    url = f"http://{info['host']}:{info['port']}"
    return _dashboard_name(info.get("addon_slug"), url), url


def _dashboard_name(addon_slug: Any, url: str) -> str:
    if isinstance(addon_slug, str) and addon_slug:
        return "ESPHome add-on"
    return default_builder_name(url)


def async_create_pool(
    hass: HomeAssistant, entry: ConfigEntry, settings: EngineSettings
) -> BuilderPool:
    """Build the pool from an entry's settings."""
    values = entry_settings(entry)
    return BuilderPool(
        hass,
        builder_specs(values),
        default_builder=str(values.get(CONF_DEFAULT_BUILDER) or BUILDER_AUTO),
        idle_timeout=float(values.get(CONF_IDLE_TIMEOUT) or DEFAULT_IDLE_TIMEOUT),
        local_available=bool(settings.command),
    )


def redact_builders(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return settings with the builders' credentials hidden (diagnostics)."""
    redacted = dict(values)
    if isinstance(values.get(CONF_BUILDERS), list):
        redacted[CONF_BUILDERS] = [
            {
                **item,
                CONF_URL: url_without_credentials(str(item.get(CONF_URL) or "")),
                **{
                    key: REDACTED
                    for key in (CONF_USERNAME, CONF_PASSWORD)
                    if item.get(key)
                },
            }
            for item in values[CONF_BUILDERS]
            if isinstance(item, Mapping)
        ]
    return redacted
