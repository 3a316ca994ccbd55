"""A real Home Assistant process killed mid-compile leaves no ESPHome behind.

HA runs as its own process here (not the in-process test harness) so that it
can be SIGKILLed like a crash or power loss would end it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.jobs.processes import pids_of_job
from devtools.ha_instance import HAProcess, HAWebSocket

from .test_engine_esphome import HOST_YAML

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
