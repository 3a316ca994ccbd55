"""The websocket commands over a real websocket, against a real (fake) ESPHome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
import logging
from pathlib import Path
import time
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.esphome_builder import streams
from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.jobs.job import Job, JobStatus
from custom_components.esphome_builder.pending import MAX_PENDING
from custom_components.esphome_builder.runtime import BuilderRuntime

from .conftest import make_entry, own_device, setup_entry

Msg = dict[str, Any]


@pytest.fixture
async def entry(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> MockConfigEntry:
    return await setup_entry(hass, make_entry(fake_esphome, configs_dir))


@pytest.fixture
def runtime(entry: MockConfigEntry) -> BuilderRuntime:
    rt: BuilderRuntime = entry.runtime_data
    return rt


@pytest.fixture
async def client(
    hass: HomeAssistant, entry: MockConfigEntry, hass_ws_client: WebSocketGenerator
) -> MockHAClientWebSocket:
    return await hass_ws_client(hass)


async def _call(client: MockHAClientWebSocket, command: str, **data: Any) -> Msg:
    """Send a command; return its result, passing over other subscriptions' events."""
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


async def _event(client: MockHAClientWebSocket, timeout: float = 15) -> Msg:
    message: Msg = await asyncio.wait_for(client.receive_json(), timeout)
    assert message["type"] == "event", message
    event: Msg = message["event"]
    return event


async def _follow(
    client: MockHAClientWebSocket, job_id: str
) -> tuple[list[Msg], list[float]]:
    """Follow a job to its result; return the events and when each arrived."""
    assert await _ok(client, "jobs/follow", job_id=job_id) is None
    events: list[Msg] = []
    stamps: list[float] = []
    while not events or events[-1]["type"] != "result":
        events.append(await _event(client, 60))
        stamps.append(time.monotonic())
    return events, stamps


def _lines(events: list[Msg]) -> list[str]:
    """The lines a client shows: history, then output, "\\r" lines overwritten."""
    shown: list[str] = []
    transient = False
    for event in events:
        if event["type"] not in ("history", "output"):
            continue
        for line in event["lines"]:
            text = line.removesuffix("\r")
            if transient:
                shown[-1] = text
            else:
                shown.append(text)
            transient = line.endswith("\r")
    return shown


