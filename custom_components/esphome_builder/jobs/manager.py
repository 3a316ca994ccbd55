"""The job engine: queue and lanes, supersede, cancel, events, history.

It knows nothing about websockets or entities: adapters listen to it through
``async_listen_jobs`` and ``async_listen_output``, and automations through the
lifecycle events on the bus.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import logging
from pathlib import Path
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_now

from ..const import (
    DOMAIN,
    EVENT_JOB_CANCELLED,
    EVENT_JOB_COMPLETED,
    EVENT_JOB_FAILED,
    EVENT_JOB_QUEUED,
    EVENT_JOB_STARTED,
    HISTORY_LIMIT,
    LOGS_UNFOLLOWED_TIMEOUT,
    MAX_ACTIVE_JOBS,
    MAX_LOG_STREAMS,
)
from ..devices import (
    ConfigurationError,
    is_serial_port,
    resolve_configuration,
    validate_device,
    validate_local_port,
)
from ..listeners import Listeners
from ..models import Job, JobAction, JobStatus
from .history import HistoryStore, ProcessRecord, ProcessStore
from .intake import OutputIntake, OutputListener
from .local import LocalRunner
from .processes import (
    job_marker,
    kill_pids,
    orphaned_job_pids,
    owner_is_gone,
    pids_of_job,
)
from .runner import Runner, RunnerError

_LOGGER = logging.getLogger(__name__)

# What a job's ``builder`` holds before the runner factory decides.
BUILDER_AUTO = "auto"
BUILDER_LOCAL = "local"

COMPILE_LANE = "compile"
UPLOAD_LANE = "upload"
LOGS_LANE = "logs"

JOB_QUEUED = "job_queued"
JOB_STARTED = "job_started"
JOB_PROGRESS = "job_progress"
JOB_COMPLETED = "job_completed"
JOB_FAILED = "job_failed"
JOB_CANCELLED = "job_cancelled"

_TERMINAL_EVENT = {
    JobStatus.COMPLETED: JOB_COMPLETED,
    JobStatus.FAILED: JOB_FAILED,
    JobStatus.CANCELLED: JOB_CANCELLED,
}
_BUS_EVENT = {
    JOB_QUEUED: EVENT_JOB_QUEUED,
    JOB_STARTED: EVENT_JOB_STARTED,
    JOB_COMPLETED: EVENT_JOB_COMPLETED,
    JOB_FAILED: EVENT_JOB_FAILED,
    JOB_CANCELLED: EVENT_JOB_CANCELLED,
}

CANCELLED_BY_USER = "Cancelled by user"
STOPPED_BY_HA = "Home Assistant stopped while the job was running"
UNLOADED = "ESPHome Builder was unloaded while the job was running"
CRASH_RECOVERED = (
    "Home Assistant stopped unexpectedly while the job was running; "
    "its ESPHome processes were ended at the next start"
)

JobListener = Callable[[str, Job], None]
RunnerFactory = Callable[[Job, "JobManager"], Runner]


@dataclass(slots=True)
class EngineSettings:
    """What the engine needs from the config entry."""

    configs_dir: Path
    command: list[str]
    compile_jobs: int = 1
    upload_jobs: int = 2
    # Seconds a job other than a log stream may run before it fails.
    max_run_time: float = 2 * 3600.0
    logs_unfollowed_timeout: float = LOGS_UNFOLLOWED_TIMEOUT


class UnknownJobError(KeyError):
    """No job has that id."""


class TooManyJobsError(Exception):
    """The engine already holds ``MAX_ACTIVE_JOBS`` queued or running jobs."""

    translation_key = "too_many_jobs"

    def __init__(self, limit: int) -> None:
        """Initialize with the limit that was reached."""
        super().__init__(f"{limit} jobs are already queued or running")
        self.limit = limit


# Why a configuration checked when its job queued fails the check at spawn time.
_GONE_WHILE_QUEUED = {
    "unknown_configuration": "is gone from the configurations folder",
    "path_escape": "now leads outside the configurations folder",
    "invalid_configuration": "is no longer a device configuration",
    "folder_unreadable": "cannot be read: its configurations folder is missing",
}


def _duration(seconds: float) -> str:
    """Return ``seconds`` the way a person says it: 2 h, 90 min, 30 s."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def _phases(job: Job, path: str) -> list[tuple[str, list[str]]]:
    device = job.device or "OTA"
    match job.action:
        case JobAction.VALIDATE:
            return [(COMPILE_LANE, ["config", path])]
        case JobAction.COMPILE:
            return [(COMPILE_LANE, ["compile", path])]
        case JobAction.CLEAN:
            return [(COMPILE_LANE, ["clean", path])]
        case JobAction.UPLOAD:
            return [(UPLOAD_LANE, ["upload", path, "--device", device])]
        case JobAction.INSTALL:
            # Not `esphome run`: for host: configs it ignores --device.
            return [
                (COMPILE_LANE, ["compile", path]),
                (UPLOAD_LANE, ["upload", path, "--device", device]),
            ]
        case JobAction.LOGS:
            return [(LOGS_LANE, ["logs", path, "--device", device])]
    raise ValueError(job.action)


