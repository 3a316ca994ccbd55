"""Running a job: its ESPHome invocations, each in its lane, within the time limit."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from ..const import LOGS_UNFOLLOWED_TIMEOUT, MAX_LOG_STREAMS
from ..devices import resolve_configuration
from .follow import FollowTracker
from .intake import OutputIntake
from .job import JOB_PROGRESS, Job, JobAction, JobStatus
from .plan import BUILDER_LOCAL, COMPILE_LANE, LOGS_LANE, UPLOAD_LANE, duration, phases
from .runner import Runner


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


class JobExecutor:
    """Runs jobs' invocations; each builder has its own compile and upload lanes."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: EngineSettings,
        followers: FollowTracker,
        notify: Callable[[str, Job], None],
    ) -> None:
        """Initialize with the engine's settings, followers and notifier."""
        self.hass = hass
        self.settings = settings
        self._followers = followers
        self._notify = notify
        self._lanes = {
            COMPILE_LANE: asyncio.Semaphore(settings.compile_jobs),
            UPLOAD_LANE: asyncio.Semaphore(settings.upload_jobs),
            LOGS_LANE: asyncio.Semaphore(MAX_LOG_STREAMS),
        }

    async def async_run(
        self, job: Job, runner: Runner, on_started: Callable[[Job], None]
    ) -> None:
        """Run the job's invocations; ``on_started`` once it leaves the queue.

        Sets the job's exit code, verdict or error; raises RunnerError,
        ConfigurationError, or CancelledError when the job is cancelled.
        """
        planned = phases(job, job.configuration)
        deadline: float | None = None
        for index, (lane, args) in enumerate(planned):
            async with self._lane(job, lane):
                if job.builder == BUILDER_LOCAL:
                    args = await self._async_spawn_args(job, args)
                if job.status is JobStatus.QUEUED:
                    job.status = JobStatus.RUNNING
                    job.started_at = dt_util.utcnow().isoformat()
                    deadline = self.hass.loop.time() + self.settings.max_run_time
                    on_started(job)
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
            lambda: self._followers.listeners(job.job_id),
            lambda changed: self._notify(JOB_PROGRESS, changed),
            phase=index,
            phases=count,
        )
        try:
            return await runner.run(args, intake.feed)
        finally:
            intake.close()