async def _until(check: Callable[[], bool], timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def _listener_counts(hass: HomeAssistant, runtime: BuilderRuntime) -> tuple[int, ...]:
    return (
        sum(hass.bus.async_listeners().values()),
        runtime.manager.listener_count,
        runtime.catalog.listener_count,
    )


def _stream_listener_counts(
    hass: HomeAssistant, runtime: BuilderRuntime
) -> tuple[int, ...]:
    """Like _listener_counts, with only the HA-stop listeners on the bus.

    A burst that takes a while lets HA's own one-shot bus listeners come and
    go; each stream holds exactly one HA-stop listener.
    """
    return (
        hass.bus.async_listeners().get(EVENT_HOMEASSISTANT_STOP, 0),
        runtime.manager.listener_count,
        runtime.catalog.listener_count,
    )


def _counts_are(
    hass: HomeAssistant, runtime: BuilderRuntime, expected: tuple[int, ...]
) -> bool:
    return _listener_counts(hass, runtime) == expected


# -- one-shot commands ------------------------------------------------------------


async def test_devices_list_and_job_commands_answer_over_the_websocket(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
) -> None:
    name = write_config("kitchen.yaml", fake="exit 0")
    await runtime.catalog.async_refresh()
    await hass.async_block_till_done()
    [entry] = hass.config_entries.async_entries(DOMAIN)
    own = own_device(hass, entry, "kitchen.yaml")
    assert own is not None
    assert await _ok(client, "devices/list") == {
        "devices": [
            {
                "configuration": "kitchen.yaml",
                "name": "kitchen",
                "friendly_name": None,
                "platform": "host",
                "error": None,
                "ha_device_id": own.id,
                "online": False,
                "known_to_ha": False,
                "remote": False,
                "builders": [],
            }
        ]
    }
    started = await _ok(client, "jobs/start", action="validate", configuration=name)
    job = await runtime.manager.async_wait(started["job_id"])
    listed = await _ok(client, "jobs/list")
    assert listed == {"jobs": [job.as_dict()]}
    assert "output" not in listed["jobs"][0]
    got = await _ok(client, "jobs/get", job_id=job.job_id)
    assert got["job"]["status"] == "completed"
    assert got["job"]["output"] == ["fake config kitchen.yaml exit"]
    cancelled = await _ok(client, "jobs/cancel", job_id=job.job_id)
    assert cancelled["job"]["status"] == "completed"


@pytest.mark.parametrize(
    ("data", "code", "text"),
    [
        (
            {"action": "compile", "configuration": "../secrets.yaml"},
            "invalid_format",
            "Invalid configuration name ../secrets.yaml",
        ),
        (
            {"action": "compile", "configuration": "missing.yaml"},
            "not_found",
            "No configuration named missing.yaml",
        ),
        (
            {"action": "upload", "configuration": "ok.yaml", "device": "--help"},
            "invalid_format",
            "Invalid device --help",
        ),
        (
            {"action": "explode", "configuration": "ok.yaml"},
            "invalid_format",
            "value must be one of",
        ),
        (
            {"action": "upload", "configuration": "ok.yaml", "device": "ok.local\n"},
            "invalid_format",
            "Invalid device ok.local",
        ),
        (
            {"action": "upload", "configuration": "ok.yaml", "device": "/dev/null"},
            "invalid_format",
            "Invalid device /dev/null",
        ),
        (
            {"action": "install", "configuration": "ok.yaml", "device": "/dev/vda"},
            "invalid_format",
            "Invalid device /dev/vda",
        ),
        (
            {"action": "compile", "configuration": "alias.yaml"},
            "invalid_format",
            "Invalid configuration name alias.yaml",
        ),
        (
            {"action": "compile", "configuration": "ok.yaml\n"},
            "invalid_format",
            "Invalid configuration name ok.yaml",
        ),
    ],
)
async def test_start_refuses_bad_arguments(
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
    configs_dir: Path,
    data: Msg,
    code: str,
    text: str,
) -> None:
    write_config("ok.yaml", fake="exit 0")
    write_config("secrets.yaml", "wifi_password: hunter2\n")
    (configs_dir / "alias.yaml").symlink_to("secrets.yaml")
    reply = await _call(client, "jobs/start", **data)
    assert not reply["success"]
    assert reply["error"]["code"] == code
    assert text in reply["error"]["message"]


@pytest.mark.parametrize("command", ["jobs/get", "jobs/cancel", "jobs/follow"])
async def test_unknown_job_is_not_found(
    client: MockHAClientWebSocket, command: str
) -> None:
    reply = await _call(client, command, job_id="nope")
    assert reply["error"] == {
        "code": "not_found",
        "message": "No job with id nope is known",
        "translation_key": "unknown_job",
        "translation_domain": DOMAIN,
        "translation_placeholders": {"job_id": "nope"},
    }


async def test_commands_answer_clearly_when_not_loaded(
    hass: HomeAssistant, entry: MockConfigEntry, client: MockHAClientWebSocket
) -> None:
    assert await hass.config_entries.async_unload(entry.entry_id)
    for command in ("devices/list", "jobs/list", "subscribe_events"):
        reply = await _call(client, command)
        assert reply["error"]["code"] == "home_assistant_error"
        assert reply["error"]["message"] == (
            "ESPHome Builder is not set up or not loaded"
        )


async def test_non_admin_is_unauthorized_everywhere(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_access_token: str,
    write_config: Callable[..., str],
) -> None:
    name = write_config("ok.yaml", fake="exit 0")
    job = await runtime.manager.async_wait(
        (await runtime.manager.async_start_job("validate", name)).job_id
    )
    user = await hass_ws_client(hass, hass_read_only_access_token)
    commands: list[tuple[str, Msg]] = [
        ("devices/list", {}),
        ("jobs/list", {}),
        ("jobs/get", {"job_id": job.job_id}),
        ("jobs/start", {"action": "validate", "configuration": name}),
        ("jobs/cancel", {"job_id": job.job_id}),
        ("jobs/follow", {"job_id": job.job_id}),
        ("jobs/subscribe", {}),
        ("subscribe_events", {}),
    ]
    for command, data in commands:
        reply = await _call(user, command, **data)
        assert reply["error"]["code"] == "unauthorized", command
    assert len(runtime.manager.jobs()) == 1


# -- jobs/follow --------------------------------------------------------------------


async def test_follow_finished_job_replays_history_then_result(
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
) -> None:
    name = write_config("flood.yaml", fake="flood 3000")
    job = await runtime.manager.async_wait(
        (await runtime.manager.async_start_job("compile", name)).job_id
    )
    events, _ = await _follow(client, job.job_id)
    assert [e["type"] for e in events] == ["history", "result"]
    history, result = events
    assert history["lines"] == job.output()
    assert history["lines"][0] == "... [output trimmed: 1001 earlier line(s) elided]"
    assert history["elided"] == 1001
    assert history["job"] == job.as_dict()
    assert result == {
        "type": "result",
        "status": "completed",
        "exit_code": 0,
        "error": None,
    }


async def test_follow_running_job_race_and_cancel(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    hass_ws_client: WebSocketGenerator,
    write_config: Callable[..., str],
) -> None:
    """Lines printed while the history goes out follow it, once, in order."""
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2)
    )
    manager = entry.runtime_data.manager
    followed = await manager.async_start_job(
        "compile", write_config("alpha.yaml", fake="tagticker 0.0001")
    )
    # Another job printing at the same time: none of it may reach the follower.
    other = await manager.async_start_job(
        "compile", write_config("beta.yaml", fake="tagticker 0.0001")
    )
    # The child is printing continuously while the follow starts.
    await _until(lambda: len(followed.buffer) > 300 and len(other.buffer) > 300)
    client = await hass_ws_client(hass)
    assert await _ok(client, "jobs/follow", job_id=followed.job_id) is None
    events = [await _event(client)]
    assert events[0]["type"] == "history"
    assert events[0]["job"]["status"] == "running"
    while sum(len(e["lines"]) for e in events if e["type"] == "output") < 2000:
        events.append(await _event(client))
    other_client = await hass_ws_client(hass)
    cancelled = await _ok(other_client, "jobs/cancel", job_id=followed.job_id)
    assert cancelled["job"]["status"] == "cancelled"
    while events[-1]["type"] != "result":
        events.append(await _event(client))
    assert events[-2]["type"] == "status"
    assert events[-2]["job"]["status"] == "cancelled"
    assert events[-1] == {
        "type": "result",
        "status": "cancelled",
        "exit_code": followed.exit_code,
        "error": "Cancelled by user",
    }

    def ticks(lines: list[str]) -> list[int]:
        assert all(line.startswith("alpha tick ") for line in lines), lines[:3]
        return [int(line.rsplit(" ", 1)[1]) for line in lines]

    history = events[0]["lines"]
    if events[0]["elided"]:
        assert history[0].startswith("... [output trimmed: ")
    else:
        assert history[0] == "fake compile alpha.yaml tagticker"
    numbers = ticks(history[1:])
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    # Each live batch continues exactly where the previous one stopped: nothing
    # missing (beyond lines counted as skipped), nothing twice, in order.
    expected = numbers[-1] + 1
    for event in events:
        if event["type"] == "output":
            batch = ticks(event["lines"])
            start = expected + event["skipped"]
            assert batch == list(range(start, start + len(batch)))
            expected = start + len(batch)
    # And the client ends exactly where the job's own output ends (since the
    # last gap, if a loaded machine made the stream skip lines).
    last_gap = max((i for i, e in enumerate(events) if e.get("skipped")), default=0)
    shown = _lines(events[last_gap:])[-2000:]
    assert shown == followed.buffer.lines()[-len(shown) :]
    await manager.async_cancel(other.job_id)