class JobManager:
    """Runs ESPHome jobs and keeps their output within bounds."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: EngineSettings,
        runner_factory: RunnerFactory | None = None,
    ) -> None:
        """Initialize the engine; call async_setup before use."""
        self.hass = hass
        self.settings = settings
        self._runner_factory = runner_factory or _local_runner
        self._lanes = {
            COMPILE_LANE: asyncio.Semaphore(settings.compile_jobs),
            UPLOAD_LANE: asyncio.Semaphore(settings.upload_jobs),
            LOGS_LANE: asyncio.Semaphore(MAX_LOG_STREAMS),
        }
        # Log streams nobody follows, and the timer that will end each.
        self._unfollowed: dict[str, asyncio.TimerHandle] = {}
        self._jobs: dict[str, Job] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cancel_reasons: dict[str, str] = {}
        self._job_listeners: Listeners[str, Job] = Listeners()
        self._output_listeners: dict[str, list[OutputListener]] = {}
        self.history = HistoryStore(hass)
        self.processes = ProcessStore(hass)
        self._shutting_down = False

    # -- setup and teardown ---------------------------------------------------

    async def async_setup(self) -> None:
        """Load history and end processes a crashed run left behind."""
        kept: list[dict[str, Any]] = []
        for data in await self.history.async_load():
            try:
                job = Job.from_stored_dict(data)
            except (KeyError, ValueError, TypeError) as err:
                # Never a reason not to load: skip it, and say so once.
                _LOGGER.warning("Skipped a stored job of an unknown shape: %s", err)
                continue
            kept.append(data)
            if not job.status.is_terminal:
                job.status = JobStatus.CANCELLED
                job.error = job.error or STOPPED_BY_HA
            self._jobs[job.job_id] = job
        self.history.replace(kept)
        await self._async_recover_orphans()

    async def _async_recover_orphans(self) -> None:
        # First what no record names: a crash between a spawn and its record.
        if ownerless := await self.hass.async_add_executor_job(_end_ownerless):
            _LOGGER.warning(
                "Ended %d ESPHome process(es) left by a Home Assistant that is gone",
                ownerless,
            )
        records = await self.processes.async_load()
        if not records:
            return
        ended = await self.hass.async_add_executor_job(_end_orphans, records)
        for job_id, record in records.items():
            _LOGGER.warning(
                "Ended %d leftover ESPHome process(es) of job %s (process group %s)",
                ended.get(job_id, 0),
                job_id,
                record["pgid"],
            )
            if job_id in self._jobs:
                continue
            try:
                job = Job.from_stored_dict({**record["job"], "lines": []})
            except (KeyError, ValueError, TypeError) as err:
                _LOGGER.warning("Skipped a stored process record: %s", err)
                continue
            job.status = JobStatus.CANCELLED
            job.error = CRASH_RECOVERED
            job.finished_at = dt_util.utcnow().isoformat()
            self._jobs[job.job_id] = job
            self.history.add(job.as_stored_dict())
        await self.processes.async_clear()

    async def async_shutdown(self, reason: str = UNLOADED) -> None:
        """Cancel every active job, wait for its processes, save history."""
        self._shutting_down = True
        tasks = list(self._tasks.items())
        for job_id, task in tasks:
            self._cancel_reasons.setdefault(job_id, reason)
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
        return [job for job in self._jobs.values() if not job.status.is_terminal]

    @property
    def listener_count(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._job_listeners) + sum(
            len(listeners) for listeners in self._output_listeners.values()
        )

    # -- listeners ----------------------------------------------------------------

    @callback
    def async_listen_jobs(self, listener: JobListener) -> CALLBACK_TYPE:
        """Call ``listener(event_type, job)`` on every lifecycle or progress change."""
        return self._job_listeners.add(listener)

    @callback
    def async_listen_output(
        self, job_id: str, listener: OutputListener
    ) -> CALLBACK_TYPE:
        """Call ``listener(lines)`` with each batch of new output of a job.

        Lines ending in ``\\r`` are transient: the next line replaces them.
        """
        listeners = self._output_listeners.setdefault(job_id, [])
        listeners.append(listener)
        if (timer := self._unfollowed.pop(job_id, None)) is not None:
            timer.cancel()

        @callback
        def remove() -> None:
            current = self._output_listeners.get(job_id)
            if current is not None and listener in current:
                current.remove(listener)
                if not current:
                    del self._output_listeners[job_id]
                    self._watch_unfollowed(job_id)

        return remove

    @callback
    def _watch_unfollowed(self, job_id: str) -> None:
        """End a running log stream once nobody has followed it for a while."""
        job = self._jobs.get(job_id)
        if (
            job is None
            or job.action is not JobAction.LOGS
            or job.status.is_terminal
            or job_id in self._output_listeners
            or job_id in self._unfollowed
        ):
            return
        timeout = self.settings.logs_unfollowed_timeout

        @callback
        def _end() -> None:
            self._unfollowed.pop(job_id, None)
            if job_id not in self._output_listeners:
                self._async_request_cancel(
                    job, f"Nobody followed the log stream for {_duration(timeout)}"
                )

        self._unfollowed[job_id] = self.hass.loop.call_later(timeout, _end)

    @callback
    def _notify(self, event_type: str, job: Job) -> None:
        if (bus_event := _BUS_EVENT.get(event_type)) is not None:
            self.hass.bus.async_fire(bus_event, job.lifecycle_data())
        self._job_listeners.fire(event_type, job)

    # -- starting and cancelling --------------------------------------------------

    @callback
    def async_start_job(
        self,
        action: JobAction | str,
        configuration: str,
        device: str | None = None,
        builder: str | None = None,
    ) -> Job:
        """Queue a job; raises ConfigurationError or InvalidDeviceError.

        ``builder`` asks for "local" or a remote builder by name; without it
        the runner factory picks (BUILDER_AUTO).
        """
        if self._shutting_down:
            raise RuntimeError("The job engine is shutting down")
        action = JobAction(action)
        if action.needs_device:
            device = validate_device(device or "OTA")
        else:
            device = None
        if (
            same := self._queued_twin(action, configuration, device, builder)
        ) is not None:
            # A looping automation asking again: the queued job answers.
            return same
        if len(self._tasks) >= MAX_ACTIVE_JOBS:
            raise TooManyJobsError(MAX_ACTIVE_JOBS)
        missing: ConfigurationError | None = None
        try:
            resolve_configuration(self.settings.configs_dir, configuration)
        except ConfigurationError as err:
            # A remote builder may have configurations this folder lacks.
            if err.translation_key != "unknown_configuration":
                raise
            missing = err
        job = Job(
            job_id=ulid_now().lower(),
            action=action,
            configuration=configuration,
            device=device,
            created_at=dt_util.utcnow().isoformat(),
            builder=builder or BUILDER_AUTO,
        )
        runner = self._runner_factory(job, self)
        if missing is not None and runner.builder == BUILDER_LOCAL:
            raise missing
        if runner.builder == BUILDER_LOCAL and device and is_serial_port(device):
            # A remote builder names its own ports; this machine's must exist.
            validate_local_port(device)
        job.builder = runner.builder
        superseded = []
        if action.is_build:
            for other in self.active_jobs():
                if other.configuration == configuration and other.action.is_build:
                    self._async_request_cancel(other, f"Superseded by job {job.job_id}")
                    superseded.append(self._tasks[other.job_id])
        self._jobs[job.job_id] = job
        task = self.hass.async_create_background_task(
            self._async_run(job, runner, superseded),
            f"{DOMAIN} job {job.job_id} ({action} {configuration})",
            eager_start=False,
        )
        # A task cancelled before its first step never runs its body.
        task.add_done_callback(lambda _: self._finish(job))
        self._tasks[job.job_id] = task
        self._notify(JOB_QUEUED, job)
        return job

    @callback
    def _queued_twin(
        self,
        action: JobAction,
        configuration: str,
        device: str | None,
        builder: str | None,
    ) -> Job | None:
        """Return a queued job that would do exactly the same, if there is one."""
        for job in self.active_jobs():
            if (
                job.status is JobStatus.QUEUED
                and job.action is action
                and job.configuration == configuration
                and job.device == device
                and (builder is None or job.builder == builder)
            ):
                return job
        return None

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
            phases = _phases(job, job.configuration)
            deadline: float | None = None
            for index, (lane, args) in enumerate(phases):
                async with self._lane(job, lane):
                    if job.builder == BUILDER_LOCAL:
                        args = await self._async_spawn_args(job, args)
                    if job.status is JobStatus.QUEUED:
                        job.status = JobStatus.RUNNING
                        job.started_at = dt_util.utcnow().isoformat()
                        deadline = self.hass.loop.time() + self.settings.max_run_time
                        self._notify(JOB_STARTED, job)
                        self._watch_unfollowed(job.job_id)
                    if job.action is JobAction.LOGS:
                        # A stream runs until cancelled or nobody follows it.
                        job.exit_code = await self._async_run_phase(
                            job, runner, args, index, len(phases)
                        )
                    else:
                        try:
                            async with asyncio.timeout_at(deadline):
                                job.exit_code = await self._async_run_phase(
                                    job, runner, args, index, len(phases)
                                )
                        except TimeoutError:
                            job.error = (
                                "Stopped after the maximum run time of "
                                f"{_duration(self.settings.max_run_time)}"
                            )
                            break
                if job.exit_code != 0 or job.verdict is not None:
                    break
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
            why = _GONE_WHILE_QUEUED.get(err.translation_key, "can no longer be used")
            job.error = f"{job.configuration} {why}"
        except Exception as err:
            _LOGGER.exception("Job %s failed unexpectedly", job.job_id)
            job.error = f"Internal error: {err}"
        self._finish(job)

    async def _async_spawn_args(self, job: Job, args: list[str]) -> list[str]:
        """Check the configuration again right before it runs.

        ESPHome gets the file the name resolves to now: nothing swapped into
        the folder while the job queued is run. Raises ConfigurationError.
        """
        real = await self.hass.async_add_executor_job(
            resolve_configuration, self.settings.configs_dir, job.configuration
        )
        # ESPHome's arguments: the command, then the configuration.
        return [args[0], real.name, *args[2:]]

    def _lane(self, job: Job, lane: str) -> asyncio.Semaphore:
        """Return the lane a job's phase waits for: each builder has its own."""
        if job.builder == BUILDER_LOCAL:
            return self._lanes[lane]
        # A remote builder compiles one job at a time; a job we would send
        # while it is busy would only wait in its queue, shown here as running.
        key = f"{job.builder}/{lane}"
        if key not in self._lanes:
            size = {COMPILE_LANE: 1, LOGS_LANE: MAX_LOG_STREAMS}.get(
                lane, self.settings.upload_jobs
            )
            self._lanes[key] = asyncio.Semaphore(size)
        return self._lanes[key]

    async def _async_run_phase(
        self, job: Job, runner: Runner, args: list[str], index: int, count: int
    ) -> int:
        intake = OutputIntake(
            job,
            lambda: self._output_listeners.get(job.job_id),
            lambda changed: self._notify(JOB_PROGRESS, changed),
            phase=index,
            phases=count,
        )
        try:
            return await runner.run(args, intake.feed)
        finally:
            intake.close()

    @callback
    def _finish(self, job: Job) -> None:
        if self._tasks.pop(job.job_id, None) is None:
            return
        if (timer := self._unfollowed.pop(job.job_id, None)) is not None:
            timer.cancel()
        job.buffer.finalize()
        job.finished_at = dt_util.utcnow().isoformat()
        reason = self._cancel_reasons.pop(job.job_id, None)
        if reason is not None:
            job.status = JobStatus.CANCELLED
            job.error = reason
        elif job.error is not None:
            job.status = JobStatus.FAILED
        elif job.verdict is not None:
            job.status = JobStatus.FAILED
            job.error = job.verdict
        elif job.exit_code != 0:
            job.status = JobStatus.FAILED
            job.error = f"ESPHome exited with code {job.exit_code}"
        else:
            job.status = JobStatus.COMPLETED
            job.progress = 100
        self.history.add(job.as_stored_dict())
        self._notify(_TERMINAL_EVENT[job.status], job)
        self._output_listeners.pop(job.job_id, None)
        self._prune()

    @callback
    def _prune(self) -> None:
        """Forget finished jobs beyond the history limit, oldest first."""
        finished = [j for j in self._jobs.values() if j.status.is_terminal]
        for job in finished[: max(0, len(finished) - HISTORY_LIMIT)]:
            del self._jobs[job.job_id]


