"""Runs ESPHome as a local subprocess, in its own process group."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import logging
import os
from pathlib import Path
import signal

from ..const import DRAIN_GRACE, ENV_JOB_MARKER, ENV_OWNER_MARKER, TERMINATE_GRACE
from .environment import child_environment
from .job import Job
from .processes import job_marker, kill_group, kill_marked_group, kill_pids, pids_of_job
from .runner import EngineView, OutputFeed, Runner, RunnerError

_LOGGER = logging.getLogger(__name__)

# Children must colour and flush as if a terminal were attached, because they
# write into a pipe and the user watches live.
CHILD_ENV = {
    "PYTHONUNBUFFERED": "1",
    "PYTHONIOENCODING": "utf-8",
    "FORCE_COLOR": "1",
    "CLICOLOR_FORCE": "1",
    "PLATFORMIO_FORCE_ANSI": "true",
    "PLATFORMIO_DISABLE_PROGRESSBAR": "false",
}


class _ChildProtocol(asyncio.SubprocessProtocol):
    """Hands each read straight to the feed: no per-chunk task or await."""

    def __init__(self, feed: OutputFeed, loop: asyncio.AbstractEventLoop) -> None:
        self._feed = feed
        self.output_closed: asyncio.Future[None] = loop.create_future()
        self.exited: asyncio.Future[None] = loop.create_future()

    def pipe_data_received(self, fd: int, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode()
        self._feed(data)

    def pipe_connection_lost(self, fd: int, exc: Exception | None) -> None:
        if fd == 1 and not self.output_closed.done():
            self.output_closed.set_result(None)

    def process_exited(self) -> None:
        if not self.exited.done():
            self.exited.set_result(None)


ProcessStarted = Callable[[int], Awaitable[None]]


class LocalRunner(Runner):
    """Runs the configured ESPHome command on this machine."""

    builder = "local"

    def __init__(
        self,
        command: list[str],
        cwd: Path,
        job_id: str,
        *,
        extra_env: dict[str, str] | None = None,
        on_started: ProcessStarted | None = None,
        on_stopped: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Initialize for one job; ``command`` is the argv prefix of each run."""
        self._command = command
        self._cwd = cwd
        self._job_id = job_id
        self._extra_env = extra_env or {}
        self._on_started = on_started
        self._on_stopped = on_stopped

    def _environment(self) -> dict[str, str]:
        return child_environment(
            {
                **CHILD_ENV,
                **self._extra_env,
                ENV_JOB_MARKER: self._job_id,
                ENV_OWNER_MARKER: str(os.getpid()),
            }
        )

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Run one invocation to its end; see Runner.run."""
        loop = asyncio.get_running_loop()
        argv = [*self._command, *args]
        try:
            transport, protocol = await loop.subprocess_exec(
                lambda: _ChildProtocol(feed, loop),
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                cwd=self._cwd,
                env=self._environment(),
                start_new_session=True,
            )
        except OSError as err:
            raise RunnerError(
                f"Could not start the ESPHome command {self._command[0]!r}: "
                f"{err.strerror or err}"
            ) from err
        pgid = transport.get_pid()
        try:
            if self._on_started is not None:
                await self._on_started(pgid)
            # Shielded: cancelling this task must not cancel the future that
            # _terminate waits on afterwards.
            await asyncio.shield(protocol.exited)
            try:
                # A grandchild may hold the pipe open after the main process
                # exits; give it a moment to finish printing, then end it.
                async with asyncio.timeout(DRAIN_GRACE):
                    await asyncio.shield(protocol.output_closed)
            except TimeoutError:
                pass
            await self._async_kill_rest(pgid)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DRAIN_GRACE):
                    await asyncio.shield(protocol.output_closed)
            code = transport.get_returncode()
            return -1 if code is None else code
        except asyncio.CancelledError:
            await asyncio.shield(self._terminate(transport, protocol, pgid))
            raise
        finally:
            transport.close()
            # Every process of the job carries its marker: what is left of the
            # group, and a descendant that started a session of its own.
            await asyncio.shield(self._async_sweep())
            if self._on_stopped is not None:
                await self._on_stopped()

    async def _async_kill_rest(self, pgid: int) -> None:
        """SIGKILL what is left of the group once its leader has exited.

        Not killpg: with the leader reaped, its id may name another group by
        now. Only members that carry this job's marker are signalled.
        """
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, kill_marked_group, pgid, self._job_id)

    async def _async_sweep(self) -> None:
        loop = asyncio.get_running_loop()
        pids = await loop.run_in_executor(None, pids_of_job, self._job_id)
        if pids:
            _LOGGER.debug("Killing escaped processes %s of job %s", pids, self._job_id)
            await loop.run_in_executor(
                None, kill_pids, pids, signal.SIGKILL, job_marker(self._job_id)
            )
            # SIGKILL lands asynchronously: the job ends once they are gone.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(DRAIN_GRACE):
                    while await loop.run_in_executor(None, pids_of_job, self._job_id):
                        await asyncio.sleep(0.02)

    @staticmethod
    async def _terminate(
        transport: asyncio.SubprocessTransport, protocol: _ChildProtocol, pgid: int
    ) -> None:
        if not protocol.exited.done():
            kill_group(pgid, signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(TERMINATE_GRACE):
                    await asyncio.shield(protocol.exited)
        # Whatever ignored SIGTERM, or was spawned meanwhile, ends here (the
        # group id is still ours while the leader is not reaped).
        if not protocol.exited.done():
            kill_group(pgid, signal.SIGKILL)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(TERMINATE_GRACE):
                await asyncio.shield(protocol.exited)


def local_runner(
    job: Job,
    engine: EngineView,
    command: list[str] | None = None,
    *,
    extra_env: dict[str, str] | None = None,
    options: tuple[str, ...] = ("--dashboard",),
) -> LocalRunner:
    """Return the runner that runs ``job`` on this machine.

    ``command`` replaces the engine's (a managed ESPHome version, or the
    installer of one). Each process group it starts is recorded before it can
    outlive a crash.
    """

    async def started(pgid: int) -> None:
        await engine.processes.async_add(job.job_id, pgid, job.as_dict())

    async def stopped() -> None:
        await engine.processes.async_remove(job.job_id)

    # ESPHome's --dashboard goes before each invocation's arguments.
    return LocalRunner(
        [*(engine.command if command is None else command), *options],
        engine.configs_dir,
        job.job_id,
        extra_env=extra_env,
        on_started=started,
        on_stopped=stopped,
    )