async def test_follow_queued_job_gets_status_progress_and_cr_lines(
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
) -> None:
    blocker = await runtime.manager.async_start_job(
        "validate", write_config("slow.yaml", fake="sleep 0.3")
    )
    job = await runtime.manager.async_start_job(
        "compile", write_config("bar.yaml", fake="progress")
    )
    events, _ = await _follow(client, job.job_id)
    kinds = [e["type"] for e in events]
    assert kinds[0] == "history"
    assert events[0]["lines"] == []
    assert events[0]["job"]["status"] == "queued"
    assert kinds[1] == "status"
    assert events[1]["job"]["status"] == "running"
    assert "output" in kinds
    assert "progress" in kinds
    assert kinds[-2:] == ["status", "result"]
    output = [line for e in events if e["type"] == "output" for line in e["lines"]]
    assert "Uploading: [=    ] 10% \r" in output
    assert _lines(events) == job.output()
    assert events[-1]["status"] == "completed"
    await runtime.manager.async_wait(blocker.job_id)


async def test_flood_is_batched_and_never_drops_the_connection(
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR)
    blocker = await runtime.manager.async_start_job(
        "validate", write_config("slow.yaml", fake="sleep 0.2")
    )
    job = await runtime.manager.async_start_job(
        "compile", write_config("flood.yaml", fake="flood 1000000")
    )
    start = time.monotonic()
    events, stamps = await _follow(client, job.job_id)
    elapsed = time.monotonic() - start
    outputs = [e for e in events if e["type"] == "output"]
    output_stamps = [s for e, s in zip(events, stamps, strict=True) if e in outputs]
    assert events[-1] == {
        "type": "result",
        "status": "completed",
        "exit_code": 0,
        "error": None,
    }
    # Batched: about ten messages a second at most, each at most the window.
    assert len(outputs) >= 2
    assert len(outputs) <= 10 * elapsed + 3, (len(outputs), elapsed)
    for index in range(len(output_stamps)):
        window = [s for s in output_stamps[index:] if s < output_stamps[index] + 1]
        assert len(window) <= 15
    assert max(len(e["lines"]) for e in outputs) <= 2000
    skipped = sum(e["skipped"] for e in outputs)
    assert skipped > 0
    # Every line was either received or counted as skipped.
    assert sum(len(e["lines"]) for e in outputs) + skipped == 1_000_001
    # The client ends with exactly the job's retained output.
    assert _lines(events)[-2000:] == job.buffer.lines()
    # HA never closed the connection for pending messages.
    await client.send_json_auto_id({"type": "ping"})
    assert (await client.receive_json())["type"] == "pong"
    assert "unable to keep up" not in caplog.text
    await runtime.manager.async_wait(blocker.job_id)


