"""Shared steps for the engine tests that drive jobs through a fake ESPHome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import time

from homeassistant.core import Event, callback
import pytest

from custom_components.esphome_builder.jobs.manager import JobManager


async def run_job(
    manager: JobManager, action: str, config: str, device: str | None = None
):
    """Start a job and return it once it has finished."""
    job = await manager.async_start_job(action, config, device)
    return await manager.async_wait(job.job_id)


async def wait_for_output(manager: JobManager, job_id: str, text: str) -> None:
    """Wait until the job has printed `text` as a whole line."""
    async with asyncio.timeout(20):
        while text not in manager.get(job_id).buffer.lines():
            await asyncio.sleep(0.02)


def collect(events: list[Event]) -> Callable[[Event], None]:
    """Return a bus listener that runs in the loop, so events keep their order."""

    @callback
    def append(event: Event) -> None:
        events.append(event)

    return append


async def wait_for(
    predicate: Callable[[], bool], what: str, timeout: float = 10
) -> None:
    """Poll ``predicate`` until it holds; fail naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g}s waiting for {what}")
        await asyncio.sleep(0.05)
