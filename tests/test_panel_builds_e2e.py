"""The Builds view in a real browser against a real Home Assistant.

HA runs as its own process with the real ESPHome and one tiny `host:`
configuration. Debian's chromium, driven by `frontend/e2e/panel-builds.e2e.mjs`,
opens the configuration's Builds view (empty), compiles from the device card,
sees the archived build, sees a second compile (started here, through the
websocket API) appear live while the view is open, downloads the newest
program (this test checks the saved bytes against the archived file), and
rolls back to the older build: the program runs here as a device on loopback,
so the rollback flashes it for real, the panel follows the job's live log,
and the older build becomes the *last known good*. Screenshots at desktop and
phone width (saved to PANEL_E2E_SHOTS when it is set).
"""

from __future__ import annotations

from collections.abc import Generator
import hashlib
import json
from pathlib import Path
import time
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from devtools.ha_instance import HAWebSocket
from devtools.host_device import (
    ENV_DEVICE_MARKER,
    HostDevice,
    marked_processes,
    program_path,
)

from .conftest import free_port
from .test_panel_e2e import (
    FRONTEND,
    _browser_log,
    _check_shots,
    _drive,
    _fresh_shots,
    _prepare,
    _require_browser,
    _shots_dir,
    _stop_cleanly,
)

pytestmark = pytest.mark.esphome

DRIVER = FRONTEND / "e2e" / "panel-builds.e2e.mjs"
SHOTS = _shots_dir("panel-builds")
NODE = "builds-host"
CONFIG = f"{NODE}.yaml"
# The archive's folder in HA's config folder (archive.ARCHIVE_FOLDER).
ARCHIVE = (".esphome_builder", "builds")


def _config(api_port: int, ota_port: int) -> str:
    """A tiny device: no encryption, no password, ports nothing else uses."""
    return f"""\
esphome:
  name: {NODE}
  friendly_name: Builds host
host:
  mac_address: "02:42:ac:11:00:16"
logger:
api:
  port: {api_port}
ota:
  - platform: esphome
    port: {ota_port}
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reported(output: list[str], prefix: str) -> dict[str, Any]:
    line = next(line for line in output if line.startswith(prefix))
    data: dict[str, Any] = json.loads(line.removeprefix(prefix))
    return data


@pytest.fixture
def host_devices() -> Generator[list[HostDevice]]:
    """Devices the test starts; all stopped afterwards, none left running."""
    devices: list[HostDevice] = []
    yield devices
    for device in devices:
        device.stop()
    needles = [f"{ENV_DEVICE_MARKER}={device.workdir}" for device in devices]
    assert marked_processes(needles) == []


async def test_builds_view_in_chromium(
    hass: HomeAssistant,
    tmp_path: Path,
    configs_dir: Path,
    real_esphome: str,
    host_devices: list[HostDevice],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _require_browser()
    api_port, ota_port = free_port(), free_port()
    (configs_dir / CONFIG).write_text(_config(api_port, ota_port))
    _fresh_shots(SHOTS)
    ha_config = tmp_path / "ha-config"
    ha = await _prepare(ha_config, configs_dir, real_esphome, tmp_path / "ha-home")
    archive = ha_config.joinpath(*ARCHIVE)

    log = _browser_log(capsys)

    async def call(command: str, **data: Any) -> Any:
        client = await HAWebSocket(ha.url, ha.token).connect()
        try:
            return await client.call(command, **data)
        finally:
            await client.close()

    async def compile_again() -> str:
        # Started outside the panel: the open Builds view must notice by itself.
        answer = await call(
            "esphome_builder/jobs/start", action="compile", configuration=CONFIG
        )
        return str(answer["job_id"])

    async def run_device() -> str:
        # The newest program runs as the device the rollback flashes.
        device = HostDevice(
            program_path(configs_dir, NODE),
            tmp_path / "device",
            ports=(api_port, ota_port),
        )
        device.workdir.mkdir()
        host_devices.append(device)
        await hass.async_add_executor_job(device.start)
        return "running"

    started = time.monotonic()
    try:
        await hass.async_add_executor_job(ha.start)
        output = await _drive(
            tmp_path / "chromium-home",
            {"@@compile": compile_again, "@@device": run_device},
            {
                "HA_URL": ha.url,
                "HA_TOKEN": ha.token,
                "SHOTS_DIR": str(SHOTS),
                "CONFIG": CONFIG,
            },
            log,
            driver=DRIVER,
        )
        assert any(line.startswith("e2e: ok") for line in output)

        # The browser saved exactly the archived file.
        download = _reported(output, "download: ")
        folder = archive / download["build_id"]
        archived = {_sha256(path): path for path in folder.iterdir() if path.is_file()}
        assert download["sha256"] in archived, (download, sorted(archived.values()))
        assert archived[download["sha256"]].stat().st_size == download["size"]

        # The panel's rollback is the engine's: the older build, flashed.
        rollback = _reported(output, "rollback: ")
        job = (await call("esphome_builder/jobs/get", job_id=rollback["job_id"]))["job"]
        assert job["action"] == "rollback"
        assert job["build_id"] == rollback["build_id"]
        assert job["status"] == "completed", job
        builds = (await call("esphome_builder/builds/list", configuration=CONFIG))[
            "builds"
        ]
        assert [b["last_known_good"] for b in builds] == [False, True]
        assert builds[1]["build_id"] == rollback["build_id"]
        # The device runs the older program now (OTA replaced its file).
        older = next(p for p in (archive / builds[1]["build_id"]).iterdir())
        assert _sha256(host_devices[0].flash) == _sha256(older)

        _check_shots(
            capsys,
            SHOTS,
            (
                "builds-empty-desktop.png",
                "builds-desktop.png",
                "builds-rollback-confirm-desktop.png",
                "builds-rollback-job-desktop.png",
                "builds-last-known-good-desktop.png",
                "builds-phone.png",
                "builds-rollback-confirm-phone.png",
            ),
            "builds",
            started,
        )
        await _stop_cleanly(hass, ha, tmp_path / "ha-home")
    finally:
        await hass.async_add_executor_job(ha.kill)
