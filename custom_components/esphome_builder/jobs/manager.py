"""The job engine: queue and lanes, supersede, cancel, listeners, history.

It knows nothing about websockets, entities or the event bus: adapters listen
to it through ``async_listen_jobs`` and ``async_listen_output``.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from functools import partial
import logging

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_now

from ..const import DOMAIN, HISTORY_LIMIT, MAX_ACTIVE_JOBS
from ..devices import ConfigurationError, validate_device
from ..errors import NoBuildError, NotLoadedError, TooManyJobsError, UnknownJobError
from ..listeners import KeyedListeners, Listeners
from .device_wait import DeviceWatch
from .execution import EngineSettings, JobExecutor
from .follow import FollowTracker
from .history import HistoryStore, ProcessStore, prune_finished
from .intake import OutputListener
from .job import (
    JOB_QUEUED,
    JOB_STARTED,
    TERMINAL_EVENT,
    Job,
    JobAction,
    JobOptions,
    JobStatus,
)
from .local import local_runner
from .plan import (
    BUILDER_AUTO,
    BUILDER_LOCAL,
    CANCELLED_BY_USER,
    GONE_WHILE_QUEUED,
    STOPPED_BY_HA,
    UNLOADED,
    WHILE_WAITING,
    duration,
    final_status,
    queued_twin,
)
from .recovery import async_load_history, async_recover_orphans
from .runner import EngineView, Runner, RunnerError, RunnerFactory
from .targets import TargetCheck, check_target

_LOGGER = logging.getLogger(__name__)

JobListener = Callable[[str, Job], None]


class JobManager:
    """Runs ESPHome jobs and keeps their output within bounds."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: EngineSettings,
        runner_factory: RunnerFactory | None = None,
        watch: DeviceWatch | None = None,
        versions: Callable[[Job], str | None] | None = None,
    ) -> None:
        """Initialize the engine; call async_setup before use."""
        self.hass = hass
        self.settings = settings
        self._runner_factory = runner_factory or local_runner
        # The ESPHome version of the builder a job runs on, when known.
        self._versions = versions
        self._jobs: dict[str, Job] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, str] = {}
        self._every_job: Listeners[str, Job] = Listeners()
        self._by_configuration: KeyedListeners[str, Job] = KeyedListeners()
        self._by_job: KeyedListeners[str, Job] = KeyedListeners()
        self._followers = FollowTracker(hass)
        self._executor = JobExecutor(
            hass, settings, self._followers, self._notify, watch
        )
        self.history = HistoryStore(hass)
        self.processes = ProcessStore(hass)
        self.view = EngineView(
            command=settings.command,
            configs_dir=settings.configs_dir,
            processes=self.processes,
            busy=self.busy_by_builder,
        )
        self._shutting_down = False

    # -- setup and teardown ---------------------------------------------------

    async def async_setup(self) -> None:
        """Load history and end processes a crashed run left behind."""
        for job in await async_load_history(self.history):
            self._jobs[job.job_id] = job
        for job in await async_recover_orphans(
            self.hass, self.processes, set(self._jobs)
        ):
            self._jobs[job.job_id] = job
            self.history.add(job.as_stored_dict())

    async def async_shutdown(self, reason: str = UNLOADED) -> None:
        """Cancel every active job, wait for its processes, save history."""
        self._shutting_down = True
        tasks = list(self._tasks.items())
        for job_id, task in tasks:
            waiting = self._jobs[job_id].status is JobStatus.WAITING
            self._cancel_reasons.setdefault(
                job_id, WHILE_WAITING.get(reason, reason) if waiting else reason
            )
            task.cancel()
        if tasks:
            await asyncio.wait([task for _, task in tasks])
        await self.history.async_flush()

    # -- queries ----------------------------------------------------------------

    def get(self, job_id: str) -> Job:
        """Return a job, or raise UnknownJobError."""
        try:
            return self._jobs[job_id]
        except KeyError:
            raise UnknownJobError(job_id) from None

    def jobs(self) -> list[Job]:
        """Return all known jobs, newest first."""
        return list(reversed(self._jobs.values()))

    def active_jobs(self) -> list[Job]:
        """Return queued and running jobs, oldest first."""
        return [self._jobs[job_id] for job_id in self._tasks]

    def busy_by_builder(self) -> dict[str, int]:
        """Return how many queued and running jobs each builder has."""
        return Counter(job.builder for job in self.active_jobs())

    @property
    def listener_count(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return (
            len(self._every_job)
            + len(self._by_configuration)
            + len(self._by_job)
            + self._followers.count
        )

    def listeners_of(
        self, *, job_id: str | None = None, configuration: str | None = None
    ) -> int:
        """Return how many listeners follow one job or one configuration."""
        if job_id is not None:
            return self._by_job.count(job_id)
        return self._by_configuration.count(configuration)

    # -- listeners ----------------------------------------------------------------

    @callback
    def async_listen_jobs(
        self,
        listener: JobListener,
        *,
        job_id: str | None = None,
        configuration: str | None = None,
    ) -> CALLBACK_TYPE:
        """Call ``listener(event_type, job)`` on lifecycle or progress changes.

        With ``job_id`` or ``configuration`` only that job's or that
        configuration's events reach it, so a listener costs nothing while
        other jobs run. Returns the callable that detaches it.
        """
        if job_id is not None:
            return self._by_job.add(job_id, listener)
        if configuration is not None:
            return self._by_configuration.add(configuration, listener)
        return self._every_job.add(listener)

    @callback
    def async_listen_output(
        self, job_id: str, listener: OutputListener
    ) -> CALLBACK_TYPE:
        """Call ``listener(lines)`` with each batch of new output of a job.

        Lines ending in ``\\r`` are transient: the next line replaces them.
        """
        return self._followers.add(job_id, listener)

    @callback
    def _notify(self, event_type: str, job: Job) -> None:
        self._every_job.fire(event_type, job)
        self._by_configuration.fire(job.configuration, event_type, job)
        self._by_job.fire(job.job_id, event_type, job)

    # -- starting and cancelling --------------------------------------------------

    async def async_start_job(
        self,
        action: JobAction | str,
        configuration: str,
        device: str | None = None,
        builder: str | None = None,
        options: JobOptions | None = None,
    ) -> Job:
        """Queue a job and return it.

        ``builder`` asks for "local" or a remote builder by name; without it
        the runner factory picks. Raises TranslatableErrors the user must read:
        ConfigurationError, InvalidDeviceError, TooManyJobsError, NotLoadedError,
        UnknownBuilderError, and NoBuildError for a batch's upload with no build.
        """
        action = JobAction(action)
        options = options or JobOptions()
        batch_id, flash = options.batch_id, options.flash
        device = validate_device(device or "OTA") if action.needs_device else None
        if action is JobAction.ROLLBACK:
            # The archive is on this machine: a rollback flashes from here.
            builder = BUILDER_LOCAL
        twin = partial(
            queued_twin, self.active_jobs, action, configuration, device, builder
        )
        if (same := twin()) is not None:
            # A looping automation asking again: the queued job answers.
            return same
        self._check_room()
        # The folder may be a slow network share: never stat it on the loop.
        needs_build = batch_id is not None and action is JobAction.UPLOAD
        check = TargetCheck(None, None)
        if action.reads_configuration:
            check = await self.hass.async_add_executor_job(
                check_target,
                self.settings.configs_dir,
                configuration,
                device,
                needs_build,
            )
        # Another request may have queued the same job meanwhile.
        if (same := twin()) is not None:
            return same
        self._check_room()
        job = Job(
            job_id=ulid_now().lower(),
            action=action,
            configuration=configuration,
            device=device,
            created_at=dt_util.utcnow().isoformat(),
            builder=builder or BUILDER_AUTO,
            batch_id=batch_id,
            wait_timeout=options.wait_timeout,
        )
        if flash is not None:
            job.build_id, job.flash_file = flash.build_id, flash.file
            job.expected_build = flash.build_time
        runner = self._runner_for(job, check)
        self._queue(job, runner)
        return job

    @callback
    def _check_room(self) -> None:
        if self._shutting_down:
            raise NotLoadedError
        if len(self._tasks) >= MAX_ACTIVE_JOBS:
            raise TooManyJobsError(MAX_ACTIVE_JOBS)

    @callback
    def _runner_for(self, job: Job, check: TargetCheck) -> Runner:
        """Return the job's runner, or raise why its target cannot be used."""
        missing = check.configuration_error
        # A remote builder may have configurations this folder lacks.
        if missing is not None and missing.translation_key != "unknown_configuration":
            raise missing
        runner = self._runner_factory(job, self.view)
        if runner.builder == BUILDER_LOCAL:
            if missing is not None:
                raise missing
            # A remote builder names its own ports; this machine's must exist.
            if check.port_error is not None:
                raise check.port_error
            if check.build_missing:
                raise NoBuildError(job.configuration)
        job.builder = runner.builder
        if self._versions is not None:
            job.esphome_version = self._versions(job)
        return runner

    @callback
    def _queue(self, job: Job, runner: Runner) -> None:
        superseded = []
        if job.action.is_build:
            for other in self.active_jobs():
                if other.configuration == job.configuration and other.action.is_build:
                    self._async_request_cancel(other, f"Superseded by job {job.job_id}")
                    superseded.append(self._tasks[other.job_id])
        self._jobs[job.job_id] = job
        task = self.hass.async_create_background_task(
            self._async_run(job, runner, superseded),
            f"{DOMAIN} job {job.job_id} ({job.action} {job.configuration})",
            eager_start=False,
        )
        # A task cancelled before its first step never runs its body.
        task.add_done_callback(lambda _: self._finish(job))
        self._tasks[job.job_id] = task
        self._notify(JOB_QUEUED, job)

    @callback
    def async_request_cancel(self, job_id: str, reason: str) -> None:
        """Ask a job to end, without waiting for it (a batch stopping)."""
        self._async_request_cancel(self.get(job_id), reason)

    @callback
    def _async_request_cancel(self, job: Job, reason: str) -> asyncio.Task[None] | None:
        task = self._tasks.get(job.job_id)
        if task is None or job.status.is_terminal:
            return None
        self._cancel_reasons.setdefault(job.job_id, reason)
        task.cancel()
        return task

    async def async_cancel(self, job_id: str, reason: str = CANCELLED_BY_USER) -> Job:
        """Cancel a job and wait until nothing of it runs; return the job."""
        job = self.get(job_id)
        task = self._async_request_cancel(job, reason)
        if task is not None:
            await asyncio.wait([task])
        return job

    async def async_wait(self, job_id: str) -> Job:
        """Wait for a job to end and return it."""
        job = self.get(job_id)
        task = self._tasks.get(job_id)
        if task is not None:
            await asyncio.wait([task])
        return job

    # -- running --------------------------------------------------------------------

    async def _async_run(
        self, job: Job, runner: Runner, superseded: list[asyncio.Task[None]]
    ) -> None:
        try:
            if superseded:
                # The older build must be gone before this one touches its folder.
                await asyncio.wait(superseded)
            await self._executor.async_run(job, runner, self._started)
        except asyncio.CancelledError:
            ours = job.job_id in self._cancel_reasons
            self._cancel_reasons.setdefault(job.job_id, STOPPED_BY_HA)
            self._finish(job)
            if not ours:
                raise
            return
        except RunnerError as err:
            job.error = str(err)
        except ConfigurationError as err:
            why = GONE_WHILE_QUEUED.get(err.translation_key, "can no longer be used")
            job.error = f"{job.configuration} {why}"
        except Exception as err:
            _LOGGER.exception("Job %s failed unexpectedly", job.job_id)
            job.error = f"Internal error: {err}"
        self._finish(job)

    @callback
    def _started(self, job: Job) -> None:
        self._notify(JOB_STARTED, job)
        if job.action is not JobAction.LOGS or job.status.is_terminal:
            return
        # A log stream ends once nobody has followed it for a while.
        timeout = self.settings.logs_unfollowed_timeout

        @callback
        def _end() -> None:
            self._async_request_cancel(
                job, f"Nobody followed the log stream for {duration(timeout)}"
            )

        self._followers.watch(job.job_id, timeout, _end)

    @callback
    def _finish(self, job: Job) -> None:
        if self._tasks.pop(job.job_id, None) is None:
            return
        job.buffer.finalize()
        job.finished_at = dt_util.utcnow().isoformat()
        final_status(job, self._cancel_reasons.pop(job.job_id, None))
        self.history.add(job.as_stored_dict())
        self._notify(TERMINAL_EVENT[job.status], job)
        self._followers.forget(job.job_id)
        prune_finished(self._jobs, HISTORY_LIMIT)

    @callback
    def record(self, job: Job) -> None:
        """Save a finished job again, after an adapter added what it produced."""
        if job.status.is_terminal and job.job_id in self._jobs:
            self.history.add(job.as_stored_dict())
