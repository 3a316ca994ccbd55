"""A fleet update on real ESPHome `host:` devices (issue 14).

Five configurations share one package; each names its node through
substitutions. One fails to compile. Three run as real devices that HA's own
esphome integration connects to over loopback; one is known to HA but not
running (offline); one HA does not know. The story, in order:

1. A compile batch over all five, with a canary of one: the canary compiles
   alone, then the rest; the broken one fails; response and event agree.
2. Two YAMLs move to version 1.1.0; a compile batch of `only_outdated` builds
   exactly those two (compile ahead).
3. An upload batch over all flashes those builds without compiling again: the
   offline device, the one HA does not know and the one already on the target
   build are skipped, each with its reason; the devices then run 1.1.0.
4. Retry failed (of batch 1) runs only the broken configuration.

Select with `pytest -m device`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import Event, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import DOMAIN, EVENT_BATCH_COMPLETED
from custom_components.esphome_builder.fleet import OFFLINE, ON_TARGET, UNKNOWN_TO_HA
from custom_components.esphome_builder.ha_devices import async_device_link
from devtools.host_device import HostDevice, program_path
from tests.conftest import free_port, make_entry, setup_entry
from tests.test_host_device_loop import (  # noqa: F401 (fixtures)
    LOOPBACK,
    aioesphomeapi_login_shim,
    host_devices,
    wait_for,
)

COMMON = """\
esphome:
  name: ${node}
  project:
    name: esphome_builder.fleet
    version: "${version}"
host:
  # Each node its own MAC: HA's esphome integration keys devices by it.
  mac_address: "${mac}"
logger:
api:
  port: ${api_port}
ota:
  - platform: esphome
    port: ${ota_port}
sensor:
  - platform: template
    name: "Answer"
    lambda: "return ${value};"
    update_interval: 1s
"""
NODES = ("fleet-a", "fleet-b", "fleet-c", "fleet-d", "fleet-e")
BROKEN = "fleet-c"  # its lambda names nothing: valid YAML, a C++ error
OFFLINE_NODE = "fleet-e"  # known to HA's esphome integration, not running
RUNNING = ("fleet-a", "fleet-b", "fleet-d")
V1 = "1.0.0 (ESPHome 2026.10.0)"
V2 = "1.1.0 (ESPHome 2026.10.0)"


def node_yaml(node: str, api_port: int, ota_port: int, version: str, value: str) -> str:
    return f"""\
substitutions:
  node: {node}
  version: "{version}"
  value: "{value}"
  api_port: "{api_port}"
  ota_port: "{ota_port}"
  mac: "02:00:00:00:00:{NODES.index(node) + 1:02x}"
packages:
  common: !include packages/common.yaml
