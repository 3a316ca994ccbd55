"""A small client for an ESPHome Device Builder (or dashboard) server.

Two parts of the server's API are used:

- ``GET /devices``, the REST call Home Assistant's own esphome integration
  makes, to test a builder and to learn which configurations it has;
- the multiplexed ``/ws`` API, to queue a build with a job id the server
  tracks, follow its output, and cancel it on the server. The legacy
  ``/compile`` and ``/upload`` spawn sockets route into the same queue on a
  Device Builder, but closing them does not cancel the build there, so they
  are only the fallback for servers without ``/ws`` (see jobs/remote.py).

Errors carry a translation key in ``reason`` so the config flow can show
them as they are.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from itertools import count
import json
from typing import Any

import aiohttp

# Form-error keys, also used in strings.json.
CANNOT_CONNECT = "cannot_connect"
INVALID_AUTH = "invalid_auth"
NOT_ESPHOME = "not_esphome"

REQUEST_TIMEOUT = 10.0
# WebSocket pings notice a peer that vanished without closing the socket.
HEARTBEAT = 20.0
# The largest ``/devices`` body read; a device list is a few KiB per device.
MAX_DEVICES_BODY = 4 * 1024 * 1024
# A larger body is parsed in a worker thread, away from the event loop.
PARSE_OFF_LOOP = 64 * 1024
# The largest websocket message accepted; a larger one ends the connection.
MAX_MESSAGE_SIZE = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class BuilderSpec:
    """Where a remote builder is and how to log in to it."""

    name: str
    url: str
    username: str = ""
    password: str = ""

    @property
    def base_url(self) -> str:
        """Return the URL without a trailing slash."""
        return self.url.rstrip("/")

    def auth(self) -> aiohttp.BasicAuth | None:
        """Return HTTP basic credentials, when a username is set."""
        if not self.username:
            return None
        return aiohttp.BasicAuth(self.username, self.password)


class BuilderError(Exception):
    """The builder cannot be used; ``reason`` is a translation key."""

    def __init__(self, reason: str, detail: str) -> None:
        """Initialize with a translation key and a human detail."""
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class CommandFailed(Exception):
    """The server answered a ``/ws`` command with an error."""

    def __init__(self, code: str, details: str) -> None:
        """Initialize with the server's error code and text."""
        super().__init__(f"{code}: {details}" if details else code)
        self.code = code
        self.details = details


async def async_close_websocket(ws: aiohttp.ClientWebSocketResponse) -> None:
    """Close a client websocket and leave no heartbeat timer behind.

    aiohttp 3.14 cancels the heartbeat on close, then re-arms it when the
    server's close frame arrives (the reset runs one loop turn later): a timer
    that pings a closed socket ``heartbeat`` seconds on. Let that reset run, then
    cancel it again.
    """
    await ws.close()
    await asyncio.sleep(0)
    if (cancel := getattr(ws, "_cancel_heartbeat", None)) is not None:
        cancel()


class ConnectionLost(Exception):
    """The ``/ws`` connection closed or failed."""


def byte_size(count: int) -> str:
    """Return a byte count for people: ``4 MiB``, ``5242881 bytes``."""
    if count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    if count % 1024 == 0:
        return f"{count // 1024} KiB"
    return f"{count} bytes"


def websocket_failure(
    ws: aiohttp.ClientWebSocketResponse, msg: aiohttp.WSMessage
) -> str:
    """Say why a websocket ended, given the message that ``receive`` returned."""
    if msg.type is aiohttp.WSMsgType.ERROR:
        error = msg.data
        if (
            isinstance(error, aiohttp.WebSocketError)
            and error.code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        ):
            return (
                "the server sent a message larger than the "
                f"{byte_size(MAX_MESSAGE_SIZE)} limit ({error})"
            )
        return str(error or ws.exception() or "connection error")
    code = ws.close_code
    return "the connection was closed" + (f" (code {code})" if code else "")


def _parse_json(body: bytes, charset: str) -> Any:
    """Decode and parse a JSON body; raise ValueError when it is not JSON."""
    try:
        text = body.decode(charset, "replace")
    except LookupError:
        text = body.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except RecursionError as err:
        raise ValueError("JSON nested too deeply") from err


