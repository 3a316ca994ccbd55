"""The whole loop on a real ESPHome device (issue 8).

ESPHome's `host:` platform builds a real device as a Linux program. One test
walks the user story against it: compile through our service, run the program
as the device (loopback only), HA's own esphome integration connects to it, our
entities join that device, a changed YAML is installed over OTA through the
update entity, a wrong OTA password fails, logs stream live and cancel, and
nothing is left running. It compiles twice (the build, then the install's
incremental rebuild); every other step reuses that build. Each step is a
function below, named after what it proves, in the order the test runs them.

On HA 2026.10 (aioesphomeapi 46) HA's esphome integration talks to the device
as it is. On HA 2025.4 (aioesphomeapi 29.9.0) it needs a test-only shim against
ESPHome 2026.x: see tests/aioesphomeapi_login_shim.py for why, and why no newer
aioesphomeapi fits there.
Zeroconf is mocked (`mock_async_zeroconf`): a real one sends mDNS multicast on
every interface, and no packet may leave loopback. Bluetooth adapters are
mocked by pytest-homeassistant's session fixture; there is no radio here.
The bind shim that keeps the device on loopback is pinned in
tests/test_loopback_bind_shim.py, the requirements HA's esphome integration
needs in tests/test_requirements.py.

Select with `pytest -m device`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
import time
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntry, ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import DOMAIN, ENV_JOB_MARKER
from custom_components.esphome_builder.device_lookup import SINGLE_ENTRY_DEVICES
from devtools.host_device import (
    ENV_DEVICE_MARKER,
    LOOPBACK_HEX,
    HostDevice,
    listening_addresses,
    marked_processes,
    program_path,
)
from tests.aioesphomeapi_login_shim import NEEDS_LOGIN_SHIM, install_login_shim
from tests.conftest import free_port, make_entry, own_device, setup_entry

NODE = "e2e-node"
CONFIG = f"{NODE}.yaml"
PASSWORD = "right-ota-password"
LOOPBACK = "127.0.0.1"


def node_yaml(
    api_port: int, ota_port: int, *, version: str, value: float, password: str
) -> str:
    """A `host:` node: API and OTA on set ports, no encryption, no mdns."""
    return f"""\
esphome:
  name: {NODE}
  friendly_name: E2E node
  project:
    name: esphome_builder.e2e
    version: "{version}"
host:
logger:
  level: DEBUG
api:
  port: {api_port}
ota:
  - platform: esphome
    port: {ota_port}
    password: "{password}"
sensor:
  - platform: template
    name: "Answer"
    lambda: "return {value};"
    update_interval: 1s
"""


async def wait_for(predicate: Callable[[], bool], what: str, timeout: float) -> None:
    """Poll `predicate` until it holds; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g}s waiting for {what}")
        await asyncio.sleep(0.1)


def state_of(hass: HomeAssistant, entity_id: str) -> str | None:
    """Return an entity's state, None while it has none."""
    state = hass.states.get(entity_id)
    return state.state if state is not None else None


@pytest.fixture
def aioesphomeapi_login_shim(monkeypatch: pytest.MonkeyPatch) -> None:
    """TEST-ONLY: let aioesphomeapi 29.9.0 (HA 2025.4) connect to ESPHome 2026.x.

    On the current leg nothing is patched: HA's own aioesphomeapi connects.
    """
    if NEEDS_LOGIN_SHIM:
        install_login_shim(monkeypatch)


@pytest.fixture
def host_devices(tmp_path: Path) -> Generator[list[HostDevice]]:
    """Devices a test starts; all stopped afterwards, with none left running."""
    devices: list[HostDevice] = []
    yield devices
    for device in devices:
        device.stop()
    needles = [f"{ENV_DEVICE_MARKER}={device.workdir}" for device in devices]
    assert marked_processes(needles) == []


