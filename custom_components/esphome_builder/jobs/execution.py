"""Running a job: its ESPHome invocations, each in its lane, within the time limit."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..const import LOGS_UNFOLLOWED_TIMEOUT, MAX_LOG_STREAMS
from ..devices import resolve_configuration
from .builder_install import BuilderInstallFlow, not_online
from .device_wait import (
    DeviceWatch,
    Reachability,
    async_confirm_build,
    async_wait_until_online,
)
from .follow import FollowTracker
from .intake import OutputIntake
from .job import JOB_PROGRESS, JOB_STARTED, JOB_WAITING, Job, JobAction, JobStatus
from .plan import (
    BUILDER_LOCAL,
    COMPILE_LANE,
    LOGS_LANE,
    SETUP_LANE,
    UPLOAD_LANE,
    duration,
    phases,
)
from .runner import OutputFeed, Runner

# The actions whose upload flashes a device (a log stream only reads it).
FLASHING = frozenset({JobAction.UPLOAD, JobAction.INSTALL, JobAction.ROLLBACK})


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
    # Seconds an upload waits for an offline device (0: it does not wait),
    # and for a flashed device to come back on the new build.
    wait_timeout: float = 3600.0
    confirm_timeout: float = 120.0


class JobExecutor:
    """Runs jobs' invocations; each builder has its own compile and upload lanes."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: EngineSettings,
        followers: FollowTracker,
        notify: Callable[[str, Job], None],
        watch: DeviceWatch | None = None,
    ) -> None:
        """Initialize with the engine's settings, followers and notifier."""
        self.hass = hass
        self.settings = settings
        self._followers = followers
        self._notify = notify
        self._watch = watch
        self._builder_install = BuilderInstallFlow(self)
        self._lanes = {
            COMPILE_LANE: asyncio.Semaphore(settings.compile_jobs),
            UPLOAD_LANE: asyncio.Semaphore(settings.upload_jobs),
            LOGS_LANE: asyncio.Semaphore(MAX_LOG_STREAMS),
            SETUP_LANE: asyncio.Semaphore(1),
        }

    async def async_run(
        self, job: Job, runner: Runner, on_started: Callable[[Job], None]
    ) -> None:
        """Run the job's invocations; ``on_started`` once it leaves the queue.

        Sets the job's exit code, verdict or error; raises RunnerError,
        ConfigurationError, or CancelledError when the job is cancelled. An
        upload first waits, holding no slot, for a device that is offline;
        after it, the device must come back on the new build.
        """
        if job.action in FLASHING:
            self.remember_build(job)
        if await self._async_builder_install(job, runner, on_started):
            return
        planned = phases(job, job.configuration)
        deadline: float | None = None
        for index, (lane, args) in enumerate(planned):
            flashes = lane == UPLOAD_LANE and job.action in FLASHING
            if flashes and not await self._async_device_ready(job, on_started):
                return
            async with self.lane(job, lane):
                if job.builder == BUILDER_LOCAL and job.action.reads_configuration:
                    args = await self._async_spawn_args(job, args)
                if job.status is not JobStatus.RUNNING:
                    deadline = self.start(job, on_started)
                # A log stream runs until cancelled or nobody follows it.
                limit = None if job.action is JobAction.LOGS else deadline
                try:
                    async with asyncio.timeout_at(limit):
                        job.exit_code = await self._async_run_phase(
                            job, runner, args, index, len(planned)
                        )
                except TimeoutError:
                    job.error = (
                        "Stopped after the maximum run time of "
                        f"{duration(self.settings.max_run_time)}"
                    )
                    return
            if job.exit_code != 0 or job.verdict is not None:
                return
            if flashes:
                await self.async_confirm(job)

    async def _async_builder_install(
        self, job: Job, runner: Runner, on_started: Callable[[Job], None]
    ) -> bool:
        """Run an install as the remote builder's own; False when it has none."""
        if job.action is not JobAction.INSTALL:
            return False
        if (session := runner.builder_install(job)) is None:
            return False
        try:
            return await self._builder_install.async_run(job, session, on_started)
        finally:
            await asyncio.shield(session.async_close())

    def start(self, job: Job, on_started: Callable[[Job], None]) -> float:
        """Mark the job running (again, after a wait); return its deadline."""
        first = job.status is JobStatus.QUEUED
        job.status = JobStatus.RUNNING
        if first:
            job.started_at = dt_util.utcnow().isoformat()
            on_started(job)
        else:
            self._notify(JOB_STARTED, job)
        # The time spent waiting for a device does not count.
        return self.hass.loop.time() + self.settings.max_run_time

    def wait_limit(self, job: Job, reach: Reachability) -> float:
        """Return how long the job waits for its device: 0 for not at all."""
        if reach is Reachability.OFFLINE:
            return (
                self.settings.wait_timeout
                if job.wait_timeout is None
                else job.wait_timeout
            )
        # A device nothing knows is waited for only when the job asks to.
        return job.wait_timeout or 0.0

    async def _async_device_ready(
        self, job: Job, on_started: Callable[[Job], None]
    ) -> bool:
        """Wait for an offline device; False (with the job's error) on timeout."""
        watch = self._watch
        if watch is None or (job.device or "").startswith("/dev/"):
            return True
        reach = await watch.async_reachability(job)
        limit = self.wait_limit(job, reach)
        if reach is Reachability.ONLINE or limit <= 0:
            return True
        if job.status is JobStatus.QUEUED:
            self.start(job, on_started)
        self.enter_waiting(
            job, f"The device is offline: waiting up to {duration(limit)} for it"
        )
        try:
            async with asyncio.timeout(limit):
                await async_wait_until_online(watch, job)
        except TimeoutError:
            job.error = not_online(limit)
            return False
        self.say(job, "The device is online: flashing it")
        return True

    def enter_waiting(self, job: Job, text: str) -> None:
        """Mark a started job waiting for its device, and say why."""
        job.status = JobStatus.WAITING
        self._notify(JOB_WAITING, job)
        self.say(job, text)

    def remember_build(self, job: Job) -> None:
        """Note the build the job's device runs before a flash changes it."""
        report = self._watch.report(job) if self._watch is not None else None
        job.build_before = report.compilation_time if report is not None else None

    async def async_confirm(self, job: Job) -> None:
        """Wait for the flashed device to report the new build; record it.

        A local build's compilation time is known: the device must report it.
        A remote one's is not: the device must come back on a build other than
        the one it ran before; one that comes back on that same build may just
        have been given the same build again, so it is not called a failure.
        """
        watch = self._watch
        if watch is None or watch.report(job) is None:
            return
        expected = job.expected_build or await watch.async_expected_build(job)
        before = job.build_before
        if expected is not None:
            what = f"the build of {expected}"
            accepts: Callable[[str], bool] = expected.__eq__
        elif job.builder != BUILDER_LOCAL and before is not None:
            what = f"a build other than that of {before}"
            accepts = before.__ne__
        else:
            return
        self.say(job, f"Waiting for the device to come back on {what}")
        confirmed, seen = await async_confirm_build(
            watch, job, accepts, self.settings.confirm_timeout
        )
        if confirmed is None:
            return
        if expected is None and not confirmed and seen == before:
            self.say(job, f"The device is back on the build of {before}, as before")
            return
        job.verified = confirmed
        if confirmed:
            self.say(job, f"Confirmed: the device runs the new build of {seen}")
            return
        found = f"it reports the build of {seen}" if seen else "it did not report"
        job.error = f"The device did not come back on the new build: {found}"
        self.say(job, job.error)

    def say(self, job: Job, text: str) -> None:
        """Add a line of the builder's own to the job's output."""
        intake = OutputIntake(
            job, lambda: self._followers.listeners(job.job_id), lambda _: None
        )
        intake.feed(f"INFO [ESPHome Builder] {text}\n".encode())

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

    def lane(self, job: Job, lane: str) -> asyncio.Semaphore:
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
        return await self.async_feed_phase(
            job, lambda feed: runner.run(args, feed), index, count
        )

    async def async_feed_phase(
        self,
        job: Job,
        run: Callable[[OutputFeed], Awaitable[int]],
        index: int,
        count: int,
    ) -> int:
        """Run one phase, its output fed into the job; return its exit code."""
        intake = OutputIntake(
            job,
            lambda: self._followers.listeners(job.job_id),
            lambda changed: self._notify(JOB_PROGRESS, changed),
            phase=index,
            phases=count,
        )
        try:
            return await run(intake.feed)
        finally:
            intake.close()
