"""Entities and followers listen to their own configuration or job, not to all.

With 100 configurations (300 entities) a job event used to reach every entity,
which filtered it itself. Now the engine keys its listeners: an event reaches
the listeners of its job, of its configuration, and the few that show every job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.jobs.job import Job, JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

OTHERS = 100


def _count_deliveries(
    monkeypatch: pytest.MonkeyPatch,
) -> Counter[tuple[str, str]]:
    """Count each delivery as (what the listener follows, the job's configuration).

    What it follows is "job:<id>", "configuration:<name>" or "all".
    """
    deliveries: Counter[tuple[str, str]] = Counter()
    original = JobManager.async_listen_jobs

    def listen(
        self: JobManager, listener: Callable[[str, Job], None], **keys: Any
    ) -> Callable[[], None]:
        follows = next(
            (f"{name}:{value}" for name, value in keys.items() if value is not None),
            "all",
        )

        def counted(event_type: str, job: Job) -> None:
            deliveries[follows, job.configuration] += 1
            listener(event_type, job)

        return original(self, counted, **keys)

    monkeypatch.setattr(JobManager, "async_listen_jobs", listen)
    return deliveries


async def test_jobs_of_other_configurations_reach_no_entity_and_no_follower(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deliveries = _count_deliveries(monkeypatch)
    watched = write_config("watched.yaml", fake="ticker 0.05")
    others = [write_config(f"other{i:03}.yaml", fake="exit 0") for i in range(OTHERS)]
    # Two compile lanes: the watched job keeps one, the others share the second.
    entry = await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, compile_jobs=2)
    )
    manager = entry.runtime_data.manager
    running = await manager.async_start_job("compile", watched)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": f"{DOMAIN}/jobs/follow", "job_id": running.job_id}
    )
    assert (await client.receive_json())["success"]
    await hass.async_block_till_done()

    # The watched configuration's three entities, and the one follower.
    assert manager.listeners_of(configuration=watched) == 3
    assert manager.listeners_of(job_id=running.job_id) == 1
    assert manager.listeners_of(configuration=others[0]) == 3

    deliveries.clear()
    jobs = [await manager.async_start_job("validate", name) for name in others]
    for job in jobs:
        assert (await manager.async_wait(job.job_id)).status is JobStatus.COMPLETED
    await hass.async_block_till_done()

    reached_watched = {
        (follows, configuration)
        for follows, configuration in deliveries
        if follows in (f"configuration:{watched}", f"job_id:{running.job_id}")
        and configuration != watched
    }
    assert reached_watched == set()
    # The burst did happen: queued, started and completed for each of them,
    # delivered to each one's own three entities.
    assert deliveries["configuration:other000.yaml", "other000.yaml"] == 3 * 3
    assert (
        sum(count for (follows, _), count in deliveries.items() if follows == "all")
        >= 3 * OTHERS
    )

    await manager.async_cancel(running.job_id)
    while (await client.receive_json())["event"]["type"] != "result":
        pass
    assert manager.listeners_of(job_id=running.job_id) == 0
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert manager.listener_count == 0
