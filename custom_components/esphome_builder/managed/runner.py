"""Runs a local build with the managed ESPHome version of its configuration."""

from __future__ import annotations

from ..jobs.job import Job
from ..jobs.local import local_runner
from ..jobs.runner import EngineView, OutputFeed, Runner
from .install import say
from .versions import ManagedEsphome


class ManagedRunner(Runner):
    """A local runner whose ESPHome is the configuration's managed version.

    The version is looked up when the job starts, not when it queues: a pin
    set meanwhile applies. A version that is not installed yet is installed
    by a ``setup`` job first, which this job waits for in its own lane.
    """

    builder = "local"

    def __init__(self, job: Job, engine: EngineView, managed: ManagedEsphome) -> None:
        """Initialize for one job."""
        self._job = job
        self._engine = engine
        self._managed = managed
        self._announced = False

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Run one ESPHome invocation with the managed version; see Runner.run."""
        version, command = await self._managed.async_command_for(
            self._job.configuration, lambda text: say(feed, text)
        )
        self._job.esphome_version = version
        if not self._announced:
            self._announced = True
            pinned = self._job.configuration in self._managed.pins
            say(feed, f"ESPHome {version} ({'pinned' if pinned else 'managed'})")
        release = self._managed.async_use(version)
        try:
            runner = local_runner(
                self._job,
                self._engine,
                command,
                extra_env=self._managed.layout.environment(version),
            )
            return await runner.run(args, feed)
        finally:
            release()