@dataclass
class Loop:
    """What the steps share: our entry, the node's ports, and what they found."""

    hass: HomeAssistant
    entry: MockConfigEntry
    configs_dir: Path
    api_port: int
    ota_port: int
    device: HostDevice | None = None
    esphome_entry: ConfigEntry | None = None
    node: dr.DeviceEntry | None = None
    answer: str = ""  # the node's sensor entity
    update_id: str = ""
    job_sensor: str = ""

    @property
    def yaml_path(self) -> Path:
        return self.configs_dir / CONFIG

    def write_yaml(self, *, version: str, value: float, password: str) -> None:
        self.yaml_path.write_text(
            node_yaml(
                self.api_port,
                self.ota_port,
                version=version,
                value=value,
                password=password,
            )
        )


@pytest.mark.esphome
@pytest.mark.device
async def test_whole_loop_on_a_host_device(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    configs_dir: Path,
    real_esphome: str,
    tmp_path: Path,
    host_devices: list[HostDevice],
    mock_async_zeroconf: Any,
    aioesphomeapi_login_shim: None,
) -> None:
    api_port, ota_port = free_port(), free_port()
    (configs_dir / CONFIG).write_text(
        node_yaml(api_port, ota_port, version="1.0.0", value=42, password=PASSWORD)
    )
    # HA's core integration is always loaded in a real HA; esphome's
    # dependencies (conversation) need it.
    assert await async_setup_component(hass, "homeassistant", {})
    entry = await setup_entry(hass, make_entry(real_esphome, configs_dir))
    loop = Loop(hass, entry, configs_dir, api_port, ota_port)

    compile_seconds = await compile_through_the_service_and_run_on_loopback(
        loop, tmp_path / "device", host_devices
    )
    await ha_esphome_integration_adds_the_device(loop)
    await our_entities_join_the_node_device(loop)
    install_seconds = await changed_yaml_installs_through_the_update_entity(loop)
    await wrong_ota_password_fails_with_a_translated_error(loop)
    await logs_stream_live_and_cancel_ends_the_process(loop, hass_ws_client)
    await unload_leaves_nothing_running(loop)
    print(f"compile {compile_seconds:.1f}s, install {install_seconds:.1f}s")


async def compile_through_the_service_and_run_on_loopback(
    loop: Loop, workdir: Path, host_devices: list[HostDevice]
) -> float:
    """1. Setup: compile for real through the service, then run the program."""
    started = time.monotonic()
    response = await loop.hass.services.async_call(
        DOMAIN,
        "compile",
        {"configuration": CONFIG, "wait": True},
        blocking=True,
        return_response=True,
    )
    compile_seconds = time.monotonic() - started
    assert response is not None
    assert response["status"] == "completed", response
    assert response["exit_code"] == 0
    program = program_path(loop.configs_dir, NODE)
    assert program.is_file()

    device = HostDevice(program, workdir, ports=(loop.api_port, loop.ota_port))
    device.workdir.mkdir()
    host_devices.append(device)
    device.start()
    loop.device = device
    # Loopback only: both servers listen on 127.0.0.1, and nothing on UDP.
    listening = listening_addresses(device.pid)
    assert {port for _, port in listening} == {loop.api_port, loop.ota_port}
    assert all(address in LOOPBACK_HEX for address, _ in listening), listening
    return compile_seconds


