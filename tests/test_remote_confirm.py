"""A flash by a remote builder, confirmed by the device (issue 15).

A real Device Builder compiles a ``host:`` node and flashes the real program
over loopback; HA's own esphome integration is connected to it. The remote
build's compilation time is not known here, so the job is confirmed by the
device coming back on a build other than the one it ran before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.setup import async_setup_component
import pytest

from custom_components.esphome_builder.ha_devices import (
    async_device_link,
    async_find_esphome_device,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.payloads import device_dict
from devtools.host_device import HostDevice, program_path
from tests.conftest import free_port, setup_entry
from tests.test_device_confirm import node_yaml
from tests.test_host_device_loop import (  # noqa: F401 (fixtures)
    LOOPBACK,
    aioesphomeapi_login_shim,
    host_devices,
    wait_for,
)
from tests.test_remote_builder import StartServer, launch, remote_entry, start_server  # noqa: F401 (fixtures)

NODE = "sleepy"
CONFIG = f"{NODE}.yaml"


@pytest.mark.esphome
@pytest.mark.device
async def test_a_remote_install_is_confirmed_by_the_build_the_device_reports(
    hass: HomeAssistant,
    configs_dir: Path,
    tmp_path: Path,
    start_server: StartServer,  # noqa: F811
    host_devices: list[HostDevice],  # noqa: F811
    mock_async_zeroconf: Any,
    aioesphomeapi_login_shim: None,  # noqa: F811
) -> None:
    api_port, ota_port = free_port(), free_port()
    server = await launch(
        hass, start_server, "real", {CONFIG: node_yaml(api_port, ota_port, "1.0.0")}
    )

    def write(version: str) -> None:
        # The same node in both folders: HA links its local configuration to
        # the device, the builder builds its own copy.
        text = node_yaml(api_port, ota_port, version)
        (configs_dir / CONFIG).write_text(text)
        (server.configs / CONFIG).write_text(text)

    write("1.0.0")
    assert await async_setup_component(hass, "homeassistant", {})
    entry = await setup_entry(hass, remote_entry(configs_dir, {"box": server}))
    runtime = entry.runtime_data
    manager = runtime.manager
    first = await manager.async_start_job("compile", CONFIG, builder="box")
    await manager.async_wait(first.job_id)
    assert first.status is JobStatus.COMPLETED, first.output()[-10:]

    device = HostDevice(
        program_path(server.configs, NODE),
        tmp_path / "device",
        ports=(api_port, ota_port),
    )
    device.workdir.mkdir()
    host_devices.append(device)
    await hass.async_add_executor_job(device.start)
    result = await hass.config_entries.flow.async_init(
        "esphome",
        context={"source": SOURCE_USER},
        data={"host": LOOPBACK, "port": api_port},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    config = runtime.catalog.get(CONFIG)
    assert config is not None
    await wait_for(
        lambda: async_device_link(hass, runtime.catalog.get(CONFIG) or config)[1],
        "the node online in HA",
        30,
    )
    node = async_find_esphome_device(hass, config)
    assert node is not None
    # The panel tells a node HA knows (online or not) from one it does not.
    assert device_dict(hass, config)["known_to_ha"] is True
    before = node.compilation_time
    assert before

    write("1.1.0")
    await runtime.catalog.async_refresh()
    job = await manager.async_start_job("install", CONFIG, LOOPBACK, builder="box")
    await manager.async_wait(job.job_id)
    assert job.builder == "box"
    assert job.status is JobStatus.COMPLETED, (job.error, job.output()[-15:])
    assert job.verified is True
    output = "\n".join(job.output())
    assert f"come back on a build other than that of {before}" in output
    node = async_find_esphome_device(hass, config)
    assert node is not None
    assert node.compilation_time != before
    assert f"Confirmed: the device runs the new build of {node.compilation_time}" in (
        output
    )
    assert await hass.config_entries.async_unload(entry.entry_id)
