"""The batch commands and batch messages over a real websocket, fake ESPHome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.fleet import UNKNOWN_TO_HA
from custom_components.esphome_builder.pending import MAX_PENDING
from custom_components.esphome_builder.runtime import BuilderRuntime
from tests.conftest import make_entry, setup_entry

Msg = dict[str, Any]


@pytest.fixture
async def entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> MockConfigEntry:
    return await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2)
    )


@pytest.fixture
def runtime(entry: MockConfigEntry) -> BuilderRuntime:
    rt: BuilderRuntime = entry.runtime_data
    return rt


async def _call(client: MockHAClientWebSocket, command: str, **data: Any) -> Msg:
    message = {"type": f"{DOMAIN}/{command}", **data}
    await client.send_json_auto_id(message)
    while True:
        reply: Msg = await asyncio.wait_for(client.receive_json(), 15)
        if reply["id"] == message["id"] and reply["type"] == "result":
            return reply


async def _ok(client: MockHAClientWebSocket, command: str, **data: Any) -> Any:
    reply = await _call(client, command, **data)
    assert reply["success"], reply
    return reply["result"]


async def test_preview_start_get_list_and_the_stream(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    write_config: Callable[..., str],
) -> None:
    write_config("a.yaml", fake="exit 0")
    write_config("b.yaml", fake="exit 3")
    await runtime.catalog.async_refresh()
    client = await hass_ws_client(hass)
    stream = await hass_ws_client(hass)
    assert await _ok(stream, "subscribe_events") is None
    initial = (await stream.receive_json())["event"]
    assert initial["type"] == "initial_state"
    assert initial["batches"] == []

    preview = await _ok(client, "batches/preview", action="install", all=True)
    assert preview == {
        "action": "install",
        "canary": 0,
        "run": [],
        "skipped": [
            {"configuration": "a.yaml", "reason": UNKNOWN_TO_HA},
            {"configuration": "b.yaml", "reason": UNKNOWN_TO_HA},
        ],
    }
    assert runtime.batches.batches() == []  # a preview starts nothing
    preview = await _ok(client, "batches/preview", action="validate", all=True)
    assert [item["configuration"] for item in preview["run"]] == ["a.yaml", "b.yaml"]

    started = await _ok(client, "batches/start", action="validate", all=True)
    batch_id = started["batch_id"]
    await runtime.batches.async_wait(batch_id)

    got = (await _ok(client, "batches/get", batch_id=batch_id))["batch"]
    assert got["status"] == "completed"
    assert got["counts"]["failed"] == 1
    assert {i["configuration"]: i["status"] for i in got["items"]} == {
        "a.yaml": "completed",
        "b.yaml": "failed",
    }
    listed = (await _ok(client, "batches/list"))["batches"]
    assert [b["batch_id"] for b in listed] == [batch_id]
    jobs = (await _ok(client, "jobs/list"))["jobs"]
    assert {job["batch_id"] for job in jobs} == {batch_id}

    kinds: list[str] = []
    while "batch_completed" not in kinds:
        event = (await asyncio.wait_for(stream.receive_json(), 10))["event"]
        if event["type"].startswith("batch_"):
            kinds.append(event["type"])
            assert event["batch"]["batch_id"] == batch_id
            assert ("items" in event["batch"]) is (event["type"] != "batch_progress")
    assert kinds[0] == "batch_started"
    assert kinds[-1] == "batch_completed"


async def test_cancel_and_unknown_and_bad_input(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    write_config: Callable[..., str],
    no_leftover_processes: None,
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write_config(name, fake="sleep 60")
    await runtime.catalog.async_refresh()
    client = await hass_ws_client(hass)
    batch_id = (await _ok(client, "batches/start", action="compile", all=True))[
        "batch_id"
    ]

    cancelled = (await _ok(client, "batches/cancel", batch_id=batch_id))["batch"]

    assert cancelled["status"] == "cancelled"
    assert {i["status"] for i in cancelled["items"]} == {"cancelled"}
    assert not runtime.manager.active_jobs()
    for command, data, code in (
        ("batches/get", {"batch_id": "nope"}, "not_found"),
        ("batches/cancel", {"batch_id": "nope"}, "not_found"),
        ("batches/start", {"action": "compile"}, "invalid_format"),
        ("batches/start", {"action": "logs", "all": True}, "invalid_format"),
        ("batches/start", {"all": True}, "invalid_format"),
        (
            "batches/start",
            {"action": "compile", "configurations": ["/etc/x.yaml"]},
            "invalid_format",
        ),
        (
            "batches/preview",
            {"action": "compile", "max_failures": 0, "all": True},
            "invalid_format",
        ),
    ):
        reply = await _call(client, command, **data)
        assert not reply["success"], (command, data)
        assert reply["error"]["code"] == code, (command, data, reply)
        assert reply["error"]["message"]


async def test_non_admin_is_refused(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
    write_config: Callable[..., str],
) -> None:
    write_config("a.yaml", fake="exit 0")
    await runtime.catalog.async_refresh()
    user = await hass_ws_client(hass, hass_read_only_access_token)
    for command, data in (
        ("batches/start", {"action": "compile", "all": True}),
        ("batches/preview", {"action": "compile", "all": True}),
        ("batches/list", {}),
        ("batches/get", {"batch_id": "x"}),
        ("batches/cancel", {"batch_id": "x"}),
    ):
        reply = await _call(user, command, **data)
        assert reply["error"]["code"] == "unauthorized", command
    assert runtime.batches.batches() == []


async def test_a_hundred_job_batch_never_forces_a_resync(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    write_config: Callable[..., str],
) -> None:
    count = 100
    for i in range(count):
        write_config(f"n{i:03}.yaml", fake="exit 0")
    await runtime.catalog.async_refresh()
    stream = await hass_ws_client(hass)
    assert await _ok(stream, "subscribe_events") is None
    await stream.receive_json()  # initial_state

    batch_id = (await _ok(stream, "batches/start", action="validate", all=True))[
        "batch_id"
    ]
    # Read nothing until it ends: everything waits in the stream's buffer.
    batch = await runtime.batches.async_wait(batch_id)
    assert batch.counts()["completed"] == count

    kinds: list[str] = []
    while "batch_completed" not in kinds:
        message = await asyncio.wait_for(stream.receive_json(), 10)
        kinds.append(message["event"]["type"])
    assert "resync_required" not in kinds
    # A window of jobs at a time: job events stay far below the buffer bound.
    assert len(kinds) < MAX_PENDING * 2
    assert kinds.count("job_completed") == count
