"""An install on a remote Device Builder uses the builder's own deferred install.

A real esphome-device-builder with the real ESPHome compiles a `host:` node
whose device is off. The builder sees it offline, so `firmware/install`
compiles now and arms its *queued update*; our job shows `waiting`, like a
local wait. Then:

1. The node is announced over mDNS (a `host:` node cannot announce itself; see
   tests/mdns_announcer.py): the builder sees it online and its wake dispatch
   queues an upload job of its own. Our job follows that job and ends with its
   result. For a `host:` node that result is a failure, and a real one: the
   builder uploads to `--device OTA`, which ESPHome resolves from the
   configuration's `use_address`, and a `host:` configuration has none
   (only `wifi:`, `ethernet:` and `openthread:` carry one).
2. A wait that times out fails with the translated timeout error; a cancel and
   an unload while waiting end the job. Each time the builder's queued update
   is cleared: nothing stays armed there.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
import subprocess
import sys
from typing import Any
import uuid

from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest

from custom_components.esphome_builder.builder_client import BuilderSocket, BuilderSpec
from custom_components.esphome_builder.const import DOMAIN, EVENT_JOB_WAITING
from custom_components.esphome_builder.jobs.job import JobOptions, JobStatus
from custom_components.esphome_builder.jobs.plan import UNLOADED, WHILE_WAITING

from .conftest import free_port, setup_entry
from .remote_server import BuilderServer
from .test_remote_builder import (  # noqa: F401 (fixture)
    StartServer,
    launch,
    remote_entry,
    start_server,
    wait_for,
)

ANNOUNCER = Path(__file__).with_name("mdns_announcer.py")


def node_yaml(name: str, api_port: int, ota_port: int) -> str:
    return (
        f"esphome:\n  name: {name}\nhost:\nlogger:\napi:\n  port: {api_port}\n"
        f"ota:\n  - platform: esphome\n    port: {ota_port}\n"
    )


async def builder_call(
    hass: HomeAssistant, server: BuilderServer, command: str, **args: Any
) -> Any:
    spec = BuilderSpec("check", server.url)
    sock = await BuilderSocket.async_open(async_get_clientsession(hass), spec)
    try:
        return await sock.call(command, **args)
    finally:
        await sock.close()


async def armed(hass: HomeAssistant, server: BuilderServer, configuration: str) -> bool:
    """Return whether the builder holds a queued update for the configuration."""
    devices = (await builder_call(hass, server, "devices/list"))["configured"]
    device = next(d for d in devices if d["configuration"] == configuration)
    return bool(device["runtime_state"]["queued_update"])


async def builder_jobs(
    hass: HomeAssistant, server: BuilderServer, configuration: str
) -> list[dict[str, Any]]:
    jobs = await builder_call(
        hass, server, "firmware/get_jobs", configuration=configuration
    )
    return sorted(jobs, key=lambda job: job["created_at"])


async def watch_dashboard(hass: HomeAssistant, server: BuilderServer) -> None:
    """Hold the builder's dashboard open: it sweeps reachability only then."""
    spec = BuilderSpec("dashboard", server.url)
    sock = await BuilderSocket.async_open(async_get_clientsession(hass), spec)
    try:
        await sock.send("subscribe_events")
        while True:
            await sock.receive()
    finally:
        await asyncio.shield(sock.close())


async def offline_on_builder(
    hass: HomeAssistant, server: BuilderServer, configuration: str
) -> asyncio.Task[None]:
    """Open the dashboard; return once the builder sees the device offline."""
    task = hass.async_create_background_task(
        watch_dashboard(hass, server), "builder dashboard"
    )
    deadline = asyncio.get_running_loop().time() + 60
    while asyncio.get_running_loop().time() < deadline:
        devices = (await builder_call(hass, server, "devices/list"))["configured"]
        device = next(d for d in devices if d["configuration"] == configuration)
        if device["runtime_state"]["state"] == "offline":
            return task
        await asyncio.sleep(0.5)
    task.cancel()
    pytest.fail("the builder never saw the device offline")


@pytest.fixture
def node() -> str:
    """A node name of this test only: the mDNS announcement is seen machine-wide."""
    return f"nap{uuid.uuid4().hex[:8]}"


