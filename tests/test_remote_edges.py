"""The remote builder's edges: oversized bodies and messages, hostile output,
silent log streams, and errors that must not leave a job running on the server.

A small Device Builder stand-in (aiohttp on 127.0.0.1) speaks just enough of
the ``/ws`` protocol, and the legacy spawn sockets, for each case.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
import contextlib
import json
from pathlib import Path
import threading
from typing import TYPE_CHECKING, Any, cast

from aiohttp import web
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest

from custom_components.esphome_builder import builder_client
from custom_components.esphome_builder.builder_client import (
    NOT_ESPHOME,
    BuilderError,
    BuilderSpec,
    async_get_devices,
)
from custom_components.esphome_builder.jobs import intake
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.remote import RemoteRunner
from custom_components.esphome_builder.jobs.runner import RunnerError
from custom_components.esphome_builder.jobs.verdicts import last_progress

from .conftest import free_port, setup_entry
from .test_remote_builder import remote_entry

if TYPE_CHECKING:
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from .remote_server import BuilderServer

JOB_ID = "job-42"
CONFIG = "dev.yaml"
# A progress line whose digit run int() refuses (more than 4300 digits).
HUGE_NINJA = "[" + "1" * 4301 + "/1] CXX nonsense"


class Sender:
    """Sends the events of one command's stream."""

    def __init__(self, ws: web.WebSocketResponse, message_id: str) -> None:
        self.ws = ws
        self.message_id = message_id

    async def output(self, line: str) -> None:
        await self.event("output", line)

    async def event(self, event: str, data: Any) -> None:
        await self.ws.send_json(
            {"message_id": self.message_id, "event": event, "data": data}
        )

    async def done(self, result: Any = None) -> None:
        await self.ws.send_json({"message_id": self.message_id, "result": result})


Script = Callable[[Sender], Coroutine[Any, Any, None]]
SpawnScript = Callable[[web.WebSocketResponse], Coroutine[Any, Any, None]]


async def _forever(_: Any) -> None:
    await asyncio.Event().wait()