async def ha_esphome_integration_adds_the_device(loop: Loop) -> None:
    """2. HA's own esphome integration adds the device, over loopback."""
    hass = loop.hass
    entities = er.async_get(hass)
    result = await hass.config_entries.flow.async_init(
        "esphome",
        context={"source": SOURCE_USER},
        data={"host": LOOPBACK, "port": loop.api_port},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    esphome_entry = result["result"]
    assert esphome_entry.state is ConfigEntryState.LOADED
    loop.esphome_entry = esphome_entry

    def node_sensors() -> list[str]:
        return [
            reg.entity_id
            for reg in er.async_entries_for_config_entry(
                entities, esphome_entry.entry_id
            )
            if reg.domain == "sensor"
        ]

    await wait_for(lambda: bool(node_sensors()), "the node's sensor entity", 30)
    [answer] = node_sensors()
    loop.answer = answer
    await wait_for(lambda: state_of(hass, answer) == "42.0", "the node's 42", 30)
    [node] = dr.async_entries_for_config_entry(
        dr.async_get(hass), esphome_entry.entry_id
    )
    assert node.sw_version == "1.0.0 (ESPHome 2026.10.0)"
    loop.node = node


async def our_entities_join_the_node_device(loop: Loop) -> None:
    """Our entities moved onto that device; no twin of ours is left."""
    hass = loop.hass
    entities = er.async_get(hass)
    assert loop.node is not None
    await hass.async_block_till_done()
    update_id = entities.async_get_entity_id("update", DOMAIN, f"{CONFIG}-firmware")
    job_sensor = entities.async_get_entity_id(
        "sensor", DOMAIN, f"{CONFIG}-firmware_job"
    )
    assert update_id is not None
    assert job_sensor is not None
    loop.update_id, loop.job_sensor = update_id, job_sensor
    for entity_id in (update_id, job_sensor):
        reg_entry = entities.async_get(entity_id)
        assert reg_entry is not None
        assert reg_entry.device_id == loop.node.id, entity_id
    ours = own_device(hass, loop.entry, CONFIG)
    if SINGLE_ENTRY_DEVICES:
        assert ours is None  # attached to the node's device, never merged into it
    else:
        assert ours is not None
        assert ours.id == loop.node.id
    assert state_of(hass, job_sensor) == "completed"
    update = hass.states.get(update_id)
    assert update is not None
    assert update.state == STATE_OFF
    assert update.attributes["installed_version"] == "1.0.0 (ESPHome 2026.10.0)"
    assert update.attributes["latest_version"] == "1.0.0 (ESPHome 2026.10.0)"


async def changed_yaml_installs_through_the_update_entity(loop: Loop) -> float:
    """3. Change the YAML and install it through the update entity."""
    hass = loop.hass
    runtime = loop.entry.runtime_data
    update_id = loop.update_id
    assert loop.node is not None
    assert loop.device is not None
    loop.write_yaml(version="1.1.0", value=43, password=PASSWORD)
    await runtime.catalog.async_refresh()
    await hass.async_block_till_done()
    update = hass.states.get(update_id)
    assert update is not None
    assert update.state == STATE_ON
    assert update.attributes["latest_version"] == "1.1.0 (ESPHome 2026.10.0)"

    seen: list[dict[str, Any]] = []

    @callback  # in the loop, in order (a plain function would run in a thread)
    def record(event: Event[EventStateChangedData]) -> None:
        if (new := event.data["new_state"]) is not None:
            seen.append(dict(new.attributes))

    unsub = async_track_state_change_event(hass, [update_id], record)
    started = time.monotonic()
    await hass.services.async_call(
        "update", "install", {"entity_id": update_id}, blocking=True
    )
    install_seconds = time.monotonic() - started
    unsub()
    [install] = [job for job in runtime.manager.jobs() if job.action == "install"]
    assert install.status == "completed", install.output()[-20:]
    # To the address HA's esphome integration uses: a host node has no other.
    assert install.device == LOOPBACK
    percentages = [a["update_percentage"] for a in seen if a["in_progress"]]
    assert len(set(percentages)) >= 3, percentages
    assert percentages == sorted(percentages), percentages
    assert seen[-1]["in_progress"] is False

    # The device re-execs itself on the new image; HA reconnects and sees it.
    devices = dr.async_get(hass)
    node_id = loop.node.id
    await wait_for(lambda: state_of(hass, loop.answer) == "43.0", "the node's 43", 60)
    await wait_for(
        lambda: (
            isinstance(n := devices.async_get(node_id), dr.DeviceEntry)
            and n.sw_version == "1.1.0 (ESPHome 2026.10.0)"
        ),
        "the new firmware version on HA's device",
        30,
    )
    await hass.async_block_till_done()
    update = hass.states.get(update_id)
    assert update is not None
    assert update.state == STATE_OFF
    assert (
        update.attributes["installed_version"]
        == update.attributes["latest_version"]
        == "1.1.0 (ESPHome 2026.10.0)"
    )
    log = loop.device.log_text()
    assert "OTA staged" in log
    assert "Project esphome_builder.e2e version 1.1.0" in log
    assert loop.device.process is not None
    assert loop.device.process.poll() is None  # the same process, re-executed
    return install_seconds


async def wrong_ota_password_fails_with_a_translated_error(loop: Loop) -> None:
    """4. A wrong OTA password fails the job, with a translated error."""
    loop.write_yaml(version="1.1.0", value=43, password="wrong")
    with pytest.raises(HomeAssistantError) as failure:
        await loop.hass.services.async_call(
            DOMAIN,
            "upload",
            {"configuration": CONFIG, "device": LOOPBACK, "wait": True},
            blocking=True,
        )
    assert failure.value.translation_key == "job_failed"
    assert str(failure.value).startswith(f"The upload job for {CONFIG} failed")
    upload = loop.entry.runtime_data.manager.jobs()[0]
    assert upload.action == "upload"
    assert upload.status == "failed"
    assert any("Authentication invalid" in line for line in upload.output())
    assert state_of(loop.hass, loop.answer) == "43.0"  # still running the good image


async def logs_stream_live_and_cancel_ends_the_process(
    loop: Loop, hass_ws_client: WebSocketGenerator
) -> None:
    """5. Logs stream live through jobs/follow; cancel ends them, process and all."""
    manager = loop.entry.runtime_data.manager
    client = await hass_ws_client(loop.hass)
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/jobs/start",
            "action": "logs",
            "configuration": CONFIG,
            "device": LOOPBACK,
        }
    )
    reply = await client.receive_json()
    assert reply["success"], reply
    logs_id = reply["result"]["job_id"]
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/follow", "job_id": logs_id})
    follow_id = (await client.receive_json())["id"]
    live: list[str] = []
    async with asyncio.timeout(60):
        while not any("'Answer'" in line and "43.0" in line for line in live):
            message = await client.receive_json()
            assert message["id"] == follow_id, message
            event = message["event"]
            assert event["type"] != "result", event
            if event["type"] in ("history", "output"):
                live.extend(event["lines"])
    assert manager.get(logs_id).status == "running"
    logs_marker = f"{ENV_JOB_MARKER}={logs_id}"
    assert marked_processes([logs_marker]) != []
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/cancel", "job_id": logs_id})
    async with asyncio.timeout(30):
        while True:
            message = await client.receive_json()
            if message["id"] == follow_id and message["event"]["type"] == "result":
                break
    assert message["event"]["status"] == "cancelled"
    assert manager.get(logs_id).status == "cancelled"
    assert marked_processes([logs_marker]) == []


async def unload_leaves_nothing_running(loop: Loop) -> None:
    """6. Clean up: unload both integrations, stop the device; nothing is left."""
    hass = loop.hass
    assert loop.esphome_entry is not None
    assert loop.device is not None
    manager = loop.entry.runtime_data.manager
    assert await hass.config_entries.async_unload(loop.esphome_entry.entry_id)
    assert await hass.config_entries.async_unload(loop.entry.entry_id)
    await hass.async_block_till_done()
    loop.device.stop()
    job_markers = [f"{ENV_JOB_MARKER}={job.job_id}" for job in manager.jobs()]
    assert (
        marked_processes([*job_markers, f"{ENV_DEVICE_MARKER}={loop.device.workdir}"])
        == []
    )
