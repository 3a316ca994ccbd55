"""Runs ESPHome on a remote ESPHome Device Builder server.

The engine hands over ESPHome CLI arguments, as it does to the local runner.
They map onto the server's ``/ws`` commands:

    compile -> firmware/compile    upload -> firmware/upload
    clean   -> firmware/clean      (queued jobs: followed with firmware/follow_job)
    config  -> devices/validate    logs   -> devices/logs   (streams of their own)

A queued job has an id on the server, so a cancel here cancels it there
(``firmware/cancel``) and the server lists it cancelled, not still running.
Servers without ``/ws`` (the legacy dashboard) get the ``{"type": "spawn"}``
request on ``/compile``, ``/upload``, ``/validate``, ``/clean`` or ``/logs``;
there, closing the socket ends the process.

Output bytes go to the same feed as local output, so the caps, verdicts,
``\\r`` handling and progress apply unchanged. A lost connection, or a server
silent for longer than the idle timeout, raises RunnerError naming the builder.
A log stream has no idle timeout: a device may well log nothing for a while.
A queued job that ends here for any reason but its result is cancelled there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
import contextlib
import json
from typing import TYPE_CHECKING, Any

import aiohttp

from .. import builder_client
from ..builder_client import (
    HEARTBEAT,
    NOT_ESPHOME,
    BuilderError,
    BuilderSocket,
    BuilderSpec,
    CommandFailed,
    ConnectionLost,
    async_close_websocket,
    websocket_failure,
)
from .remote_install import RemoteInstall
from .remote_messages import (
    CANCEL_GRACE,
    CANCEL_SEND_TIMEOUT,
    RemoteCancelled,
    exit_code,
    feed_line,
    feed_raw,
    follow_exit_code,
)
from .runner import BuilderInstall, OutputFeed, Runner, RunnerError

if TYPE_CHECKING:
    from .job import Job

DEFAULT_IDLE_TIMEOUT = 300.0
# Actions that stream until stopped, and may be silent for any time.
_UNTIMED = frozenset({"logs"})

_QUEUED = {
    "compile": "firmware/compile",
    "upload": "firmware/upload",
    "clean": "firmware/clean",
}
_STREAMED = {"config": "devices/validate", "logs": "devices/logs"}
_SPAWN_PATHS = {
    "compile": "compile",
    "upload": "upload",
    "config": "validate",
    "clean": "clean",
    "logs": "logs",
}


def _device(args: list[str]) -> str:
    if "--device" in args:
        index = args.index("--device")
        if index + 1 < len(args):
            return args[index + 1]
    return "OTA"


class RemoteRunner(Runner):
    """Runs one job's invocations on a remote builder."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        spec: BuilderSpec,
        *,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    ) -> None:
        """Initialize for one job on the builder described by ``spec``."""
        self.builder = spec.name
        self.session = session
        self.spec = spec
        self.idle_timeout = idle_timeout

    def error(self, what: str) -> RunnerError:
        """Return a RunnerError that names the builder."""
        return RunnerError(f"Remote builder {self.spec.name} ({self.spec.url}): {what}")

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Run one invocation on the server; see Runner.run."""
        with self.errors():
            return await self._run(args, feed)

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """Turn what the server or the connection did into a RunnerError."""
        try:
            yield
        except BuilderError as err:
            raise self.error(err.detail) from err
        except (ConnectionLost, RemoteCancelled) as err:
            if isinstance(err, RemoteCancelled):
                raise self.error("the job was cancelled on the server") from err
            raise self.error(f"lost the connection: {err}") from err
        except CommandFailed as err:
            raise self.error(f"the server refused the job: {err}") from err

    def builder_install(self, job: Job) -> BuilderInstall | None:
        """Return the builder's own install (feature-detected when submitted)."""
        return RemoteInstall(self, job.configuration, job.device or "OTA")

    async def _run(self, args: list[str], feed: OutputFeed) -> int:
        action, configuration = args[0], args[1]
        try:
            sock = await BuilderSocket.async_open(self.session, self.spec)
        except BuilderError as err:
            if err.reason != NOT_ESPHOME:
                raise
            # No /ws: a legacy dashboard, which offers the spawn sockets.
            return await self._run_spawn(action, configuration, _device(args), feed)
        try:
            if action in _STREAMED:
                stream_args: dict[str, Any] = {"configuration": configuration}
                if action == "logs":
                    stream_args["port"] = _device(args)
                return await self._stream(
                    sock, _STREAMED[action], stream_args, feed, self._idle_for(action)
                )
            if action not in _QUEUED:
                raise self.error(f"ESPHome {action!r} is not offered remotely")
            submit_args: dict[str, Any] = {"configuration": configuration}
            if action == "upload":
                submit_args["port"] = _device(args)
            if action == "compile":
                # Build on this server, not on a peer it may offload to.
                submit_args["force_local"] = True
            return await self._run_queued(sock, _QUEUED[action], submit_args, feed)
        finally:
            await asyncio.shield(sock.close())

    def _idle_for(self, action: str) -> float | None:
        """Return how long ``action`` may stay silent (None: for ever)."""
        return None if action in _UNTIMED else self.idle_timeout

    async def receive(self, sock: BuilderSocket, idle: float | None) -> dict[str, Any]:
        """Return the next message; give up after ``idle`` seconds (None: never)."""
        try:
            async with asyncio.timeout(idle):
                return await sock.receive()
        except TimeoutError:
            raise self._idle_error(idle) from None

    def _idle_error(self, idle: float | None) -> RunnerError:
        return self.error(f"no message for {idle or 0:g} s; giving up on the job")

    async def _run_queued(
        self,
        sock: BuilderSocket,
        command: str,
        args: dict[str, Any],
        feed: OutputFeed,
    ) -> int:
        # Shielded: a cancel while the server queues the job must still learn
        # its id, so that the job is cancelled there too.
        submit = asyncio.ensure_future(sock.call(command, **args))
        try:
            job = await asyncio.shield(submit)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(CANCEL_GRACE):
                    job = await submit
                    await asyncio.shield(self._cancel_remote(sock, job["job_id"], None))
            raise
        if not isinstance(job, dict) or "job_id" not in job:
            raise self.error(f"unexpected answer to {command}: {job!r}")
        job_id = str(job["job_id"])
        follow_id: str | None = None
        try:
            follow_id = await sock.send("firmware/follow_job", job_id=job_id)
            return await self._follow(sock, follow_id, feed)
        except asyncio.CancelledError:
            await asyncio.shield(self._cancel_remote(sock, job_id, follow_id))
            raise
        except RemoteCancelled:
            raise
        except BaseException:
            # Given up on (idle, a bad message, a bug of ours): do not leave
            # the server building it. Best effort and brief: a frozen server
            # reads the request when it wakes up; a lost one never will.
            await asyncio.shield(self._send_cancel(sock, job_id))
            raise

    async def _follow(
        self, sock: BuilderSocket, follow_id: str, feed: OutputFeed
    ) -> int:
        """Feed a queued job's output until its result; return its exit code."""
        while True:
            data = await self.receive(sock, self.idle_timeout)
            if data.get("message_id") != follow_id:
                continue
            code = follow_exit_code(data, feed)
            if code is not None:
                return code

    async def _send_cancel(self, sock: BuilderSocket, job_id: str) -> None:
        """Ask the server to cancel a job; best effort, within a short time."""
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CANCEL_SEND_TIMEOUT):
                await self.call_fresh(sock, "firmware/cancel", job_id=job_id)

    async def call_fresh(
        self, sock: BuilderSocket | None, command: str, **args: Any
    ) -> None:
        """Send on ``sock`` while it is open, else call on a new connection."""
        if sock is not None and not sock.closed:
            with contextlib.suppress(ConnectionLost):
                await sock.send(command, **args)
                return
        fresh = await BuilderSocket.async_open(self.session, self.spec)
        try:
            await fresh.call(command, **args)
        finally:
            await asyncio.shield(fresh.close())

    async def _cancel_remote(
        self, sock: BuilderSocket, job_id: str, follow_id: str | None
    ) -> None:
        """Cancel the job on the server and wait briefly for it to confirm."""
        with contextlib.suppress(ConnectionLost, TimeoutError):
            await sock.send("firmware/cancel", job_id=job_id)
            if follow_id is None:
                follow_id = await sock.send("firmware/follow_job", job_id=job_id)
            async with asyncio.timeout(CANCEL_GRACE):
                while True:
                    data = await sock.receive()
                    if data.get("message_id") == follow_id and (
                        data.get("event") == "result" or "event" not in data
                    ):
                        return

    async def _stream(
        self,
        sock: BuilderSocket,
        command: str,
        args: dict[str, Any],
        feed: OutputFeed,
        idle: float | None,
    ) -> int:
        # Cancelling just closes the socket: the server ends the stream's
        # process when its client goes away.
        message_id = await sock.send(command, **args)
        code: int | None = None
        while True:
            data = await self.receive(sock, idle)
            if data.get("message_id") != message_id:
                continue
            if "error_code" in data:
                details = str(data.get("details") or data["error_code"])
                feed_line(feed, f"Remote builder {self.spec.name}: {details}")
                return 1 if code is None else code
            event = data.get("event")
            if event == "output":
                feed_line(feed, data.get("data"))
            elif event == "result":
                result = data.get("data")
                if not isinstance(result, dict):
                    result = {}
                success = 0 if result.get("success") else 1
                code = exit_code(result.get("code", success))
            elif event is None:
                # The command's own result: the stream is over.
                return 1 if code is None else code

    async def _run_spawn(
        self,
        action: str,
        configuration: str,
        device: str,
        feed: OutputFeed,
    ) -> int:
        path = _SPAWN_PATHS.get(action)
        if path is None:
            raise self.error(f"ESPHome {action!r} is not offered remotely")
        url = f"{self.spec.base_url}/{path}"
        idle = self._idle_for(action)
        request: dict[str, Any] = {"type": "spawn", "configuration": configuration}
        if action in ("upload", "logs"):
            request["port"] = device
        try:
            async with self.session.ws_connect(
                url,
                auth=self.spec.auth(),
                heartbeat=HEARTBEAT,
                max_msg_size=builder_client.MAX_MESSAGE_SIZE,
            ) as ws:
                try:
                    await ws.send_json(request)
                    return await self._follow_spawn(ws, idle, feed)
                finally:
                    await asyncio.shield(async_close_websocket(ws))
        except aiohttp.WSServerHandshakeError as err:
            raise self.error(f"{url} answered HTTP {err.status}") from err
        except aiohttp.ClientError as err:
            raise ConnectionLost(str(err)) from err

    async def _follow_spawn(
        self, ws: aiohttp.ClientWebSocketResponse, idle: float | None, feed: OutputFeed
    ) -> int:
        """Feed a spawn socket's lines until its exit event; return the code."""
        while True:
            try:
                async with asyncio.timeout(idle):
                    msg = await ws.receive()
            except TimeoutError:
                raise self._idle_error(idle) from None
            if msg.type is not aiohttp.WSMsgType.TEXT:
                raise ConnectionLost(websocket_failure(ws, msg))
            try:
                data = json.loads(msg.data)
            except (ValueError, RecursionError):
                continue
            if not isinstance(data, dict):
                continue
            if data.get("event") == "line":
                feed_raw(feed, data.get("data"))
            elif data.get("event") == "exit":
                return exit_code(data.get("code", 1))
