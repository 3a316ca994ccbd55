"""Managed ESPHome: which versions are installed, the default, pins, the cache.

The default is the options' global pin, else the newest version an install of
"latest" brought. A configuration's pin overrides both. At most ``keep``
versions stay installed: the least recently used one that nothing pins and no
job uses goes first.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
import logging
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from ..const import DEFAULT_ESPHOME_KEEP, DOMAIN, STORAGE_VERSION
from ..jobs.job import TERMINAL_EVENT, Job, JobAction, JobStatus
from ..jobs.manager import JobManager
from ..jobs.runner import EngineView, Runner, RunnerError
from ..listeners import Listeners
from .install import SetupRunner
from .layout import (
    LATEST_SPEC,
    VersionLayout,
    by_version,
    is_version,
    newest,
    requirement,
)

_LOGGER = logging.getLogger(__name__)
STORAGE_KEY = f"{DOMAIN}.esphome"


class ManagedEsphome:
    """The ESPHome versions this integration installs and runs."""

    def __init__(
        self,
        hass: HomeAssistant,
        manager: JobManager,
        layout: VersionLayout,
        *,
        pinned_default: str | None = None,
        keep: int = DEFAULT_ESPHOME_KEEP,
        enabled: bool = True,
    ) -> None:
        """Initialize; call async_load before use.

        ``enabled``: local builds run these versions. Without it versions can
        still be installed (the repair flow's way to managed ESPHome).
        """
        self.hass = hass
        self.enabled = enabled
        self.manager = manager
        self.layout = layout
        self.pinned_default = pinned_default
        self.keep = max(1, keep)
        self.installed: list[str] = []
        self.pins: dict[str, str] = {}
        # Pinned configurations that must never build with another version.
        self.exact: set[str] = set()
        self._latest: str | None = None
        self._used: dict[str, str] = {}
        self._in_use: Counter[str] = Counter()
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, STORAGE_KEY)
        self._listeners: Listeners[()] = Listeners()

    # -- state ------------------------------------------------------------------

    async def async_load(self) -> None:
        """Load pins and the default; drop what a crashed install left."""
        stored = await self._store.async_load() or {}
        pins = stored.get("pins")
        if isinstance(pins, dict):
            self.pins = {str(k): str(v) for k, v in pins.items() if is_version(str(v))}
        exact = stored.get("exact")
        if isinstance(exact, list):
            self.exact = {str(c) for c in exact if str(c) in self.pins}
        latest = stored.get("latest")
        self._latest = (
            latest if isinstance(latest, str) and is_version(latest) else None
        )
        used = stored.get("used")
        if isinstance(used, dict):
            self._used = {str(k): str(v) for k, v in used.items()}
        gone = await self.hass.async_add_executor_job(self.layout.remove_leftovers)
        if gone:
            _LOGGER.info("Removed unfinished ESPHome installs: %s", ", ".join(gone))
        await self.async_rescan()

    async def async_rescan(self) -> None:
        """Read which versions are installed."""
        self.installed = await self.hass.async_add_executor_job(self.layout.installed)

    @property
    def default(self) -> str | None:
        """Return the version a configuration without a pin builds with."""
        if self.pinned_default is not None:
            return self.pinned_default
        if self._latest in self.installed:
            return self._latest
        return newest(self.installed)

    @property
    def ready(self) -> bool:
        """Return True when the default version is installed."""
        return self.default is not None and self.default in self.installed

    def version_for(self, configuration: str) -> str | None:
        """Return the version ``configuration`` builds with (None: not yet known)."""
        return self.pins.get(configuration) or self.default

    def as_dict(self) -> dict[str, Any]:
        """Return the versions, the default and the pins (esphome/versions)."""
        return {
            "default": self.default,
            "installed": list(self.installed),
            "pins": dict(self.pins),
            "exact": sorted(self.exact),
        }

    @callback
    def async_listen(self, listener: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``listener()`` when the installed versions, default or pins change."""
        return self._listeners.add(listener)

    async def async_pin(
        self, configuration: str, version: str | None, *, exact: bool = False
    ) -> None:
        """Pin ``configuration`` to ``version``; None removes the pin.

        ``exact``: remote builders on another version must not build it.
        """
        self.exact.discard(configuration)
        if version is None:
            self.pins.pop(configuration, None)
        else:
            if not is_version(version):
                raise ValueError(version)
            self.pins[configuration] = version
            if exact:
                self.exact.add(configuration)
        await self._async_save()
        self._listeners.fire()

    # -- installs -----------------------------------------------------------------

    def setup_runner(self, job: Job, engine: EngineView) -> Runner:
        """Return the runner of a ``setup`` job."""
        return SetupRunner(job, engine, self.layout, self.async_installed)

    async def async_install(self, version: str | None = None) -> Job:
        """Start (or join) the setup job that installs ``version`` or the newest."""
        spec = requirement(version)
        for job in self.manager.active_jobs():
            if job.action is JobAction.SETUP and job.configuration == spec:
                return job
        return await self.manager.async_start_job(JobAction.SETUP, spec)

    async def async_command_for(
        self, configuration: str, say: Callable[[str], None]
    ) -> tuple[str, list[str]]:
        """Return (version, argv prefix) for a build, installing it first if needed.

        Raises RunnerError when the install fails.
        """
        version = self.version_for(configuration)
        if version is None or version not in self.installed:
            job = await self.async_install(version)
            what = f"ESPHome {version}" if version else "the newest ESPHome"
            say(f"Waiting for {what} to be installed (job {job.job_id})")
            await self._async_wait(job)
            if job.status is not JobStatus.COMPLETED:
                raise RunnerError(
                    f"{what} could not be installed: {job.error or job.status}"
                )
            version = job.esphome_version
            if version is None or not is_version(version):
                raise RunnerError(f"{what} could not be installed")
        return version, self.layout.command(version)

    async def _async_wait(self, job: Job) -> None:
        if job.status.is_terminal:
            return
        done = asyncio.get_running_loop().create_future()

        @callback
        def _event(event_type: str, _job: Job) -> None:
            if event_type in TERMINAL_EVENT.values() and not done.done():
                done.set_result(None)

        unsub = self.manager.async_listen_jobs(_event, job_id=job.job_id)
        try:
            if not job.status.is_terminal:
                await done
        finally:
            unsub()

    @callback
    def async_installed(self, job: Job, version: str) -> None:
        """Record a finished install (the setup runner calls this)."""
        job.esphome_version = version
        if version not in self.installed:
            self.installed = by_version([*self.installed, version])
        if job.configuration == LATEST_SPEC:
            self._latest = version
        self._used[version] = dt_util.utcnow().isoformat()
        self.hass.async_create_task(self._async_after_install(), eager_start=False)

    async def _async_after_install(self) -> None:
        await self.async_evict()
        await self._async_save()
        self._listeners.fire()

    # -- use and eviction -----------------------------------------------------------

    @callback
    def async_use(self, version: str) -> CALLBACK_TYPE:
        """Mark ``version`` in use by a running job until the callable is called."""
        self._in_use[version] += 1
        self._used[version] = dt_util.utcnow().isoformat()

        @callback
        def release() -> None:
            self._in_use[version] -= 1
            if self._in_use[version] <= 0:
                del self._in_use[version]

        return release

    def evictable(self) -> list[str]:
        """Return the versions to remove to stay within ``keep``, oldest use first."""
        kept = {*self.pins.values(), *self._in_use}
        if (default := self.default) is not None:
            kept.add(default)
        for job in self.manager.active_jobs():
            if job.esphome_version:
                kept.add(job.esphome_version)
        candidates = sorted(
            (v for v in self.installed if v not in kept),
            key=lambda v: self._used.get(v, ""),
        )
        excess = len(self.installed) - self.keep
        return candidates[: max(0, excess)]

    async def async_evict(self) -> list[str]:
        """Remove versions beyond ``keep``; return the removed ones."""
        removed = []
        for version in self.evictable():
            await self.hass.async_add_executor_job(self.layout.remove, version)
            _LOGGER.info("Removed ESPHome %s: least recently used", version)
            removed.append(version)
        if removed:
            await self.async_rescan()
        return removed

    async def _async_save(self) -> None:
        await self._store.async_save(
            {
                "pins": self.pins,
                "exact": sorted(self.exact),
                "latest": self._latest,
                "used": self._used,
            }
        )