@pytest.mark.esphome
async def test_the_builder_defers_and_its_wake_upload_is_followed(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,  # noqa: F811
    node: str,
) -> None:
    config = f"{node}.yaml"
    api_port = free_port()
    server = await launch(
        hass, start_server, "real", {config: node_yaml(node, api_port, free_port())}
    )
    entry = await setup_entry(hass, remote_entry(configs_dir, {"box": server}))
    dashboard = await offline_on_builder(hass, server, config)
    manager = entry.runtime_data.manager
    waiting: list[dict[str, Any]] = []

    def _waiting(event: Event) -> None:
        waiting.append(dict(event.data))

    hass.bus.async_listen(EVENT_JOB_WAITING, _waiting)
    job = await manager.async_start_job(
        "install", config, options=JobOptions(wait_timeout=600)
    )
    await wait_for(
        lambda: job.status in (JobStatus.WAITING, JobStatus.FAILED), 240, "the deferral"
    )
    await hass.async_block_till_done()
    assert job.status is JobStatus.WAITING, (job.status, job.error, job.output()[-10:])
    assert job.builder == "box"
    assert [event["job_id"] for event in waiting] == [job.job_id]
    assert job.progress >= 50
    assert any("Compiling" in line for line in job.output())
    assert any(
        "flashes this build when the device comes online" in line
        for line in job.output()
    )
    assert await armed(hass, server, config)
    sensor = hass.states.get(f"sensor.{node}_firmware_job")
    assert sensor is None or sensor.state == "waiting"

    announcer = subprocess.Popen(
        [sys.executable, str(ANNOUNCER), node, str(api_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await manager.async_wait(job.job_id)
    finally:
        announcer.terminate()
        await hass.async_add_executor_job(announcer.wait)
    output = job.output()
    assert any(
        "The device is online: the builder flashes it" in line for line in output
    )
    # The builder's own upload job, queued by its wake dispatch, ran here.
    uploads = [
        j for j in await builder_jobs(hass, server, config) if j["job_type"] == "upload"
    ]
    assert [u["depends_on"] for u in uploads] == [""]
    assert uploads[0]["port"] == "OTA"
    assert job.status is JobStatus.FAILED
    assert any("could not be resolved" in line for line in output), output[-10:]
    assert not await armed(hass, server, config)
    dashboard.cancel()


@pytest.mark.esphome
async def test_timeout_cancel_and_unload_clear_the_queued_update(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,  # noqa: F811
    node: str,
) -> None:
    config = f"{node}.yaml"
    server = await launch(
        hass, start_server, "real", {config: node_yaml(node, free_port(), free_port())}
    )
    entry = await setup_entry(hass, remote_entry(configs_dir, {"box": server}))
    dashboard = await offline_on_builder(hass, server, config)

    # 1. A wait that times out.
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "install",
            {"configuration": config, "wait_timeout": 1, "wait": True},
            blocking=True,
        )
    assert err.value.translation_key == "job_failed"
    assert "The device did not come online within 1 s" in str(err.value)
    assert not await armed(hass, server, config)

    # 2. A cancel while waiting.
    manager = entry.runtime_data.manager
    job = await manager.async_start_job(
        "install", config, options=JobOptions(wait_timeout=600)
    )
    await wait_for(lambda: job.status is JobStatus.WAITING, 240, "the deferral")
    assert await armed(hass, server, config)
    await manager.async_cancel(job.job_id)
    assert job.status is JobStatus.CANCELLED
    assert not await armed(hass, server, config)

    # 3. An unload while waiting.
    job = await manager.async_start_job(
        "install", config, options=JobOptions(wait_timeout=600)
    )
    await wait_for(lambda: job.status is JobStatus.WAITING, 240, "the deferral")
    assert await armed(hass, server, config)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    again = entry.runtime_data.manager.get(job.job_id)
    assert again.status is JobStatus.CANCELLED
    assert again.error == WHILE_WAITING[UNLOADED]
    assert not await armed(hass, server, config)
    # Nothing else ran on the builder: no upload was ever queued.
    jobs = await builder_jobs(hass, server, config)
    assert {j["job_type"] for j in jobs} == {"compile"}
    assert await hass.config_entries.async_unload(entry.entry_id)
    dashboard.cancel()
