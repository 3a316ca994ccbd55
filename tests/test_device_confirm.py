"""Sleeping devices and a confirmed flash, on a real ESPHome `host:` device (issue 15).

One node, run as a real program that HA's own esphome integration connects to
over loopback. In order:

1. Offline, then online: with the device stopped, an install from the update
   entity compiles, then waits (no slot held); the device powers on with its
   old firmware, the flash happens, and the job completes verified: the device
   came back reporting the new build's compilation time. The update entity
   goes through in-progress to installed.
2. A wait that times out fails with a clear, translated error; a cancel while
   waiting leaves no process; an unload while waiting ends the job saying the
   build is kept.
3. Unconfirmed flash: the build's program is swapped for the previous one
   before the upload, so the device restarts on the old build; the job ends
   failed, saying the device did not come back on the new build.
4. Rollback (issue 16): the archive holds the two builds that completed; a
   rollback flashes the last known good one from the archive without
   compiling, and the device then reports that build's compilation time.

Select with `pytest -m device`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
import shutil
from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_setup_component
import pytest

from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.ha_devices import (
    async_device_link,
    async_find_esphome_device,
)
from custom_components.esphome_builder.jobs.job import Job, JobStatus
from custom_components.esphome_builder.jobs.plan import UNLOADED, WHILE_WAITING
from devtools.host_device import HostDevice, program_path
from tests.conftest import free_port, make_entry, processes_of_this_run, setup_entry
from tests.test_host_device_loop import (  # noqa: F401 (fixtures)
    LOOPBACK,
    aioesphomeapi_login_shim,
    host_devices,
    wait_for,
)

NODE = "sleepy"
CONFIG = f"{NODE}.yaml"


def node_yaml(api_port: int, ota_port: int, version: str) -> str:
    return f"""\
esphome:
  name: {NODE}
  project:
    name: esphome_builder.sleepy
    version: "{version}"
host:
  mac_address: "02:00:00:00:00:5e"
logger:
api:
  port: {api_port}
ota:
  - platform: esphome
    port: {ota_port}