"""


async def run_batch(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN, "run_batch", {**data, "wait": True}, blocking=True, return_response=True
    )
    assert response is not None
    return dict(response)


def by_name(batch: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["configuration"]: item for item in batch["items"]}


@pytest.mark.esphome
@pytest.mark.device
async def test_fleet_update_on_host_devices(
    hass: HomeAssistant,
    configs_dir: Path,
    real_esphome: str,
    tmp_path: Path,
    host_devices: list[HostDevice],  # noqa: F811
    mock_async_zeroconf: Any,
    aioesphomeapi_login_shim: None,  # noqa: F811
) -> None:
    ports = {node: (free_port(), free_port()) for node in NODES}

    def write(node: str, version: str = "1.0.0", value: str = "1") -> None:
        if node == BROKEN:
            value = "undefined_answer"
        (configs_dir / f"{node}.yaml").write_text(
            node_yaml(node, *ports[node], version, value)
        )

    # Shared files live in a subfolder, as ESPHome users keep them.
    (configs_dir / "packages").mkdir()
    (configs_dir / "packages" / "common.yaml").write_text(COMMON)
    for node in NODES:
        write(node)
    assert await async_setup_component(hass, "homeassistant", {})
    entry = await setup_entry(
        hass, make_entry(real_esphome, configs_dir, compile_jobs=2)
    )
    runtime = entry.runtime_data
    assert [c.name for c in runtime.catalog.configs()] == list(NODES)
    completed: list[dict[str, Any]] = []

    def _completed(event: Event) -> None:
        completed.append(dict(event.data))

    hass.bus.async_listen(EVENT_BATCH_COMPLETED, _completed)

    # 1. Compile everything, canary first.
    first = await run_batch(hass, action="compile", all=True, canary=1)
    items = by_name(first)
    assert first["status"] == "completed", first
    assert first["counts"]["completed"] == 4
    assert first["counts"]["failed"] == 1
    assert items[f"{BROKEN}.yaml"]["status"] == "failed"
    canary = items["fleet-a.yaml"]
    assert all(
        item["started_at"] >= canary["finished_at"]
        for name, item in items.items()
        if name != "fleet-a.yaml"
    )
    broken_job = runtime.manager.get(items[f"{BROKEN}.yaml"]["job_id"])
    assert "undefined_answer" in "\n".join(broken_job.output())
    await hass.async_block_till_done()
    assert completed[-1]["failed"] == [f"{BROKEN}.yaml"]
    assert completed[-1]["counts"] == first["counts"]

    # The devices: three run and HA's esphome integration adds them.
    nodes: dict[str, dr.DeviceEntry] = {}
    for node in RUNNING:
        device = HostDevice(
            program_path(configs_dir, node), tmp_path / node, ports=ports[node]
        )
        device.workdir.mkdir()
        host_devices.append(device)
        device.start()
        result = await hass.config_entries.flow.async_init(
            "esphome",
            context={"source": SOURCE_USER},
            data={"host": LOOPBACK, "port": ports[node][0]},
        )
        assert result["type"] is FlowResultType.CREATE_ENTRY, result
        config = runtime.catalog.get(f"{node}.yaml")
        assert config is not None
        await wait_for(
            lambda config=config: async_device_link(hass, config)[1],  # type: ignore[misc]
            f"{node} online in HA",
            30,
        )
        [nodes[node]] = dr.async_entries_for_config_entry(
            dr.async_get(hass), result["result"].entry_id
        )
        assert nodes[node].sw_version == V1
    # The fifth: HA knows it, but it does not run.
    offline = MockConfigEntry(
        domain="esphome",
        data={"device_name": OFFLINE_NODE, "host": LOOPBACK, "port": 1},
    )
    offline.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=offline.entry_id,
        connections={(dr.CONNECTION_NETWORK_MAC, "02:00:00:00:00:0e")},
        name=OFFLINE_NODE,
        sw_version=V1,
    )

    # 2. Two configurations change: compile ahead exactly those.
    write("fleet-a", "1.1.0", "11")
    write("fleet-b", "1.1.0", "12")
    await runtime.catalog.async_refresh()
    ahead = await run_batch(hass, action="compile", only_outdated=True)
    assert [i["configuration"] for i in ahead["items"]] == [
        "fleet-a.yaml",
        "fleet-b.yaml",
    ]
    assert ahead["counts"]["completed"] == 2, ahead

    # 3. Flash them later, without compiling again.
    flashed = await run_batch(hass, action="upload", all=True, canary=1)
    items = by_name(flashed)
    assert flashed["status"] == "completed", flashed
    assert {name: item["skipped_reason"] for name, item in items.items()} == {
        "fleet-a.yaml": None,
        "fleet-b.yaml": None,
        f"{BROKEN}.yaml": UNKNOWN_TO_HA,
        "fleet-d.yaml": ON_TARGET.format(version=V1),
        f"{OFFLINE_NODE}.yaml": OFFLINE,
    }
    for node in ("fleet-a", "fleet-b"):
        item = items[f"{node}.yaml"]
        assert item["status"] == "completed", item
        assert item["device"] == LOOPBACK
        job = runtime.manager.get(item["job_id"])
        output = "\n".join(job.output())
        assert job.action == "upload"
        assert "Compiling" not in output
        assert "Linking" not in output
        assert "OTA successful" in output or "Successfully uploaded" in output, output
    await hass.async_block_till_done()
    summary = completed[-1]
    assert summary["batch_id"] == flashed["batch_id"]
    assert summary["failed"] == []
    assert sorted(s["configuration"] for s in summary["skipped"]) == [
        f"{BROKEN}.yaml",
        "fleet-d.yaml",
        f"{OFFLINE_NODE}.yaml",
    ]
    registry = dr.async_get(hass)
    for node in ("fleet-a", "fleet-b"):
        node_id = nodes[node].id
        await wait_for(
            lambda node_id=node_id: (  # type: ignore[misc]
                isinstance(found := registry.async_get(node_id), dr.DeviceEntry)
                and found.sw_version == V2
            ),
            f"{node} to report {V2}",
            60,
        )
    d = registry.async_get(nodes["fleet-d"].id)
    assert isinstance(d, dr.DeviceEntry)
    assert d.sw_version == V1

    # 4. Retry failed runs only the broken one.
    retry = await run_batch(hass, retry_failed=first["batch_id"])
    assert [i["configuration"] for i in retry["items"]] == [f"{BROKEN}.yaml"]
    assert retry["action"] == "compile"
    assert retry["counts"]["failed"] == 1

    assert await hass.config_entries.async_unload(entry.entry_id)
