"""Restarts of a real Home Assistant process leave no ESPHome behind.

HA runs as its own process here (not the in-process test harness) so that it
can be stopped with SIGTERM, or SIGKILLed as a crash or power loss would end it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.jobs.processes import pids_of_job
from devtools.ha_instance import HAProcess, HAWebSocket

from .test_real_builds import HOST_YAML

pytestmark = pytest.mark.esphome


async def _wait_for(predicate, timeout: float, what: str) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():
            await asyncio.sleep(0.2)


async def test_sigkill_mid_compile_then_restart_ends_orphans(
    hass: HomeAssistant, tmp_path: Path, configs_dir: Path, real_esphome: str
) -> None:
    (configs_dir / "crash.yaml").write_text(HOST_YAML.format(name="crash"))
    ha = await hass.async_add_executor_job(
        lambda: HAProcess.prepare(
            tmp_path / "ha-config", configs_dir, real_esphome, tmp_path / "ha-home"
        )
    )
    try:
        await hass.async_add_executor_job(ha.start)
        client = await HAWebSocket(ha.url, ha.token).connect()
        result = await client.call(
            "esphome_builder/jobs/start", action="compile", configuration="crash.yaml"
        )
        job_id = result["job_id"]

        async def compiling() -> bool:
            # ESPHome plus at least one compiler process: well into the build.
            return len(await hass.async_add_executor_job(pids_of_job, job_id)) >= 2

        await _wait_for(compiling, 60, "the compile to start")
        await client.close()
        await hass.async_add_executor_job(ha.kill)
        # The crash left the build running: the check below can fail.
        survivors = await hass.async_add_executor_job(pids_of_job, job_id)
        assert survivors, "the ESPHome process group should outlive a SIGKILLed HA"

        await hass.async_add_executor_job(ha.start)
        assert await hass.async_add_executor_job(pids_of_job, job_id) == []
        client = await HAWebSocket(ha.url, ha.token).connect()
        job = (await client.call("esphome_builder/jobs/get", job_id=job_id))["job"]
        await client.close()
        assert job["status"] == "cancelled"
        assert "stopped unexpectedly" in job["error"]
        assert await hass.async_add_executor_job(ha.stop) == 0
    finally:
        await hass.async_add_executor_job(ha.kill)


async def test_graceful_restart_cancels_jobs_and_keeps_history(
    hass: HomeAssistant, tmp_path: Path, configs_dir: Path, fake_esphome: str
) -> None:
    """SIGTERM to HA mid-job: the job ends cancelled, nothing runs, history stays."""
    (configs_dir / "stubborn.yaml").write_text(
        "# fake: ignore_term\nesphome:\n  name: stubborn\nhost:\n"
    )
    (configs_dir / "quick.yaml").write_text(
        "# fake: flood 3000\nesphome:\n  name: quick\nhost:\n"
    )
    ha = await hass.async_add_executor_job(
        lambda: HAProcess.prepare(
            tmp_path / "ha-config", configs_dir, fake_esphome, tmp_path / "ha-home"
        )
    )
    try:
        await hass.async_add_executor_job(ha.start)
        client = await HAWebSocket(ha.url, ha.token).connect()
        quick = await client.call(
            "esphome_builder/jobs/start", action="compile", configuration="quick.yaml"
        )
        stubborn = await client.call(
            "esphome_builder/jobs/start",
            action="logs",
            configuration="stubborn.yaml",
            device="OTA",
        )

        async def settled() -> bool:
            jobs = {
                j["job_id"]: j
                for j in (await client.call("esphome_builder/jobs/list"))["jobs"]
            }
            return (
                jobs[quick["job_id"]]["status"] == "completed"
                and jobs[stubborn["job_id"]]["status"] == "running"
                and bool(
                    await hass.async_add_executor_job(pids_of_job, stubborn["job_id"])
                )
            )

        await _wait_for(settled, 30, "one job done and one running")
        before = await client.call("esphome_builder/jobs/get", job_id=quick["job_id"])
        await client.close()
        # The running child ignores SIGTERM: HA's stop must escalate to SIGKILL.
        assert await hass.async_add_executor_job(ha.stop) == 0
        assert await hass.async_add_executor_job(pids_of_job, stubborn["job_id"]) == []

        await hass.async_add_executor_job(ha.start)
        client = await HAWebSocket(ha.url, ha.token).connect()
        after = await client.call("esphome_builder/jobs/get", job_id=quick["job_id"])
        ended = (
            await client.call("esphome_builder/jobs/get", job_id=stubborn["job_id"])
        )["job"]
        await client.close()
        assert after == before
        assert (
            after["job"]["output"][0]
            == "... [output trimmed: 1001 earlier line(s) elided]"
        )
        assert ended["status"] == "cancelled"
        assert ended["error"] == "Home Assistant stopped while the job was running"
        assert await hass.async_add_executor_job(ha.stop) == 0
    finally:
        await hass.async_add_executor_job(ha.kill)
