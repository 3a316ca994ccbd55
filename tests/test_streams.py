"""listening() and the bounded pending buffer behind every stream."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.listeners import listening
from custom_components.esphome_builder.pending import (
    LINE_CHARS_WINDOW,
    PendingBuffer,
    StreamOverflow,
)

from .conftest import make_entry, setup_entry


def _bus_count(hass: HomeAssistant) -> int:
    return sum(hass.bus.async_listeners().values())


async def test_listening_attaches_and_releases_all(hass: HomeAssistant) -> None:
    seen: list[str] = []
    released: list[str] = []

    @callback
    def on_event(event: Event) -> None:
        seen.append(str(event.event_type))

    def engine_listener() -> CALLBACK_TYPE:
        return lambda: released.append("engine")

    before = _bus_count(hass)
    unsub = listening(
        hass, [("test_a", on_event), ("test_b", on_event), engine_listener]
    )
    assert _bus_count(hass) == before + 2
    assert len(unsub) == 3
    hass.bus.async_fire("test_a")
    hass.bus.async_fire("test_b")
    await hass.async_block_till_done()
    assert seen == ["test_a", "test_b"]
    unsub()
    unsub()  # releasing twice is harmless
    assert _bus_count(hass) == before
    assert released == ["engine"]
    hass.bus.async_fire("test_a")
    await hass.async_block_till_done()
    assert seen == ["test_a", "test_b"]


async def test_listening_releases_earlier_listeners_when_one_fails(
    hass: HomeAssistant,
) -> None:
    released: list[int] = []

    def good(index: int) -> CALLBACK_TYPE:
        return lambda: released.append(index)

    def broken() -> CALLBACK_TYPE:
        raise RuntimeError("subscribe failed")

    before = _bus_count(hass)
    with pytest.raises(RuntimeError, match="subscribe failed"):
        listening(
            hass,
            [
                ("test_a", callback(lambda _: None)),
                lambda: good(1),
                lambda: good(2),
                broken,
                lambda: good(3),
            ],
        )
    assert _bus_count(hass) == before
    assert released == [2, 1]


async def test_listening_context_manager_releases_on_cancellation(
    hass: HomeAssistant,
) -> None:
    before = _bus_count(hass)
    entered = asyncio.Event()

    async def follow() -> None:
        with listening(hass, [("test_a", callback(lambda _: None))]):
            entered.set()
            await asyncio.sleep(3600)

    task = hass.async_create_task(follow())
    await entered.wait()
    assert _bus_count(hass) == before + 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _bus_count(hass) == before


def test_push_drops_newest_when_full() -> None:
    pending = PendingBuffer(max_items=2)
    assert pending.push({"n": 1})
    assert pending.push({"n": 2})
    assert not pending.push({"n": 3})
    assert pending.dropped == 1
    assert pending.drain() == [{"n": 1}, {"n": 2}]
    assert pending.drain() == []


def test_push_priority_evicts_oldest_droppable_first() -> None:
    pending = PendingBuffer(max_items=3)
    pending.push_priority({"n": "p1"})
    pending.push({"n": "d1"})
    pending.push({"n": "d2"})
    pending.push_priority({"n": "p2"})
    assert pending.drain() == [{"n": "p1"}, {"n": "d2"}, {"n": "p2"}]
    for index in range(4):
        pending.push_priority({"n": index})
    # Only priority messages left: the oldest of them goes.
    assert pending.drain() == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert pending.dropped == 2


def test_push_or_terminate_overflows() -> None:
    pending = PendingBuffer(max_items=2)
    pending.push_or_terminate({"n": 1})
    pending.push_or_terminate({"n": 2})
    with pytest.raises(StreamOverflow):
        pending.push_or_terminate({"n": 3})


def test_keyed_messages_coalesce_in_place() -> None:
    pending = PendingBuffer(max_items=2)
    pending.push({"progress": 10}, key="progress")
    pending.push_priority({"status": "x"})
    pending.push({"progress": 20}, key="progress")
    pending.push_or_terminate({"progress": 30}, key="progress")
    assert pending.drain() == [{"progress": 30}, {"status": "x"}]


def test_lines_keep_the_newest_window_and_count_the_rest() -> None:
    pending = PendingBuffer(max_items=8, line_window=10)
    pending.push_lines([f"a{i}" for i in range(8)])
    pending.push_priority({"type": "status"})
    for start in range(0, 30, 3):
        pending.push_lines([f"b{i}" for i in range(start, start + 3)])
    assert pending.line_count <= 20
    messages = pending.drain()
    # The status message stays between the batches it separated.
    assert messages == [
        {"type": "status"},
        {
            "type": "output",
            "lines": [f"b{i}" for i in range(20, 30)],
            "skipped": 8 + 20,
        },
    ]
    pending.push_lines(["a", "b\r", "c"])
    assert pending.drain() == [
        {"type": "output", "lines": ["a", "b\r", "c"], "skipped": 0}
    ]


def test_long_lines_are_bounded_in_size_too() -> None:
    """A window of 64 KiB lines would be 128 MiB: the size budget cuts first."""
    pending = PendingBuffer(max_items=8, line_window=2000, char_window=1000)
    for i in range(50):
        pending.push_lines([f"{i:03d}" + "x" * 97])  # 100 characters each
        assert pending.line_count <= 20  # 2 x 1000 characters, at most
    messages = pending.drain()
    assert messages == [
        {
            "type": "output",
            "lines": [f"{i:03d}" + "x" * 97 for i in range(40, 50)],
            "skipped": 40,
        }
    ]
    # One line longer than the whole budget still arrives (the newest).
    pending.push_lines(["y" * 5000, "z" * 3000])
    assert pending.drain() == [{"type": "output", "lines": ["z" * 3000], "skipped": 1}]


async def test_a_follower_of_a_flood_of_long_lines_gets_bounded_batches(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Through jobs/follow: no output message carries more than the budget."""
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    client = await hass_ws_client(hass)
    job = await manager.async_start_job(
        "compile", write_config("big.yaml", fake="bigflood 400")
    )
    await client.send_json_auto_id(
        {"type": "esphome_builder/jobs/follow", "job_id": job.job_id}
    )
    biggest = total = 0
    while True:
        message = await client.receive_json()
        event = message.get("event") or {}
        if event.get("type") in ("history", "output"):
            size = sum(map(len, event["lines"]))
            biggest = max(biggest, size)
            total += len(event["lines"]) + event.get("skipped", event.get("elided", 0))
        if event.get("type") == "result":
            break
    assert biggest <= 2 * LINE_CHARS_WINDOW
    assert total >= 400  # every line arrived or was counted as skipped