# -- jobs/subscribe and subscribe_events ------------------------------------------------


async def test_jobs_subscribe_snapshot_then_lifecycle(
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
) -> None:
    first = await runtime.manager.async_wait(
        (
            await runtime.manager.async_start_job(
                "validate", write_config("a.yaml", fake="exit 0")
            )
        ).job_id
    )
    assert await _ok(client, "jobs/subscribe") is None
    snapshot = await _event(client)
    assert snapshot == {"type": "snapshot", "jobs": [first.as_dict()]}
    job = await runtime.manager.async_start_job(
        "compile", write_config("b.yaml", fake="exit 4")
    )
    seen: list[Msg] = []
    while not seen or seen[-1]["type"] != "job_failed":
        seen.append(await _event(client))
    assert [e["type"] for e in seen] == ["job_queued", "job_started", "job_failed"]
    assert {e["job"]["job_id"] for e in seen} == {job.job_id}
    assert seen[-1]["job"]["exit_code"] == 4


async def test_subscribe_events_then_overflow_then_resync(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
    write_config: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert await _ok(client, "subscribe_events") is None
    initial = await _event(client)
    assert initial == {
        "type": "initial_state",
        "devices": [],
        "jobs": [],
        "batches": [],
    }

    name = write_config("one.yaml", fake="exit 0")
    await runtime.catalog.async_refresh()
    added = await _event(client)
    assert added["type"] == "device_added"
    assert added["device"]["configuration"] == name
    job = await runtime.manager.async_start_job("validate", name)
    kinds: list[str] = []
    while not kinds or kinds[-1] != "job_completed":
        event = await _event(client)
        assert event["job"]["job_id"] == job.job_id
        kinds.append(event["type"])
    assert kinds == ["job_queued", "job_started", "job_completed"]

    await hass.async_block_till_done()
    baseline = _stream_listener_counts(hass, runtime)

    # More changes at once than a stream may hold: fail closed. Each start
    # awaits its filesystem check, so a flush could slip in between: hold
    # flushes back for the burst, as a slow client would.
    # Distinct configurations: identical queued jobs would coalesce into one.
    monkeypatch.setattr(streams, "FLUSH_INTERVAL", 60.0)
    burst = [
        await runtime.manager.async_start_job(
            "validate", write_config(f"burst-{index}.yaml", fake="exit 0")
        )
        for index in range(MAX_PENDING + 10)
    ]
    assert await _event(client) == {"type": "resync_required"}
    # The stream ended by itself: its listeners are gone.
    assert _stream_listener_counts(hass, runtime) == tuple(
        count - 1 for count in baseline
    )

    assert await _ok(client, "subscribe_events") is None
    fresh = await _event(client)
    assert fresh["type"] == "initial_state"
    assert [d["configuration"] for d in fresh["devices"]] == [name]
    assert len(fresh["jobs"]) == len(burst) + 1
    for queued in burst:
        await runtime.manager.async_cancel(queued.job_id)


async def test_unload_ends_streams_with_resync(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    runtime: BuilderRuntime,
    client: MockHAClientWebSocket,
) -> None:
    assert await _ok(client, "subscribe_events") is None
    await _event(client)
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert await _event(client) == {"type": "resync_required"}
    assert runtime.manager.listener_count == 0
    assert runtime.catalog.listener_count == 0


# -- nothing left behind ------------------------------------------------------------------


async def test_unsubscribe_and_close_leave_no_listener(
    hass: HomeAssistant,
    runtime: BuilderRuntime,
    hass_ws_client: WebSocketGenerator,
    write_config: Callable[..., str],
) -> None:
    job: Job = await runtime.manager.async_start_job(
        "compile", write_config("tick.yaml", fake="tagticker 0.01")
    )
    # Let entities of the new configuration attach their own listeners first.
    await runtime.catalog.async_refresh()
    await hass.async_block_till_done()
    baseline = _listener_counts(hass, runtime)
    for closing in ("unsubscribe", "close"):
        client = await hass_ws_client(hass)
        # The connection itself listens for HA stop.
        connected = _listener_counts(hass, runtime)
        for command, data in (
            ("jobs/follow", {"job_id": job.job_id}),
            ("jobs/subscribe", {}),
            ("subscribe_events", {}),
        ):
            assert await _ok(client, command, **data) is None
        bus, engine, catalog = _listener_counts(hass, runtime)
        assert bus == connected[0] + 3  # one HA-stop listener per stream
        assert engine == connected[1] + 4  # follow: output + jobs; two job streams
        assert catalog == connected[2] + 1
        if closing == "unsubscribe":
            for sub_id in (1, 2, 3):
                await client.send_json_auto_id(
                    {"type": "unsubscribe_events", "subscription": sub_id}
                )
                while True:
                    reply = await client.receive_json()
                    if reply["type"] == "result":
                        assert reply["success"], reply
                        break
            await _until(partial(_counts_are, hass, runtime, connected))
        else:
            await client.close()
            await _until(partial(_counts_are, hass, runtime, baseline))
    assert job.status is JobStatus.RUNNING
    await runtime.manager.async_cancel(job.job_id)


# HA stops under an open connection: aiohttp's server side keeps its heartbeat
# timer of that connection, which is HA's to cancel, not ours.
@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_home_assistant_stop_releases_streams(
    hass: HomeAssistant, runtime: BuilderRuntime, client: MockHAClientWebSocket
) -> None:
    engine, catalog = runtime.manager.listener_count, runtime.catalog.listener_count
    bus = sum(hass.bus.async_listeners().values())
    assert await _ok(client, "jobs/subscribe") is None
    assert await _ok(client, "subscribe_events") is None
    assert runtime.manager.listener_count == engine + 2
    assert runtime.catalog.listener_count == catalog + 1
    assert sum(hass.bus.async_listeners().values()) == bus + 2
    await hass.async_stop()
    assert runtime.manager.listener_count == engine
    assert runtime.catalog.listener_count == catalog
    await client.close()
