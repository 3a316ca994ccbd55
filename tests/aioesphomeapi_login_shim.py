"""TEST-ONLY SHIM. Never import this from custom_components/, never ship it.

Why it exists: HA 2025.4.4's esphome integration pins aioesphomeapi==29.9.0.
Its ReconnectLogic always calls ``finish_connection(login=True)``, which sends a
password ConnectRequest and waits up to 30 s for a ConnectResponse. ESPHome
removed API passwords in 2026.1: a 2026.x device authenticates every client on
the hello and never answers a ConnectRequest, so every connection times out.

The honest fix does not install: aioesphomeapi skips the login without a
password from 36.x on (esphome/aioesphomeapi#1276, #1246), but every release
from 35.0.0 on needs protobuf>=6, and HA 2025.4.4's package_constraints.txt
pins protobuf==5.29.2. Under those constraints uv resolves at most 34.2.1,
which still waits for the reply (checked with `uv pip install --dry-run -c`).

What it changes: while a test has called ``install_login_shim(monkeypatch)``,
``APIClient.finish_connection(login=True)`` with no password does the hello
only, as newer aioesphomeapi does. A client with a password is left alone.
Everything else (the pinned aioesphomeapi, HA's esphome integration, the
device) runs unchanged.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

import pytest

# aioesphomeapi skips the password login from 36.x on; HA 2026.10 pins 46.x.
NEEDS_LOGIN_SHIM = int(metadata.version("aioesphomeapi").split(".")[0]) < 36


def install_login_shim(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the password login when no password is set (test-only)."""
    from aioesphomeapi.client import APIClient

    original = APIClient.finish_connection

    async def finish_connection(self: APIClient, login: bool = False) -> Any:
        if login and not self._params.password:
            login = False
        return await original(self, login=login)

    monkeypatch.setattr(APIClient, "finish_connection", finish_connection)