def local_runner(job: Job, manager: JobManager) -> Runner:
    """Return the runner that runs the job on this machine."""
    return _local_runner(job, manager)


def _local_runner(job: Job, manager: JobManager) -> Runner:
    async def started(pgid: int) -> None:
        await manager.processes.async_add(job.job_id, pgid, job.as_dict())

    async def stopped() -> None:
        await manager.processes.async_remove(job.job_id)

    return LocalRunner(
        manager.settings.command,
        manager.settings.configs_dir,
        job.job_id,
        on_started=started,
        on_stopped=stopped,
    )


def _end_orphans(records: dict[str, ProcessRecord]) -> dict[str, int]:
    """Kill what is left of crashed jobs; only processes that carry their marker."""
    ended: dict[str, int] = {}
    for job_id in records:
        pids = pids_of_job(job_id)
        kill_pids(pids, match=job_marker(job_id))
        ended[job_id] = len(pids)
    return ended


def _end_ownerless() -> int:
    """Kill job processes whose Home Assistant is gone, recorded or not."""
    pids = orphaned_job_pids()
    kill_pids(pids, match=owner_is_gone)
    return len(pids)


def job_payload(job: Job) -> dict[str, Any]:
    """Return the job's public dict with its output."""
    return {**job.as_dict(), "output": job.output()}
