"""The whole loop on a real ESPHome device (issue 8).

ESPHome's `host:` platform builds a real device as a Linux program. One test
walks the user story against it: compile through our service, run the program
as the device (loopback only), HA's own esphome integration connects to it, our
entities join that device, a changed YAML is installed over OTA through the
update entity, a wrong OTA password fails, logs stream live and cancel, and
nothing is left running. It compiles twice (the build, then the install's
incremental rebuild); every other step reuses that build.

On HA 2026.10 (aioesphomeapi 46) HA's esphome integration talks to the device
as it is. On HA 2025.4 (aioesphomeapi 29.9.0) it needs a test-only shim against
ESPHome 2026.x: see tests/aioesphomeapi_login_shim.py for why, and why no newer
aioesphomeapi fits there.
Zeroconf is mocked (`mock_async_zeroconf`): a real one sends mDNS multicast on
every interface, and no packet may leave loopback. Bluetooth adapters are
mocked by pytest-homeassistant's session fixture; there is no radio here.

Select with `pytest -m device`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from importlib import metadata
import json
from pathlib import Path
import socket
import subprocess
import sys
import time
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, __version__ as HA_VERSION
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.const import DOMAIN, ENV_JOB_MARKER
from custom_components.esphome_builder.device_lookup import SINGLE_ENTRY_DEVICES
from custom_components.esphome_builder.devices import read_device_config
from devtools.host_device import (
    ENV_DEVICE_MARKER,
    LOOPBACK_HEX,
    HostDevice,
    build_bind_shim,
    listening_addresses,
    marked_processes,
    program_path,
)
from tests.aioesphomeapi_login_shim import install_login_shim
from tests.conftest import ROOT, free_port, make_entry, own_device, setup_entry

NODE = "e2e-node"
CONFIG = f"{NODE}.yaml"
PASSWORD = "right-ota-password"
LOOPBACK = "127.0.0.1"
HA_COMPONENTS = Path(__import__("homeassistant.components").components.__path__[0])


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


# aioesphomeapi skips the password login from 36.x on; HA 2026.10 pins 46.x.
NEEDS_LOGIN_SHIM = int(metadata.version("aioesphomeapi").split(".")[0]) < 36


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


# -- infrastructure: cheap checks that run with the rest of the suite ---------------


def test_requirements_match_ha_esphome_manifests() -> None:
    """Everything HA's esphome integration and its dependencies need is installed,
    at the manifests' pins: HA never pip-installs at start-up."""
    # The leg whose test requirements pin the Home Assistant that runs this test.
    legs = [
        folder
        for folder in (ROOT / "requirements").iterdir()
        if folder.is_dir()
        and f"homeassistant=={HA_VERSION}\n" in (folder / "test.txt").read_text()
    ]
    assert len(legs) == 1, f"no requirements/<leg> pins homeassistant=={HA_VERSION}"
    installed = {}
    for line in (legs[0] / "ha_esphome.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            installed[name] = version
    needed: dict[str, str] = {}
    # HA's esphome integration, its dependencies, and the entity platforms it
    # forwards (esphome/<platform>.py): HA imports each of those at start-up,
    # and the frontend's service list imports camera's base component.
    platforms = sorted(
        path.stem
        for path in (HA_COMPONENTS / "esphome").glob("*.py")
        if (HA_COMPONENTS / path.stem / "manifest.json").exists()
    )
    todo, seen = ["esphome", *platforms], set()
    while todo:
        domain = todo.pop()
        if domain in seen:
            continue
        seen.add(domain)
        manifest = json.loads((HA_COMPONENTS / domain / "manifest.json").read_text())
        todo.extend(manifest.get("dependencies", []))
        for requirement in manifest.get("requirements", []):
            name, _, version = requirement.partition("==")
            needed[name] = version
    assert needed == installed
    assert {name: metadata.version(name) for name in needed} == needed


@pytest.mark.parametrize(
    ("family", "address", "v6only", "expected"),
    [
        ("AF_INET", "0.0.0.0", False, "127.0.0.1"),
        ("AF_INET6", "::", True, "::1"),
        ("AF_INET6", "::", False, "::ffff:127.0.0.1"),
        ("AF_INET", "127.0.0.2", False, "127.0.0.2"),  # not a wildcard: unchanged
    ],
)
def test_bind_shim_keeps_wildcards_on_loopback(
    family: str, address: str, v6only: bool, expected: str
) -> None:
    script = (
        "import socket\n"
        f"s = socket.socket(socket.{family})\n"
        f"if {v6only}: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\n"
        f"if socket.{family} == socket.AF_INET6 and not {v6only}:\n"
        "    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n"
        f"s.bind(({address!r}, 0))\n"
        "print(s.getsockname()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"LD_PRELOAD": str(build_bind_shim())},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_bind_shim_is_needed() -> None:
    """Without the shim a wildcard bind is a wildcard (the test above can fail)."""
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        assert sock.getsockname()[0] == "0.0.0.0"


def test_project_version_is_read(tmp_path: Path) -> None:
    """The update entity's latest version comes from `esphome: project: version:`."""
    path = tmp_path / "node.yaml"
    path.write_text(
        "substitutions:\n  v: 2.0.1\n"
        "esphome:\n  name: node\n  project:\n    name: a.b\n    version: ${v}\n"
        "  on_boot:\n    - version: nope\n"
        "host:\n"
    )
    assert read_device_config(path).project_version == "2.0.1"
    path.write_text("esphome:\n  name: node\n  version: nope\nhost:\n")
    assert read_device_config(path).project_version is None


# -- the whole loop ----------------------------------------------------------------


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
    yaml_path = configs_dir / CONFIG
    yaml_path.write_text(
        node_yaml(api_port, ota_port, version="1.0.0", value=42, password=PASSWORD)
    )
    # HA's core integration is always loaded in a real HA; esphome's
    # dependencies (conversation) need it.
    assert await async_setup_component(hass, "homeassistant", {})
    entry = await setup_entry(hass, make_entry(real_esphome, configs_dir))
    runtime = entry.runtime_data
    entities = er.async_get(hass)
    devices = dr.async_get(hass)

    # 1. Setup: compile for real through the service, then run the program.
    started = time.monotonic()
    response = await hass.services.async_call(
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
    program = program_path(configs_dir, NODE)
    assert program.is_file()

    device = HostDevice(program, tmp_path / "device", ports=(api_port, ota_port))
    device.workdir.mkdir()
    host_devices.append(device)
    device.start()
    # Loopback only: both servers listen on 127.0.0.1, and nothing on UDP.
    listening = listening_addresses(device.pid)
    assert {port for _, port in listening} == {api_port, ota_port}
    assert all(address in LOOPBACK_HEX for address, _ in listening), listening

    # 2. HA's own esphome integration adds the device, over loopback.
    result = await hass.config_entries.flow.async_init(
        "esphome",
        context={"source": SOURCE_USER},
        data={"host": LOOPBACK, "port": api_port},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    esphome_entry = result["result"]
    assert esphome_entry.state is ConfigEntryState.LOADED

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
    await wait_for(lambda: state_of(hass, answer) == "42.0", "the node's 42", 30)
    [node] = dr.async_entries_for_config_entry(devices, esphome_entry.entry_id)
    assert node.sw_version == "1.0.0 (ESPHome 2026.10.0)"

    # Our entities moved onto that device; no twin of ours is left.
    await hass.async_block_till_done()
    update_id = entities.async_get_entity_id("update", DOMAIN, f"{CONFIG}-firmware")
    job_sensor = entities.async_get_entity_id(
        "sensor", DOMAIN, f"{CONFIG}-firmware_job"
    )
    assert update_id is not None
    assert job_sensor is not None
    for entity_id in (update_id, job_sensor):
        reg_entry = entities.async_get(entity_id)
        assert reg_entry is not None
        assert reg_entry.device_id == node.id, entity_id
    ours = own_device(hass, entry, CONFIG)
    if SINGLE_ENTRY_DEVICES:
        assert ours is None  # attached to the node's device, never merged into it
    else:
        assert ours is not None
        assert ours.id == node.id
    assert state_of(hass, job_sensor) == "completed"
    update = hass.states.get(update_id)
    assert update is not None
    assert update.state == STATE_OFF
    assert update.attributes["installed_version"] == "1.0.0 (ESPHome 2026.10.0)"
    assert update.attributes["latest_version"] == "1.0.0 (ESPHome 2026.10.0)"

    # 3. Change the YAML and install it through the update entity.
    yaml_path.write_text(
        node_yaml(api_port, ota_port, version="1.1.0", value=43, password=PASSWORD)
    )
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
    await wait_for(lambda: state_of(hass, answer) == "43.0", "the node's 43", 60)
    await wait_for(
        lambda: (
            isinstance(n := devices.async_get(node.id), dr.DeviceEntry)
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
    log = device.log_text()
    assert "OTA staged" in log
    assert "Project esphome_builder.e2e version 1.1.0" in log
    assert device.process is not None
    assert device.process.poll() is None  # the same process, re-executed

    # 4. A wrong OTA password fails the job, with a translated error.
    yaml_path.write_text(
        node_yaml(api_port, ota_port, version="1.1.0", value=43, password="wrong")
    )
    with pytest.raises(HomeAssistantError) as failure:
        await hass.services.async_call(
            DOMAIN,
            "upload",
            {"configuration": CONFIG, "device": LOOPBACK, "wait": True},
            blocking=True,
        )
    assert failure.value.translation_key == "job_failed"
    assert str(failure.value).startswith(f"The upload job for {CONFIG} failed")
    upload = runtime.manager.jobs()[0]
    assert upload.action == "upload"
    assert upload.status == "failed"
    assert any("Authentication invalid" in line for line in upload.output())
    assert state_of(hass, answer) == "43.0"  # still running the good image

    # 5. Logs stream live through jobs/follow; cancel ends them, process and all.
    client = await hass_ws_client(hass)
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
    assert runtime.manager.get(logs_id).status == "running"
    logs_marker = f"{ENV_JOB_MARKER}={logs_id}"
    assert marked_processes([logs_marker]) != []
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/cancel", "job_id": logs_id})
    async with asyncio.timeout(30):
        while True:
            message = await client.receive_json()
            if message["id"] == follow_id and message["event"]["type"] == "result":
                break
    assert message["event"]["status"] == "cancelled"
    assert runtime.manager.get(logs_id).status == "cancelled"
    assert marked_processes([logs_marker]) == []

    # 6. Clean up: unload both integrations, stop the device; nothing is left.
    assert await hass.config_entries.async_unload(esphome_entry.entry_id)
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    device.stop()
    job_markers = [f"{ENV_JOB_MARKER}={job.job_id}" for job in runtime.manager.jobs()]
    assert (
        marked_processes([*job_markers, f"{ENV_DEVICE_MARKER}={device.workdir}"]) == []
    )
    print(f"compile {compile_seconds:.1f}s, install {install_seconds:.1f}s")
