"""The firmware archive: each successful compile's images, per configuration.

A local compile's images are copied when its job completes; a remote one's
are fetched from its builder right after the compile, within the job
(``remote_artifacts.py``).

Kept: the newest ``keep`` builds of a configuration plus its *last known
good* (the newest build that was flashed, and not refused by its device),
within ``max_bytes`` in all, oldest pruned first. Metadata lives in a Store,
files under ``<config>/.esphome_builder/builds/<build_id>/``. Artifacts are
found by id, never by a path from a request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import timedelta
import logging
from pathlib import Path
from typing import Any

from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_now

from .archive_builds import Artifact, Build
from .archive_files import (
    copy_atomic,
    find_artifacts,
    read_build_info,
    remove_folder,
    remove_partials,
)
from .catalog import DEVICE_REMOVED, ConfigCatalog
from .const import DOMAIN, STORAGE_VERSION
from .errors import UnknownArtifactError, UnknownBuildError
from .jobs.job import JOB_STARTED, Job, JobAction, JobStatus
from .jobs.manager import JobManager
from .jobs.plan import BUILDER_LOCAL
from .listeners import Listeners
from .models import DeviceConfig
from .remote_artifacts import PREFIX, FetchError, RemoteSource

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY = f"{DOMAIN}.builds"
ARCHIVE_FOLDER = (".esphome_builder", "builds")
DEFAULT_KEEP = 3
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024
SAVE_DELAY = 1.0
# Where an artifact is downloaded, with a signature valid this long.
DOWNLOAD_URL = f"/api/{DOMAIN}/artifacts/{{artifact_id}}"
SIGNED_FOR = timedelta(minutes=5)
# What async_listen_builds reports of a build.
BUILD_ARCHIVED = "build_archived"
BUILD_REMOVED = "build_removed"
_BUILDS = (JobAction.COMPILE, JobAction.INSTALL)
_FLASHES = (JobAction.UPLOAD, JobAction.INSTALL, JobAction.ROLLBACK)


@callback
def async_signed_url(hass: HomeAssistant, artifact_id: str) -> str:
    """Return a download URL of one artifact for the current user, short-lived."""
    return async_sign_path(
        hass, DOWNLOAD_URL.format(artifact_id=artifact_id), SIGNED_FOR
    )


class FirmwareArchive:
    """Archives builds as their jobs complete, and prunes them within bounds."""

    def __init__(
        self,
        hass: HomeAssistant,
        catalog: ConfigCatalog,
        manager: JobManager,
        *,
        keep: int = DEFAULT_KEEP,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        """Initialize empty; call async_load."""
        self.hass = hass
        self.root = Path(hass.config.path(*ARCHIVE_FOLDER))
        self._catalog = catalog
        self._manager = manager
        self.keep = max(1, keep)
        self.max_bytes = max_bytes
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY, private=True
        )
        # Oldest first.
        self._builds: dict[str, Build] = {}
        # A running build job's configuration hash, taken when it started.
        self._hashes: dict[str, str | None] = {}
        self._listeners: Listeners[()] = Listeners()
        self._build_listeners: Listeners[str, Build] = Listeners()
        self._tasks: set[asyncio.Task[None]] = set()

    async def async_load(self) -> None:
        """Load the metadata; drop builds whose files are gone."""
        data = await self._store.async_load()
        stored = data.get("builds") if isinstance(data, dict) else None
        for item in stored if isinstance(stored, list) else []:
            try:
                build = Build.from_stored_dict(item)
            except (KeyError, ValueError, TypeError) as err:
                _LOGGER.warning("Skipped a stored build of an unknown shape: %s", err)
                continue
            self._builds[build.build_id] = build
        await self.hass.async_add_executor_job(remove_partials, self.root)

    # -- queries ----------------------------------------------------------------

    def builds(self, configuration: str | None = None) -> list[Build]:
        """Return the builds (of one configuration), newest first."""
        return [
            build
            for build in reversed(self._builds.values())
            if configuration is None or build.configuration == configuration
        ]

    def get(self, build_id: str) -> Build:
        """Return a build, or raise UnknownBuildError."""
        try:
            return self._builds[build_id]
        except KeyError:
            raise UnknownBuildError(build_id) from None

    def last_known_good(self, configuration: str) -> Build | None:
        """Return the configuration's last known good build, if any."""
        return next((b for b in self.builds(configuration) if b.last_known_good), None)

    def artifact_path(self, artifact_id: str) -> tuple[Build, Artifact, Path]:
        """Return an artifact by id with its file, or raise UnknownArtifactError."""
        for build in self._builds.values():
            for artifact in build.artifacts:
                if artifact.artifact_id == artifact_id:
                    return build, artifact, self.root / build.build_id / artifact.file
        raise UnknownArtifactError(artifact_id)

    def flash_file(self, build: Build) -> Path | None:
        """Return the image an OTA upload of ``build`` sends, if it has one."""
        for kind in ("ota", "firmware", "uf2", "program"):
            for artifact in build.artifacts:
                if artifact.kind == kind:
                    return self.root / build.build_id / artifact.file
        return None

    @property
    def total_bytes(self) -> int:
        """Return the size of every archived file."""
        return sum(build.size for build in self._builds.values())

    @callback
    def async_listen(self, listener: Any) -> CALLBACK_TYPE:
        """Call ``listener()`` when a build is added, marked or removed."""
        return self._listeners.add(listener)

    @callback
    def async_listen_builds(
        self, listener: Callable[[str, Build], None]
    ) -> CALLBACK_TYPE:
        """Call ``listener(BUILD_ARCHIVED or BUILD_REMOVED, build)``."""
        return self._build_listeners.add(listener)

    # -- following jobs and the catalog -----------------------------------------

    @callback
    def async_listen_sources(self) -> CALLBACK_TYPE:
        """Follow jobs and removed configurations; return how to stop."""
        unsub_jobs = self._manager.async_listen_jobs(self._job_event)
        unsub_catalog = self._catalog.async_listen(self._catalog_event)

        @callback
        def _stop() -> None:
            unsub_jobs()
            unsub_catalog()

        return _stop

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        if event_type == JOB_STARTED:
            self._job_started(job)
            return
        if not job.status.is_terminal:
            return
        config_hash = self._hashes.pop(job.job_id, None)
        if job.status is not JobStatus.COMPLETED:
            return
        if job.action in _BUILDS and job.builder == BUILDER_LOCAL:
            self._background(
                self._async_archive(job, config_hash), f"archive {job.configuration}"
            )
        elif job.action in _FLASHES and job.build_id in self._builds:
            self._mark_good(job)

    @callback
    def _job_started(self, job: Job) -> None:
        if job.job_id in self._hashes:
            return
        if job.action in _BUILDS:
            # A remote build's too: the configuration as this folder has it.
            config = self._catalog.get(job.configuration)
            self._hashes[job.job_id] = config.content_hash if config else None
        elif (
            job.action is JobAction.UPLOAD
            and job.build_id is None
            and job.builder == BUILDER_LOCAL
        ):
            # An upload sends what the last compile left: the newest build.
            newest = next(iter(self.builds(job.configuration)), None)
            job.build_id = newest.build_id if newest is not None else None

    @callback
    def _catalog_event(self, event_type: str, config: DeviceConfig) -> None:
        if event_type != DEVICE_REMOVED:
            return
        gone = [
            b for b in self._builds.values() if b.configuration == config.configuration
        ]
        if gone:
            self._background(self._async_remove(gone), "archive removal")

    @callback
    def _background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = self.hass.async_create_background_task(work, f"{DOMAIN} {name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- archiving and pruning ----------------------------------------------------

    async def _async_archive(self, job: Job, config_hash: str | None) -> None:
        config = self._catalog.get(job.configuration)
        if config is None or not config.name:
            return
        build = Build(
            build_id=ulid_now().lower(),
            configuration=job.configuration,
            created_at=job.finished_at or dt_util.utcnow().isoformat(),
            job_id=job.job_id,
            builder=job.builder,
            config_hash=config_hash,
        )
        try:
            await self.hass.async_add_executor_job(
                self._copy, build, self._catalog.configs_dir, config.name
            )
        except (OSError, ValueError) as err:
            _LOGGER.warning(
                "Could not archive the build of %s: %s", job.configuration, err
            )
            await self.hass.async_add_executor_job(
                remove_folder, self.root / build.build_id
            )
            return
        if build.artifacts:
            await self._async_add(job, build)

    async def _async_add(self, job: Job, build: Build) -> None:
        self._builds[build.build_id] = build
        # The job names the build it produced, in its history too.
        job.build_id = build.build_id
        self._manager.record(job)
        if job.action is JobAction.INSTALL and job.status is JobStatus.COMPLETED:
            self._mark_good(job)
        self._build_listeners.fire(BUILD_ARCHIVED, build)
        await self._async_prune()
        self._changed()

    async def async_archive_remote(
        self, job: Job, source: RemoteSource, say: Callable[[str], None]
    ) -> None:
        """Fetch the images of a remote compile that just succeeded, in its job.

        A fetch that fails, or a file over the caps, leaves a warning in the
        job's output and no build or file behind; the job goes on.
        """
        build = Build(
            build_id=ulid_now().lower(),
            configuration=job.configuration,
            created_at=dt_util.utcnow().isoformat(),
            job_id=job.job_id,
            builder=job.builder,
            esphome_version=job.esphome_version,
            config_hash=self._hashes.get(job.job_id),
        )
        folder = self.root / build.build_id
        try:
            fetched = await source.async_fetch(
                job.configuration, folder, self.max_bytes
            )
        except BaseException as err:
            # Nothing of the build is left, whatever ended the fetch.
            await asyncio.shield(
                self.hass.async_add_executor_job(remove_folder, folder)
            )
            if not isinstance(err, Exception):
                raise
            if not isinstance(err, FetchError):
                _LOGGER.exception("Archiving the build of %s failed", job.configuration)
            say(f"WARNING {PREFIX} The build was not archived: {err}")
            return
        if not fetched:
            # Nothing the archive keeps (a host: build): as for a local one.
            return
        build.artifacts = [
            Artifact(ulid_now().lower(), image.kind, size, image.file)
            for image, size in fetched
        ]
        sizes = ", ".join(f"{a.kind} ({a.size} bytes)" for a in build.artifacts)
        say(f"INFO {PREFIX} Archived the build from {job.builder}: {sizes}")
        await self._async_add(job, build)

    def _copy(self, build: Build, configs_dir: Path, name: str) -> None:
        info = read_build_info(configs_dir, name)
        build.esphome_version = info.get("esphome_version")
        build.build_time = info.get("build_time_str")
        folder = self.root / build.build_id
        for kind, source in find_artifacts(configs_dir, name):
            file = f"{kind}-{source.name}"
            size = copy_atomic(source, folder / file)
            build.artifacts.append(Artifact(ulid_now().lower(), kind, size, file))

    @callback
    def _mark_good(self, job: Job) -> None:
        if job.verified is False or job.build_id not in self._builds:
            return
        for build in self._builds.values():
            if build.configuration == job.configuration:
                build.last_known_good = build.build_id == job.build_id
        self._changed()

    async def _async_prune(self) -> None:
        """Keep ``keep`` builds per configuration plus its last known good.

        Then drop the oldest until the archive fits ``max_bytes``.
        """
        doomed: list[Build] = []
        by_config: dict[str, list[Build]] = {}
        for build in reversed(self._builds.values()):
            by_config.setdefault(build.configuration, []).append(build)
        for builds in by_config.values():
            doomed += [b for b in builds[self.keep :] if not b.last_known_good]
        total = self.total_bytes - sum(b.size for b in doomed)
        for build in self._builds.values():
            if total <= self.max_bytes:
                break
            if build not in doomed and not build.last_known_good:
                doomed.append(build)
                total -= build.size
        await self._async_remove(doomed)

    async def _async_remove(self, builds: list[Build]) -> None:
        for build in builds:
            # Files first: a build still listed is one whose files are there.
            await self.hass.async_add_executor_job(
                remove_folder, self.root / build.build_id
            )
            if self._builds.pop(build.build_id, None) is not None:
                self._build_listeners.fire(BUILD_REMOVED, build)
        if builds:
            self._changed()

    @callback
    def _changed(self) -> None:
        self._store.async_delay_save(self._data, SAVE_DELAY)
        self._listeners.fire()

    def _data(self) -> dict[str, Any]:
        return {"builds": [b.as_stored_dict() for b in self._builds.values()]}

    async def async_wait_idle(self) -> None:
        """Return once no copy, prune or removal is in progress."""
        while self._tasks:
            await asyncio.wait(list(self._tasks))

    async def async_shutdown(self) -> None:
        """Let archiving in progress finish, then write."""
        await self.async_wait_idle()
        await self._store.async_save(self._data())
