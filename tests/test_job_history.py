"""Job history: it survives a reload, keeps the last hundred jobs, and skips stored
records of the wrong shape."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.const import (
    STORAGE_KEY_HISTORY,
    STORAGE_KEY_PROCESSES,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry
from .job_helpers import run_job, wait_for_output

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


async def test_history_survives_reload(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    done = await run_job(manager, "compile", write_config("h.yaml", fake="flood 5000"))
    running = await manager.async_start_job(
        "compile", write_config("r.yaml", fake="sleep 30")
    )
    await wait_for_output(manager, running.job_id, "sleeping")
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    reloaded = entry.runtime_data.manager
    assert reloaded is not manager
    again = reloaded.get(done.job_id)
    assert again.status is JobStatus.COMPLETED
    assert again.output() == done.output()
    assert again.as_dict() == done.as_dict()
    stopped = reloaded.get(running.job_id)
    assert stopped.status is JobStatus.CANCELLED
    assert stopped.error == "ESPHome Builder was unloaded while the job was running"
    assert [j.job_id for j in reloaded.jobs()] == [running.job_id, done.job_id]


async def test_history_keeps_last_hundred(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("many.yaml", fake="exit 0")
    ids = [(await run_job(manager, "validate", config)).job_id for _ in range(105)]
    await manager.history.async_flush()
    assert manager.history.job_ids() == set(ids[-100:])
    assert [job.job_id for job in manager.jobs()] == ids[-100:][::-1]


@pytest.mark.parametrize(
    ("history", "processes"),
    [
        ({"jobs": "not a list"}, {"running": ["not", "a", "dict"]}),
        ({"jobs": [{"job_id": 5}, "x", None]}, {"running": {"j": {"pgid": "1"}}}),
        (
            {
                "jobs": [
                    {
                        "job_id": "a",
                        "action": "compile",
                        "configuration": "k.yaml",
                        "lines": 7,
                    }
                ]
            },
            {"running": {"j": {"pgid": 999999, "job": "not a job"}}},
        ),
        (
            {"jobs": [{"job_id": "a", "action": "explode", "configuration": "k.yaml"}]},
            {"running": {"j": {"pgid": 1, "job": {}}}},
        ),
        (
            {
                "jobs": [
                    {
                        "job_id": "a",
                        "action": "compile",
                        "configuration": "k.yaml",
                        "exit_code": "0",
                    }
                ]
            },
            {"running": None},
        ),
        ([1, 2, 3], "running"),
    ],
)
async def test_stored_records_of_the_wrong_shape_are_skipped(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    history: Any,
    processes: Any,
) -> None:
    """Valid JSON of the wrong shape never keeps the entry from loading."""
    good = {
        "job_id": "good",
        "action": "compile",
        "configuration": "k.yaml",
        "status": "completed",
        "exit_code": 0,
        "lines": ["done"],
    }
    if isinstance(history, dict) and isinstance(history["jobs"], list):
        history = {"jobs": [*history["jobs"], good]}
    hass_storage[STORAGE_KEY_HISTORY] = {
        "version": 1,
        "key": STORAGE_KEY_HISTORY,
        "data": history,
    }
    hass_storage[STORAGE_KEY_PROCESSES] = {
        "version": 1,
        "key": STORAGE_KEY_PROCESSES,
        "data": processes,
    }
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    if isinstance(history, dict) and isinstance(history["jobs"], list):
        assert [job.job_id for job in manager.jobs()] == ["good"]
        assert manager.get("good").output() == ["done"]
        if len(history["jobs"]) > 1:
            assert "Skipped a stored job of an unknown shape" in caplog.text
    else:
        assert manager.jobs() == []