async def _read_capped(resp: aiohttp.ClientResponse, url: str, limit: int) -> bytes:
    """Read a response body of at most ``limit`` bytes; raise BuilderError."""
    declared = resp.content_length
    if declared is not None and declared > limit:
        raise BuilderError(
            NOT_ESPHOME,
            f"{url} answered with {declared} bytes, more than the {byte_size(limit)} "
            "an ESPHome device list may take",
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_any():
        size += len(chunk)
        if size > limit:
            raise BuilderError(
                NOT_ESPHOME,
                f"{url} answered with more than {byte_size(limit)} "
                f"({size} bytes read so far), more than an ESPHome device list may take",
            )
        chunks.append(chunk)
    return b"".join(chunks)


async def async_get_devices(
    session: aiohttp.ClientSession,
    spec: BuilderSpec,
    timeout: float = REQUEST_TIMEOUT,
) -> list[dict[str, Any]]:
    """Return the builder's configured devices; raise BuilderError."""
    url = f"{spec.base_url}/devices"
    try:
        async with (
            asyncio.timeout(timeout),
            session.get(url, auth=spec.auth(), allow_redirects=False) as resp,
        ):
            if resp.status == 401:
                raise BuilderError(INVALID_AUTH, f"{url} refused the credentials")
            if resp.status != 200:
                raise BuilderError(NOT_ESPHOME, f"{url} answered HTTP {resp.status}")
            body = await _read_capped(resp, url, MAX_DEVICES_BODY)
            charset = resp.charset or "utf-8"
    except TimeoutError as err:
        raise BuilderError(CANNOT_CONNECT, f"{url} did not answer in time") from err
    except (aiohttp.ClientError, ValueError) as err:
        raise BuilderError(CANNOT_CONNECT, f"{url}: {err}") from err
    try:
        if len(body) > PARSE_OFF_LOOP:
            data = await asyncio.get_running_loop().run_in_executor(
                None, _parse_json, body, charset
            )
        else:
            data = _parse_json(body, charset)
    except ValueError:
        data = None
    configured = data.get("configured") if isinstance(data, dict) else None
    if not isinstance(configured, list):
        raise BuilderError(NOT_ESPHOME, f"{url} is not an ESPHome device list")
    return [d for d in configured if isinstance(d, dict) and "configuration" in d]


class BuilderSocket:
    """One authenticated ``/ws`` connection to a Device Builder."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, name: str) -> None:
        """Wrap an open WebSocket; use ``async_open``."""
        self._ws = ws
        self._name = name
        self._ids = count(1)

    @classmethod
    async def async_open(
        cls,
        session: aiohttp.ClientSession,
        spec: BuilderSpec,
        timeout: float = REQUEST_TIMEOUT,
    ) -> BuilderSocket:
        """Connect and log in; raise BuilderError."""
        url = f"{spec.base_url}/ws"
        try:
            async with asyncio.timeout(timeout):
                ws = await session.ws_connect(
                    url, heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE_SIZE
                )
        except TimeoutError as err:
            raise BuilderError(CANNOT_CONNECT, f"{url} did not answer in time") from err
        except aiohttp.WSServerHandshakeError as err:
            reason = INVALID_AUTH if err.status == 401 else NOT_ESPHOME
            raise BuilderError(reason, f"{url} answered HTTP {err.status}") from err
        except (aiohttp.ClientError, ValueError) as err:
            raise BuilderError(CANNOT_CONNECT, f"{url}: {err}") from err
        sock = cls(ws, spec.name)
        try:
            async with asyncio.timeout(timeout):
                await sock._handshake(spec, url)
        except TimeoutError as err:
            await sock.close()
            raise BuilderError(CANNOT_CONNECT, f"{url} did not log in in time") from err
        except ConnectionLost as err:
            await sock.close()
            raise BuilderError(CANNOT_CONNECT, f"{url}: {err}") from err
        except BaseException:
            await sock.close()
            raise
        return sock

    async def _handshake(self, spec: BuilderSpec, url: str) -> None:
        info = await self.receive()
        if "server_version" not in info:
            raise BuilderError(NOT_ESPHOME, f"{url} is not a Device Builder")
        if info.get("requires_auth"):
            await self._login(spec)

    async def _login(self, spec: BuilderSpec) -> None:
        try:
            await self.call(
                "auth/login", username=spec.username, password=spec.password
            )
        except CommandFailed as err:
            raise BuilderError(INVALID_AUTH, err.details or err.code) from err

    @property
    def closed(self) -> bool:
        """Return True once the connection is closed."""
        return self._ws.closed

    async def send(self, command: str, **args: Any) -> str:
        """Send a command; return its message id."""
        message_id = str(next(self._ids))
        try:
            await self._ws.send_json(
                {"command": command, "message_id": message_id, "args": args}
            )
        except (aiohttp.ClientError, ConnectionError, RuntimeError) as err:
            raise ConnectionLost(str(err) or type(err).__name__) from err
        return message_id

    async def receive(self) -> dict[str, Any]:
        """Return the next message; raise ConnectionLost when the socket ends."""
        msg = await self._ws.receive()
        if msg.type in (aiohttp.WSMsgType.TEXT, aiohttp.WSMsgType.BINARY):
            try:
                data = json.loads(msg.data)
            except (ValueError, RecursionError) as err:
                raise ConnectionLost("the server sent a malformed message") from err
            if not isinstance(data, dict):
                raise ConnectionLost("the server sent a malformed message")
            return data
        raise ConnectionLost(websocket_failure(self._ws, msg))

    async def call(self, command: str, **args: Any) -> Any:
        """Send a command and return its result; other messages are dropped."""
        message_id = await self.send(command, **args)
        while True:
            data = await self.receive()
            if data.get("message_id") != message_id:
                continue
            if "error_code" in data:
                raise CommandFailed(
                    str(data["error_code"]), str(data.get("details") or "")
                )
            if "event" not in data:
                return data.get("result")

    async def close(self) -> None:
        """Close the connection."""
        await async_close_websocket(self._ws)
