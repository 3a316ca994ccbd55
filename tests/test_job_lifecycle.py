"""A job's life against a fake ESPHome process: its events and exit code, the
ways it fails to start, the install chain, and the check when it starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from homeassistant.core import Event, HomeAssistant
import pytest

from custom_components.esphome_builder.const import (
    EVENT_JOB_COMPLETED,
    EVENT_JOB_FAILED,
    EVENT_JOB_QUEUED,
    EVENT_JOB_STARTED,
    INSTALL_HINT,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry
from .job_helpers import collect, run_job, wait_for_output

pytestmark = pytest.mark.usefixtures("no_leftover_processes")


async def test_lifecycle_events_and_exit_code(
    hass: HomeAssistant, manager: JobManager, write_config: Callable[..., str]
) -> None:
    events: list[Event] = []
    for name in (
        EVENT_JOB_QUEUED,
        EVENT_JOB_STARTED,
        EVENT_JOB_COMPLETED,
        EVENT_JOB_FAILED,
    ):
        hass.bus.async_listen(name, collect(events))
    ok = write_config("ok.yaml", fake="exit 0")
    bad = write_config("bad.yaml", fake="exit 3")
    job = await run_job(manager, "compile", ok)
    assert job.status is JobStatus.COMPLETED
    assert job.exit_code == 0
    assert job.progress == 100
    assert job.output() == ["fake compile ok.yaml exit"]
    failed = await run_job(manager, "validate", bad)
    await hass.async_block_till_done()
    assert failed.status is JobStatus.FAILED
    assert failed.exit_code == 3
    assert failed.error == "ESPHome exited with code 3"
    assert [(e.event_type, e.data["job_id"]) for e in events] == [
        (EVENT_JOB_QUEUED, job.job_id),
        (EVENT_JOB_STARTED, job.job_id),
        (EVENT_JOB_COMPLETED, job.job_id),
        (EVENT_JOB_QUEUED, failed.job_id),
        (EVENT_JOB_STARTED, failed.job_id),
        (EVENT_JOB_FAILED, failed.job_id),
    ]
    assert events[-1].data == {
        "job_id": failed.job_id,
        "action": "validate",
        "configuration": "bad.yaml",
        "status": "failed",
        "exit_code": 3,
    }


async def test_missing_esphome_module_fails_with_hint(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await run_job(manager, "validate", write_config("nm.yaml", fake="nomodule"))
    assert job.exit_code == 0
    assert job.status is JobStatus.FAILED
    assert job.error == INSTALL_HINT
    other = await run_job(
        manager, "validate", write_config("nd.yaml", fake="nomodule_dashboard")
    )
    assert other.status is JobStatus.COMPLETED
    assert other.error is None


async def test_command_that_cannot_start_fails_the_job(
    hass: HomeAssistant,
    configs_dir: Path,
    tmp_path: Path,
    write_config: Callable[..., str],
) -> None:
    missing = tmp_path / "gone" / "esphome"
    entry = await setup_entry(hass, make_entry(str(missing), configs_dir))
    manager = entry.runtime_data.manager
    job = await run_job(manager, "validate", write_config("x.yaml", fake="exit 0"))
    assert job.status is JobStatus.FAILED
    assert job.exit_code is None
    assert job.error is not None
    assert str(missing) in job.error
    assert "No such file or directory" in job.error


async def test_install_skips_upload_after_failed_compile(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    job = await run_job(
        manager, "install", write_config("f.yaml", fake="exit 1"), "OTA"
    )
    assert job.status is JobStatus.FAILED
    assert job.output() == ["fake compile f.yaml exit"]


async def test_configuration_is_checked_again_when_its_job_starts(
    manager: JobManager, configs_dir: Path, write_config: Callable[..., str]
) -> None:
    """A file swapped for a link to the secrets while its job queued is not run."""
    busy = await manager.async_start_job(
        "compile", write_config("a.yaml", fake="sleep 30")
    )
    swapped = await manager.async_start_job(
        "validate", write_config("b.yaml", fake="exit 0")
    )
    linked = await manager.async_start_job(
        "validate", write_config("c.yaml", fake="exit 0")
    )
    await wait_for_output(manager, busy.job_id, "sleeping")
    write_config("secrets.yaml", "wifi_password: hunter2\n")
    (configs_dir / "b.yaml").unlink()
    (configs_dir / "b.yaml").symlink_to("secrets.yaml")
    # An in-folder link to another configuration runs that configuration.
    write_config("real.yaml", fake="exit 0")
    (configs_dir / "c.yaml").unlink()
    (configs_dir / "c.yaml").symlink_to("real.yaml")
    await manager.async_cancel(busy.job_id)
    swapped = await manager.async_wait(swapped.job_id)
    assert swapped.status is JobStatus.FAILED
    assert swapped.error == "b.yaml is no longer a device configuration"
    assert swapped.output() == []
    linked = await manager.async_wait(linked.job_id)
    assert linked.status is JobStatus.COMPLETED
    assert linked.output() == ["fake config real.yaml exit"]
