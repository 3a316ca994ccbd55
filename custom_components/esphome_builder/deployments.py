"""What each node was last given: the configuration's content hash at its install.

A configuration whose YAML, or any file it includes, changed since its last
confirmed install has an update, even when no version moved: the hash of
what was built is kept per configuration, across restarts. An upload flashes
what the last compile built, so a compile's hash waits for its upload.
"""

from __future__ import annotations

from typing import Any, TypedDict

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.storage import Store

from .catalog import ConfigCatalog
from .const import DOMAIN, STORAGE_VERSION
from .jobs.job import JOB_STARTED, Job, JobAction, JobStatus
from .jobs.manager import JobManager
from .listeners import Listeners

STORAGE_KEY = f"{DOMAIN}.deployed"
SAVE_DELAY = 2.0
_BUILDS = (JobAction.COMPILE, JobAction.INSTALL)
_FLASHES = (JobAction.UPLOAD, JobAction.INSTALL)


class DeployedData(TypedDict):
    """Content hashes by configuration: flashed and confirmed, and last compiled."""

    deployed: dict[str, str]
    compiled: dict[str, str]


class Deployments:
    """The content hash of each configuration's last confirmed install."""

    def __init__(
        self, hass: HomeAssistant, catalog: ConfigCatalog, manager: JobManager
    ) -> None:
        """Initialize empty; call async_load."""
        self._catalog = catalog
        self._manager = manager
        self._store: Store[DeployedData] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY, private=True
        )
        self._deployed: dict[str, str] = {}
        self._compiled: dict[str, str] = {}
        # The hash of what a running build job builds, taken when it started.
        self._building: dict[str, str] = {}
        self._listeners: Listeners[()] = Listeners()

    async def async_load(self) -> None:
        """Load the hashes kept by an earlier run."""
        data: Any = await self._store.async_load()
        if isinstance(data, dict):
            self._deployed = _str_map(data.get("deployed"))
            self._compiled = _str_map(data.get("compiled"))

    def deployed_hash(self, configuration: str) -> str | None:
        """Return the content hash of the configuration's last confirmed install."""
        return self._deployed.get(configuration)

    @callback
    def async_listen(self, listener: Any) -> CALLBACK_TYPE:
        """Call ``listener()`` when a configuration's deployed hash changes."""
        return self._listeners.add(listener)

    @callback
    def async_listen_engine(self) -> CALLBACK_TYPE:
        """Follow build and flash jobs; return how to stop."""
        return self._manager.async_listen_jobs(self._job_event)

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        name = job.configuration
        if event_type == JOB_STARTED and job.action in _BUILDS:
            config = self._catalog.get(name)
            if config is not None and config.content_hash:
                # Not again when an install resumes after waiting for its device.
                self._building.setdefault(job.job_id, config.content_hash)
            return
        if not job.status.is_terminal:
            return
        built = self._building.pop(job.job_id, None)
        if job.status is not JobStatus.COMPLETED:
            return
        if job.action in _BUILDS and built is not None:
            self._compiled[name] = built
        if job.action in _FLASHES and job.verified is not False:
            # An upload flashes what the last compile built.
            flashed = built or self._compiled.get(name)
            if flashed is not None and self._deployed.get(name) != flashed:
                self._deployed[name] = flashed
                self._listeners.fire()
        self._store.async_delay_save(self._data, SAVE_DELAY)

    def _data(self) -> DeployedData:
        return {"deployed": dict(self._deployed), "compiled": dict(self._compiled)}

    async def async_flush(self) -> None:
        """Write now."""
        await self._store.async_save(self._data())


def _str_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
