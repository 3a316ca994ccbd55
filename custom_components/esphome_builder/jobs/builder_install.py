"""An install a remote builder runs itself: it compiles, then flashes now or on wake.

A Device Builder with ``firmware/install`` decides itself whether the device is
online. When it is not, the builder arms a *queued update* and flashes the
build as an upload job of its own once the device wakes. Here that wait looks
like the local one: the job is ``waiting`` (same status, event and sensor),
holds no slot, and is bounded by the same limit (the job's ``wait_timeout``,
else the options' wait). When the limit passes, or the job is cancelled or
unloaded meanwhile, the session's close clears the builder's queued update, so
nothing stays armed there. The builder's upload job is then followed to its
end, and the flash confirmed where the device can report.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .device_wait import Reachability
from .job import Job
from .plan import COMPILE_LANE, duration
from .runner import BuilderInstall, OutputFeed

if TYPE_CHECKING:
    from .execution import JobExecutor

# An install's two phases: the compile, then the flash.
_PHASES = 2


def not_online(limit: float) -> str:
    """Return the error of a job whose device did not come online in time."""
    return f"The device did not come online within {duration(limit)}"


class BuilderInstallFlow:
    """Runs installs through a remote builder's own install."""

    def __init__(self, executor: JobExecutor) -> None:
        """Initialize over the executor's lanes, status changes and output."""
        self._executor = executor

    async def async_run(
        self, job: Job, session: BuilderInstall, on_started: Callable[[Job], None]
    ) -> bool:
        """Run the install; False when the builder has no install of its own.

        Sets the job's exit code, verdict or error, like JobExecutor.async_run.
        """
        executor = self._executor
        async with executor.lane(job, COMPILE_LANE):
            if not await session.async_submit():
                return False
            deadline = executor.start(job, on_started)
            if not await self._async_phase(job, deadline, session.async_compile, 0):
                return True
        if job.exit_code != 0 or job.verdict is not None:
            return True
        if session.deferred:
            if not await self._async_wait(job, session):
                return True
            deadline = executor.start(job, on_started)
        if await self._async_phase(job, deadline, session.async_flash, 1) and (
            job.exit_code == 0 and job.verdict is None
        ):
            await executor.async_confirm(job)
        return True

    async def _async_phase(
        self,
        job: Job,
        deadline: float,
        run: Callable[[OutputFeed], Awaitable[int]],
        index: int,
    ) -> bool:
        """Run one phase within the run time; False (with the error) past it."""
        executor = self._executor
        try:
            async with asyncio.timeout_at(deadline):
                job.exit_code = await executor.async_feed_phase(
                    job, run, index, _PHASES
                )
        except TimeoutError:
            job.error = (
                "Stopped after the maximum run time of "
                f"{duration(executor.settings.max_run_time)}"
            )
            return False
        return True

    async def _async_wait(self, job: Job, session: BuilderInstall) -> bool:
        """Wait for the builder's wake to flash; False (with the error) on timeout."""
        executor = self._executor
        limit = executor.wait_limit(job, Reachability.OFFLINE)
        executor.enter_waiting(
            job,
            f"The builder {job.builder} sees the device offline and flashes this "
            f"build when the device comes online: waiting up to {duration(limit)}",
        )
        try:
            async with asyncio.timeout(max(limit, 0.0)):
                await session.async_wait_for_flash()
        except TimeoutError:
            job.error = not_online(limit)
            executor.say(job, f"{job.error}; the builder's queued update is cleared")
            return False
        executor.say(job, "The device is online: the builder flashes it")
        return True
