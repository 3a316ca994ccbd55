"""A remote Device Builder's own install, with its queued update for a sleeping device.

``firmware/install`` on an ESPHome Device Builder compiles, then either
flashes at once (an upload job that depends on the compile) or, when the
builder sees the device offline, arms a *queued update*: its wake dispatch
flashes the build as a new upload job once the device comes online. This
session drives that path for one job, on one connection:

- ``firmware/follow_jobs`` (lifecycle events only; its output is ignored)
  tells which upload job flashes this configuration, and whether the compile
  was deferred;
- ``firmware/follow_job`` streams the compile's, then that upload's, output,
  history first;
- ``firmware/clear_queued_update`` disarms the builder when the job ends here
  without a completed flash (a wait that timed out, a cancel, a failure).

A builder without ``firmware/install`` (``unknown_command``) or without
``/ws`` (the legacy dashboard) makes ``async_submit`` answer False; the engine
then runs compile and upload as two jobs of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any

from ..builder_client import (
    NOT_ESPHOME,
    BuilderError,
    BuilderSocket,
    CommandFailed,
    ConnectionLost,
)
from .remote_messages import CANCEL_GRACE, CANCEL_SEND_TIMEOUT, follow_exit_code
from .runner import BuilderInstall, OutputFeed

if TYPE_CHECKING:
    from .remote import RemoteRunner

UNKNOWN_COMMAND = "unknown_command"
_TERMINAL = frozenset({"completed", "failed", "cancelled"})


class RemoteInstall(BuilderInstall):
    """One install on a remote builder through its ``firmware/install``."""

    def __init__(self, runner: RemoteRunner, configuration: str, port: str) -> None:
        """Initialize for one configuration, flashed to ``port`` (OTA by default)."""
        self._runner = runner
        self._configuration = configuration
        self._port = port
        self._sock: BuilderSocket | None = None
        self._jobs_stream: str | None = None
        self._compile_id = ""
        self._since = ""
        # What the builder said of this configuration's jobs, by id (merged).
        self._seen: dict[str, dict[str, Any]] = {}
        self._upload_id: str | None = None
        self._compiled = False
        self._flashed = False

    # -- the engine's calls ---------------------------------------------------------

    async def async_submit(self) -> bool:
        """Send ``firmware/install``; False when the builder has none."""
        with self._runner.errors():
            return await self._submit()

    async def async_compile(self, feed: OutputFeed) -> int:
        """Follow the builder's compile; settle whether it flashes now or on wake."""
        with self._runner.errors():
            code = await self._follow(self._compile_id, feed)
            if code != 0:
                return code
            self._compiled = True
            # The compile's lifecycle event says whether the builder deferred
            # the flash (it decides when the compile ends).
            while self._seen[self._compile_id].get("status") not in _TERMINAL:
                await self._pump(self._runner.idle_timeout)
            self.deferred = bool(
                self._seen[self._compile_id].get("is_deferred_install")
            )
            return code

    async def async_wait_for_flash(self) -> None:
        """Wait, with no idle limit, for the upload the builder's wake starts."""
        with self._runner.errors():
            await self._await_upload(None)

    async def async_flash(self, feed: OutputFeed) -> int:
        """Follow the builder's upload job (its own, or its wake's) to its result."""
        with self._runner.errors():
            if self._upload_id is None:
                await self._await_upload(self._runner.idle_timeout)
            assert self._upload_id is not None
            code = await self._follow(self._upload_id, feed)
            self._flashed = code == 0
            return code

    async def async_close(self) -> None:
        """Disarm the builder unless the flash completed; close the connection."""
        sock, self._sock = self._sock, None
        if self._compiled and not self._flashed:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(CANCEL_SEND_TIMEOUT):
                    await self._disarm(sock)
        if sock is not None:
            await asyncio.shield(sock.close())

    async def _disarm(self, sock: BuilderSocket | None) -> None:
        """Clear the builder's queued update, and wait for it to say so."""
        args = {"configuration": self._configuration}
        if sock is not None and not sock.closed:
            with contextlib.suppress(ConnectionLost):
                await sock.call("firmware/clear_queued_update", **args)
                return
        await self._runner.call_fresh(None, "firmware/clear_queued_update", **args)

    # -- submitting, and the connection's one reader ---------------------------------

    async def _submit(self) -> bool:
        try:
            self._sock = await BuilderSocket.async_open(
                self._runner.session, self._runner.spec
            )
        except BuilderError as err:
            if err.reason == NOT_ESPHOME:
                return False  # no /ws: the legacy dashboard
            raise
        # Subscribed first: no lifecycle event of this install is missed.
        self._jobs_stream = await self._sock.send(
            "firmware/follow_jobs", snapshot=False
        )
        install = await self._sock.send(
            "firmware/install", configuration=self._configuration, port=self._port
        )
        # Shielded: a cancel while the builder queues it must still learn the
        # compile's id, so that the compile is cancelled there too.
        task = asyncio.ensure_future(self._next(install, self._runner.idle_timeout))
        try:
            data = await asyncio.shield(task)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(CANCEL_GRACE):
                    if isinstance(job := (await task).get("result"), dict):
                        await self._cancel(str(job.get("job_id")))
            raise
        if data.get("error_code") == UNKNOWN_COMMAND:
            return False
        if "error_code" in data:
            raise CommandFailed(str(data["error_code"]), str(data.get("details") or ""))
        job = data.get("result")
        if not isinstance(job, dict) or "job_id" not in job:
            raise self._runner.error(f"unexpected answer to firmware/install: {job!r}")
        self._compile_id = str(job["job_id"])
        self._since = str(job.get("created_at") or "")
        self._seen[self._compile_id] = {**job, **self._seen.get(self._compile_id, {})}
        return True

    async def _pump(self, idle: float | None) -> dict[str, Any]:
        """Return the next message, after noting what it says of our jobs."""
        sock = self._sock
        assert sock is not None
        data = await self._runner.receive(sock, idle)
        if data.get("message_id") == self._jobs_stream:
            if "event" not in data:
                raise self._runner.error(
                    "the server stopped sending job events: "
                    f"{data.get('error_code') or 'the stream ended'}"
                )
            self._note(data.get("data"))
        return data

    def _note(self, job: Any) -> None:
        """Keep what a ``follow_jobs`` lifecycle event says of our jobs."""
        if isinstance(job, dict) and job.get("configuration") == self._configuration:
            job_id = str(job.get("job_id"))
            self._seen[job_id] = {**self._seen.get(job_id, {}), **job}

    async def _next(self, wanted: str, idle: float | None) -> dict[str, Any]:
        """Return the next message for ``wanted``; note job events meanwhile."""
        while (data := await self._pump(idle)).get("message_id") != wanted:
            pass
        return data

    # -- the upload that flashes the build ----------------------------------------------

    async def _await_upload(self, idle: float | None) -> None:
        while (upload := self._upload()) is None:
            await self._pump(idle)
        self._upload_id = upload

    def _upload(self) -> str | None:
        """Return the builder's upload job that flashes this build, once there is one.

        Not deferred: the compile's own upload (it depends on the compile).
        Deferred: an upload of this configuration queued since the compile that
        depends on nothing, which is what the builder's wake dispatch queues.
        """
        wanted = "" if self.deferred else self._compile_id
        for job_id, job in self._seen.items():
            if (
                job.get("job_type") == "upload"
                and str(job.get("created_at") or "") >= self._since
                and (job.get("depends_on") or "") == wanted
            ):
                return job_id
        return None

    # -- following one builder job ----------------------------------------------------

    async def _follow(self, job_id: str, feed: OutputFeed) -> int:
        """Feed one builder job's output until its result; cancel it if we stop."""
        sock = self._sock
        assert sock is not None
        follow_id = await sock.send("firmware/follow_job", job_id=job_id)
        try:
            while True:
                data = await self._next(follow_id, self._runner.idle_timeout)
                code = follow_exit_code(data, feed)
                if code is not None:
                    return code
        except BaseException:
            await asyncio.shield(self._cancel(job_id))
            raise

    async def _cancel(self, job_id: str) -> None:
        """Cancel a builder job we stop following; best effort and brief."""
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CANCEL_SEND_TIMEOUT):
                await self._runner.call_fresh(
                    self._sock, "firmware/cancel", job_id=job_id
                )
