"""A client that stops reading must not fill HA's send queue with our stream.

HA drops a websocket client whose queue holds more than 1024 messages for 10 s,
and with it the user's whole frontend. A follow holds its batches back while
the connection's queue is long, keeping only the newest window of lines.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder import streams
from custom_components.esphome_builder.const import DOMAIN, RETAINED
from custom_components.esphome_builder.jobs.job import JobStatus

from .conftest import make_entry, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

BACKLOG = 8


async def test_stalled_reader_keeps_the_queue_short_and_catches_up(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(streams, "SLOW_CLIENT_BACKLOG", BACKLOG)
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    job = await manager.async_start_job(
        "compile", write_config("big.yaml", fake="bigticker")
    )
    client = await hass_ws_client(hass)
    await client.send_json(
        {"id": 1, "type": f"{DOMAIN}/jobs/follow", "job_id": job.job_id}
    )
    assert (await client.receive_json())["success"]
    assert (await client.receive_json())["event"]["type"] == "history"

    # Find the server side of this connection through our stream.
    tracked = list(entry.runtime_data.streams)
    assert len(tracked) == 1
    queue = tracked[0].connection.send_message.__self__._message_queue

    # Stop reading for a while: each batch is about 2 MB, so the socket
    # buffers fill at once and HA's queue would grow by ten messages a second.
    peak = 0
    for _ in range(60):
        await asyncio.sleep(0.1)
        peak = max(peak, len(queue))
    assert not client.closed
    assert peak <= BACKLOG + 4, f"send queue grew to {peak}"

    await manager.async_cancel(job.job_id)
    lines: list[str] = []
    skipped = 0
    while True:
        message = await asyncio.wait_for(client.receive_json(), 20)
        event = message["event"]
        if event["type"] == "output":
            lines += event["lines"]
            skipped += event["skipped"]
        if event["type"] == "result":
            break
    assert event["status"] == str(JobStatus.CANCELLED)
    assert skipped > 0
    # The client catches up with exactly the job's retained tail.
    # The finished job keeps a tail bounded in lines and in size.
    tail = job.buffer.lines()
    assert 0 < len(tail) <= RETAINED
    assert lines[-len(tail) :] == tail