"""


@pytest.mark.esphome
@pytest.mark.device
async def test_sleeping_device_and_confirmed_flash(
    hass: HomeAssistant,
    configs_dir: Path,
    real_esphome: str,
    tmp_path: Path,
    host_devices: list[HostDevice],  # noqa: F811
    mock_async_zeroconf: Any,
    aioesphomeapi_login_shim: None,  # noqa: F811
) -> None:
    api_port, ota_port = free_port(), free_port()
    yaml = configs_dir / CONFIG

    def write(version: str) -> None:
        yaml.write_text(node_yaml(api_port, ota_port, version))

    write("1.0.0")
    assert await async_setup_component(hass, "homeassistant", {})
    entry = await setup_entry(hass, make_entry(real_esphome, configs_dir))
    runtime = entry.runtime_data
    manager = runtime.manager
    done = await hass.services.async_call(
        DOMAIN,
        "compile",
        {"configuration": CONFIG, "wait": True},
        blocking=True,
        return_response=True,
    )
    assert done is not None
    assert done["status"] == "completed", done
    program = program_path(configs_dir, NODE)
    device = HostDevice(program, tmp_path / "device", ports=(api_port, ota_port))
    device.workdir.mkdir()
    host_devices.append(device)
    device.start()
    result = await hass.config_entries.flow.async_init(
        "esphome",
        context={"source": SOURCE_USER},
        data={"host": LOOPBACK, "port": api_port},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    config = runtime.catalog.get(CONFIG)
    assert config is not None

    def online() -> bool:
        return async_device_link(hass, runtime.catalog.get(CONFIG) or config)[1]

    await wait_for(online, "the node online in HA", 30)
    update_id = er.async_get(hass).async_get_entity_id(
        "update", DOMAIN, f"{CONFIG}-firmware"
    )
    assert update_id is not None

    async def power_off() -> None:
        await hass.async_add_executor_job(device.stop)
        await wait_for(lambda: not online(), "HA to see the node offline", 30)

    def newest(action: str) -> Job:
        return next(job for job in manager.jobs() if job.action == action)

    # 1. Offline, then online.
    await power_off()
    write("1.1.0")
    await runtime.catalog.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(update_id).state == STATE_ON  # type: ignore[union-attr]
    install = hass.async_create_task(
        hass.services.async_call(
            "update", "install", {"entity_id": update_id}, blocking=True
        )
    )
    await wait_for(
        lambda: any(j.status is JobStatus.WAITING for j in manager.active_jobs()),
        "the install to compile, then wait",
        120,
    )
    job = newest("install")
    assert job.progress >= 50  # the compile is done
    assert processes_of_this_run() == []
    state = hass.states.get(update_id)
    assert state is not None
    assert state.attributes["in_progress"] is True
    previous = tmp_path / "program-1.0.0"
    shutil.copy2(device.flash, previous)
    await hass.async_add_executor_job(lambda: device.start(reflash=False))
    await asyncio.wait_for(install, 120)
    assert job.status is JobStatus.COMPLETED, job.output()[-15:]
    assert job.verified is True
    assert any(
        "Confirmed: the device runs the new build" in line for line in job.output()
    )
    await wait_for(
        lambda: (s := hass.states.get(update_id)) is not None and s.state == STATE_OFF,
        "the update entity to show the install",
        30,
    )
    state = hass.states.get(update_id)
    assert state is not None
    assert state.attributes["installed_version"] == "1.1.0 (ESPHome 2026.10.0)"
    assert state.attributes["in_progress"] is False

    # 2. Timeout, cancel and unload while waiting (the build is there).
    await power_off()
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "upload",
            {"configuration": CONFIG, "wait_timeout": 1, "wait": True},
            blocking=True,
        )
    assert "The device did not come online within 1 s" in str(err.value)
    waiting = await manager.async_start_job("upload", CONFIG, LOOPBACK)
    await wait_for(
        lambda: waiting.status is JobStatus.WAITING, "the upload to wait", 10
    )
    await manager.async_cancel(waiting.job_id)
    assert waiting.status is JobStatus.CANCELLED
    assert processes_of_this_run() == []
    waiting = await manager.async_start_job("upload", CONFIG, LOOPBACK)
    await wait_for(
        lambda: waiting.status is JobStatus.WAITING, "the upload to wait", 10
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    runtime = entry.runtime_data
    manager = runtime.manager
    again = manager.get(waiting.job_id)
    assert again.status is JobStatus.CANCELLED
    assert again.error == WHILE_WAITING[UNLOADED]

    # 3. Unconfirmed: the device comes back on the old build.
    runtime.settings.confirm_timeout = 30
    write("1.2.0")
    await runtime.catalog.async_refresh()
    flash = await manager.async_start_job("install", CONFIG, LOOPBACK)
    await wait_for(
        lambda: flash.status is JobStatus.WAITING, "the install to wait", 120
    )
    # What the upload will send is the previous program: the device restarts
    # on the old build, as an ESP falls back to its old partition.
    shutil.copy2(previous, program)
    await hass.async_add_executor_job(lambda: device.start(reflash=False))
    await manager.async_wait(flash.job_id)
    assert flash.status is JobStatus.FAILED, flash.output()[-15:]
    assert flash.verified is False
    assert flash.error is not None
    assert flash.error.startswith("The device did not come back on the new build")

    # 4. Roll back to the confirmed 1.1.0 build: flashed from the archive,
    # never compiled, and confirmed by the build the device then reports.
    archive = runtime.archive
    assert archive is not None
    builds = archive.builds(CONFIG)
    assert len(builds) == 2  # the compile of 1.0.0 and the install of 1.1.0
    good = archive.last_known_good(CONFIG)
    assert good is not None
    assert good.build_id == builds[0].build_id
    assert good.build_time
    rolled = await hass.services.async_call(
        DOMAIN,
        "rollback",
        {"configuration": CONFIG, "device": LOOPBACK, "wait": True},
        blocking=True,
        return_response=True,
    )
    assert rolled is not None
    assert rolled["status"] == "completed", rolled
    assert rolled["build_id"] == good.build_id
    assert rolled["verified"] is True
    job = manager.get(str(rolled["job_id"]))
    output = "\n".join(job.output())
    assert "Compiling" not in output
    assert "Linking" not in output
    assert "OTA successful" in output or "Successfully uploaded" in output, output
    node = async_find_esphome_device(hass, runtime.catalog.get(CONFIG) or config)
    assert node is not None
    assert node.compilation_time == good.build_time

    assert await hass.config_entries.async_unload(entry.entry_id)