class FakeBuilder:
    """Just enough of an ESPHome Device Builder for one test."""

    username = ""
    password = ""

    def __init__(self) -> None:
        """Initialize; set the scripts and bodies before use."""
        self.port = free_port()
        self.devices_body = json.dumps(
            {"configured": [{"configuration": CONFIG, "name": "dev"}]}
        ).encode()
        self.chunked = False
        # Without /ws, a client falls back to the spawn sockets.
        self.has_ws = True
        self.follow: Script = _forever
        self.stream: Script = _forever
        self.spawn: SpawnScript = _forever
        self.commands: list[dict[str, Any]] = []
        self.cancelled: list[Any] = []
        self.cancel_arrived = asyncio.Event()

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self.port}"

    def app(self) -> web.Application:
        """Return the web application."""
        app = web.Application()
        app.router.add_get("/devices", self._devices)
        app.router.add_get("/ws", self._ws)
        for path in ("compile", "upload", "validate", "clean", "logs"):
            app.router.add_get(f"/{path}", self._spawn)
        return app

    async def _devices(self, request: web.Request) -> web.StreamResponse:
        if not self.chunked:
            return web.Response(body=self.devices_body, content_type="application/json")
        resp = web.StreamResponse(headers={"Content-Type": "application/json"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for start in range(0, len(self.devices_body), 256 * 1024):
            await resp.write(self.devices_body[start : start + 256 * 1024])
        await resp.write_eof()
        return resp

    async def _ws(self, request: web.Request) -> web.StreamResponse:
        if not self.has_ws:
            raise web.HTTPNotFound
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"server_version": "fake", "requires_auth": False})
        tasks: set[asyncio.Task[None]] = set()
        try:
            async for msg in ws:
                data = json.loads(msg.data)
                self.commands.append(data)
                command, message_id = data["command"], data["message_id"]
                args = data.get("args") or {}
                if command in ("firmware/compile", "firmware/upload", "firmware/clean"):
                    await ws.send_json(
                        {"message_id": message_id, "result": {"job_id": JOB_ID}}
                    )
                elif command == "firmware/follow_job":
                    tasks.add(asyncio.create_task(self.follow(Sender(ws, message_id))))
                elif command == "firmware/cancel":
                    self.cancelled.append(args.get("job_id"))
                    self.cancel_arrived.set()
                    await ws.send_json({"message_id": message_id, "result": None})
                elif command in ("devices/logs", "devices/validate"):
                    tasks.add(asyncio.create_task(self.stream(Sender(ws, message_id))))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        return ws

    async def _spawn(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        request_msg = await ws.receive_json()
        self.commands.append(request_msg)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.spawn(ws)
        await ws.close()
        return ws


@contextlib.asynccontextmanager
async def serve(fake: FakeBuilder) -> AsyncIterator[FakeBuilder]:
    """Run the stand-in on 127.0.0.1 for the duration of the block."""
    runner = web.AppRunner(fake.app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", fake.port).start()
    try:
        yield fake
    finally:
        await runner.cleanup()


def make_runner(
    hass: HomeAssistant, fake: FakeBuilder, idle_timeout: float = 60
) -> RemoteRunner:
    """A runner for the stand-in."""
    return RemoteRunner(
        async_get_clientsession(hass),
        BuilderSpec("fake", fake.url),
        idle_timeout=idle_timeout,
    )


def fake_entry(configs_dir: Path, fake: FakeBuilder) -> MockConfigEntry:
    """An entry that builds on the stand-in only (it has url and credentials)."""
    return remote_entry(configs_dir, {"fake": cast("BuilderServer", fake)})


def ignore(_: bytes) -> None:
    """An output feed that drops everything."""


def devices_json(size: int) -> bytes:
    """A valid device list of at least ``size`` bytes."""
    filler = "x" * 1000
    count = size // 1050 + 1
    devices = [
        {"configuration": f"dev{i}.yaml", "name": f"dev{i}", "comment": filler}
        for i in range(count)
    ]
    return json.dumps({"configured": devices}).encode()


# -- 1. /devices bodies -------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True], ids=["sized", "chunked"])
async def test_devices_body_over_the_cap_is_refused(
    hass: HomeAssistant, chunked: bool
) -> None:
    """A 5 MiB device list is refused, naming the size, read or announced."""
    fake = FakeBuilder()
    fake.devices_body = devices_json(5 * 1024 * 1024)
    fake.chunked = chunked
    async with serve(fake):
        with pytest.raises(BuilderError) as err:
            await async_get_devices(
                async_get_clientsession(hass), BuilderSpec("fake", fake.url)
            )
    assert err.value.reason == NOT_ESPHOME
    assert "4 MiB" in err.value.detail
    assert fake.url in err.value.detail
    if not chunked:
        assert str(len(fake.devices_body)) in err.value.detail


async def test_large_devices_body_is_parsed_off_the_event_loop(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 64 KiB the JSON is parsed in a worker thread; small ones inline."""
    parsed_in: list[threading.Thread] = []
    parse = builder_client._parse_json

    def spy(*args: Any) -> Any:
        parsed_in.append(threading.current_thread())
        return parse(*args)

    monkeypatch.setattr(builder_client, "_parse_json", spy)
    fake = FakeBuilder()
    session = async_get_clientsession(hass)
    async with serve(fake):
        fake.devices_body = devices_json(200 * 1024)
        devices = await async_get_devices(session, BuilderSpec("fake", fake.url))
        assert len(devices) > 190
        assert parsed_in[-1] is not threading.current_thread()

        fake.devices_body = devices_json(1024)
        devices = await async_get_devices(session, BuilderSpec("fake", fake.url))
        assert [d["configuration"] for d in devices] == ["dev0.yaml"]
        assert parsed_in[-1] is threading.current_thread()


async def test_devices_body_nested_too_deeply_is_not_esphome(
    hass: HomeAssistant,
) -> None:
    """JSON that would exhaust the parser's recursion is just not a device list."""
    fake = FakeBuilder()
    fake.devices_body = b"[" * 200_000
    async with serve(fake):
        with pytest.raises(BuilderError) as err:
            await async_get_devices(
                async_get_clientsession(hass), BuilderSpec("fake", fake.url)
            )
    assert err.value.reason == NOT_ESPHOME


# -- 2. websocket message size -------------------------------------------------


async def test_oversize_ws_message_fails_the_job_and_cancels_it(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    """A message over 4 MiB fails the job, saying so; the server job is cancelled."""
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output("Compiling...")
        await send.output("x" * (4 * 1024 * 1024 + 1))
        await _forever(None)

    fake.follow = follow
    async with serve(fake):
        entry = await setup_entry(hass, fake_entry(configs_dir, fake))
        manager = entry.runtime_data.manager
        job = await manager.async_start_job("compile", CONFIG)
        await manager.async_wait(job.job_id)
        assert job.status is JobStatus.FAILED
        assert "larger than the 4 MiB limit" in (job.error or ""), job.error
        assert "fake" in (job.error or "")
        # Our side closed that connection; the cancel went on a new one.
        assert fake.cancelled == [JOB_ID]


async def test_ws_message_size_limit_is_set_on_every_connection(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The /ws and the legacy spawn sockets both enforce the module's limit."""
    monkeypatch.setattr(builder_client, "MAX_MESSAGE_SIZE", 64 * 1024)
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output("y" * (100 * 1024))
        await send.event("result", {"status": "completed", "exit_code": 0})

    async def spawn(ws: web.WebSocketResponse) -> None:
        await ws.send_json({"event": "line", "data": "z" * (100 * 1024)})
        await ws.send_json({"event": "exit", "code": 0})

    fake.follow, fake.spawn = follow, spawn
    async with serve(fake):
        with pytest.raises(RunnerError, match="larger than the 64 KiB limit"):
            await make_runner(hass, fake).run(["compile", CONFIG], ignore)
        assert fake.cancelled == [JOB_ID]

        fake.has_ws = False
        with pytest.raises(RunnerError, match="larger than the 64 KiB limit"):
            await make_runner(hass, fake).run(["compile", CONFIG], ignore)
        assert fake.commands[-1]["type"] == "spawn"


# -- 3. no idle timeout for log streams ---------------------------------------


@pytest.mark.parametrize("legacy", [False, True], ids=["ws", "spawn"])
async def test_quiet_log_stream_is_not_given_up(
    hass: HomeAssistant, legacy: bool
) -> None:
    """A device silent for longer than the idle timeout keeps its log stream."""
    fake = FakeBuilder()
    fake.has_ws = not legacy
    silent = asyncio.Event()
    release = asyncio.Event()

    async def stream(send: Sender) -> None:
        await send.output("first")
        silent.set()
        await release.wait()
        await send.output("second")
        await send.event("result", {"success": True, "code": 0})
        await send.done()

    async def spawn(ws: web.WebSocketResponse) -> None:
        await ws.send_json({"event": "line", "data": "first\n"})
        silent.set()
        await release.wait()
        await ws.send_json({"event": "line", "data": "second\n"})
        await ws.send_json({"event": "exit", "code": 0})

    fake.stream, fake.spawn = stream, spawn
    chunks: list[bytes] = []
    async with serve(fake):
        runner = make_runner(hass, fake, idle_timeout=0.2)
        task = asyncio.ensure_future(
            runner.run(["logs", CONFIG, "--device", "OTA"], chunks.append)
        )
        try:
            async with asyncio.timeout(10):
                await silent.wait()
            # Many idle timeouts pass without a message.
            await asyncio.sleep(1.0)
        finally:
            release.set()
        # Given up on, it would raise "no message for 0.2 s".
        assert await task == 0
    assert b"".join(chunks).decode().split() == ["first", "second"]


async def test_quiet_compile_is_still_given_up(hass: HomeAssistant) -> None:
    """Other actions keep the idle timeout, and the server job is cancelled."""
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output("compiling")
        await _forever(None)

    fake.follow = follow
    async with serve(fake):
        runner = make_runner(hass, fake, idle_timeout=0.2)
        with pytest.raises(RunnerError, match=r"no message for 0\.2 s"):
            await runner.run(["compile", CONFIG], ignore)
        async with asyncio.timeout(10):
            await fake.cancel_arrived.wait()
    assert fake.cancelled == [JOB_ID]


# -- 4. untrusted digits --------------------------------------------------------


def test_progress_ignores_huge_digit_runs() -> None:
    """Digit runs int() refuses are not progress, and raise nothing."""
    assert last_progress(HUGE_NINJA) is None
    assert last_progress("[1/" + "9" * 5000 + "] CXX") is None
    assert last_progress("Uploading: [====] (" + "4" * 5000 + "%)") is None
    assert last_progress("Uploading: [====] 45." + "5" * 5000 + "%") is None
    # The ordinary forms still count.
    assert last_progress(f"{HUGE_NINJA}\n[3/4] CXX") == 75
    assert last_progress("\x1b[32m[12/51] CXX obj") == 23
    assert last_progress("Writing at 0x00010000... (45 %)") == 45
    assert last_progress("Uploading: [=====     ] 50%") == 50


async def test_huge_progress_line_does_not_break_a_remote_job(
    hass: HomeAssistant, configs_dir: Path
) -> None:
    """The line is kept as output; the job completes; nothing is cancelled."""
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output(HUGE_NINJA)
        await send.output("[1/2] CXX fine")
        await send.event("result", {"status": "completed", "exit_code": 0})

    fake.follow = follow
    async with serve(fake):
        entry = await setup_entry(hass, fake_entry(configs_dir, fake))
        manager = entry.runtime_data.manager
        job = await manager.async_start_job("compile", CONFIG)
        await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, job.error
    assert HUGE_NINJA in job.output()
    assert fake.cancelled == []


@pytest.mark.parametrize("code", ["3", 10**30, 2.5, True, None, [1]], ids=repr)
async def test_stream_exit_codes_from_the_server_are_checked(
    hass: HomeAssistant, code: Any
) -> None:
    """An exit code that is not a sane int is a plain failure (1)."""
    fake = FakeBuilder()

    async def stream(send: Sender) -> None:
        await send.event("result", {"success": False, "code": code})
        await send.done()

    async def spawn(ws: web.WebSocketResponse) -> None:
        # Not objects: skipped.
        await ws.send_str("[1, 2]")
        await ws.send_str('"line"')
        await ws.send_str("[" * 100_000)
        await ws.send_json({"event": "exit", "code": code})

    fake.stream, fake.spawn = stream, spawn
    async with serve(fake):
        assert await make_runner(hass, fake).run(["config", CONFIG], ignore) == 1
        fake.has_ws = False
        assert await make_runner(hass, fake).run(["config", CONFIG], ignore) == 1


async def test_queued_exit_code_out_of_range_is_a_failure(hass: HomeAssistant) -> None:
    """A failed job's exit code beyond a C int is reported as 1."""
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.event("result", {"status": "failed", "exit_code": 10**30})

    fake.follow = follow
    async with serve(fake):
        assert await make_runner(hass, fake).run(["compile", CONFIG], ignore) == 1


# -- 5. any unexpected error cancels the server's job --------------------------


async def test_unexpected_error_cancels_the_job_on_the_server(
    hass: HomeAssistant,
) -> None:
    """An error of ours mid-job is raised as it is, after cancelling there."""
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output("compiling")
        await _forever(None)

    def feed(_: bytes) -> None:
        raise ZeroDivisionError("a bug of ours")

    fake.follow = follow
    async with serve(fake):
        with pytest.raises(ZeroDivisionError):
            await make_runner(hass, fake).run(["compile", CONFIG], feed)
        async with asyncio.timeout(10):
            await fake.cancel_arrived.wait()
    assert fake.cancelled == [JOB_ID]


async def test_internal_error_in_the_engine_cancels_the_remote_job(
    hass: HomeAssistant, configs_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job that fails as an internal error leaves nothing running remotely."""

    def broken(_: str) -> int | None:
        raise ValueError("progress exploded")

    monkeypatch.setattr(intake, "last_progress", broken)
    fake = FakeBuilder()

    async def follow(send: Sender) -> None:
        await send.output("[1/2] CXX")
        await _forever(None)

    fake.follow = follow
    async with serve(fake):
        entry = await setup_entry(hass, fake_entry(configs_dir, fake))
        manager = entry.runtime_data.manager
        job = await manager.async_start_job("compile", CONFIG)
        await manager.async_wait(job.job_id)
        assert job.status is JobStatus.FAILED
        assert "progress exploded" in (job.error or "")
        async with asyncio.timeout(10):
            await fake.cancel_arrived.wait()
    assert fake.cancelled == [JOB_ID]
