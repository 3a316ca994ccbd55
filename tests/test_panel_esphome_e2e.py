"""Managed ESPHome in the panel, in a real browser against a real Home Assistant.

HA runs as its own process with an entry on managed ESPHome 2026.10.0 and two
tiny `host:` configurations. Loading the entry starts the setup job: uv (HA's
own) installs the release from the project's warm uv cache, for real. Debian's
chromium, driven by `frontend/e2e/panel-esphome.e2e.mjs`, sees the install in
the versions bar, opens its live log from there (uv's lines, then "ESPHome
2026.10.0 is installed"), pins one device to 2026.10.0b1 through its version
chip (a bad version first: the dialog says so and nothing is pinned; the test
checks that through the websocket API), removes the pin and sets it again, and
compiles the pinned device from its card: the job waits for a second setup job
that installs 2026.10.0b1, then compiles with it. This test checks what the
engine holds afterwards: both versions installed, the pin, the job's ESPHome.
Screenshots at desktop and phone width, light and dark (saved to
PANEL_E2E_SHOTS when it is set).
"""

from __future__ import annotations

import json
from pathlib import Path
import time
from typing import Any

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.const import (
    CONF_ESPHOME_COMMAND,
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    DOMAIN,
    ESPHOME_MANAGED,
)
from devtools.ha_instance import HAWebSocket

from .conftest import ROOT
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

DRIVER = FRONTEND / "e2e" / "panel-esphome.e2e.mjs"
SHOTS = _shots_dir("panel-esphome")
# The release the entry names, and a second real one for the pin; both have
# their wheels in the project's uv cache (see tests/test_managed_esphome.py).
DEFAULT_VERSION = "2026.10.0"
PINNED_VERSION = "2026.10.0b1"
PINNED = "pinned-host.yaml"
PLAIN = "plain-host.yaml"
UV_CACHE = ROOT / ".cache" / "uv"


def _config(name: str, friendly: str) -> str:
    """A tiny device: nothing runs it here, it is only compiled."""
    return f"""\
esphome:
  name: {name}
  friendly_name: {friendly}
host:
logger:
"""


def _make_managed(config_dir: Path, version: str) -> None:
    """Switch the bootstrapped entry to managed ESPHome ``version``."""
    path = config_dir / ".storage" / "core.config_entries"
    stored = json.loads(path.read_text())
    for entry in stored["data"]["entries"]:
        if entry["domain"] == DOMAIN:
            entry["data"].pop(CONF_ESPHOME_COMMAND, None)
            entry["data"][CONF_ESPHOME_SOURCE] = ESPHOME_MANAGED
            entry["data"][CONF_ESPHOME_VERSION] = version
    path.write_text(json.dumps(stored, indent=2))


def _reported(output: list[str], prefix: str) -> dict[str, Any]:
    line = next(line for line in output if line.startswith(prefix))
    data: dict[str, Any] = json.loads(line.removeprefix(prefix))
    return data


async def test_managed_esphome_in_chromium(
    hass: HomeAssistant,
    tmp_path: Path,
    configs_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _require_browser()
    if not UV_CACHE.is_dir():
        pytest.fail("the uv cache is missing: run scripts/setup")
    (configs_dir / PINNED).write_text(_config("pinned-host", "Pinned host"))
    (configs_dir / PLAIN).write_text(_config("plain-host", "Plain host"))
    _fresh_shots(SHOTS)
    ha_config = tmp_path / "ha-config"
    # The command is never used: the entry runs managed ESPHome.
    ha = await _prepare(ha_config, configs_dir, "esphome", tmp_path / "ha-home")
    _make_managed(ha_config, DEFAULT_VERSION)
    # The install reads the project's warm cache: nothing is downloaded.
    ha.env["UV_CACHE_DIR"] = str(UV_CACHE.resolve())
    ha.env["UV_LINK_MODE"] = "copy"

    log = _browser_log(capsys)

    async def call(command: str, **data: Any) -> Any:
        client = await HAWebSocket(ha.url, ha.token).connect()
        try:
            return await client.call(command, **data)
        finally:
            await client.close()

    async def pins() -> str:
        # What the engine holds now, whatever the panel shows.
        versions = await call(f"{DOMAIN}/esphome/versions")
        return json.dumps(versions["pins"])

    started = time.monotonic()
    try:
        await hass.async_add_executor_job(ha.start)
        output = await _drive(
            tmp_path / "chromium-home",
            {"@@pins": pins},
            {
                "HA_URL": ha.url,
                "HA_TOKEN": ha.token,
                "SHOTS_DIR": str(SHOTS),
                "PINNED": PINNED,
                "PLAIN": PLAIN,
                "DEFAULT_VERSION": DEFAULT_VERSION,
                "PINNED_VERSION": PINNED_VERSION,
            },
            log,
            driver=DRIVER,
            timeout=900,
        )
        assert any(line.startswith("e2e: ok") for line in output)

        # The engine's record matches what the panel showed.
        versions = await call(f"{DOMAIN}/esphome/versions")
        assert versions["installed"] == [PINNED_VERSION, DEFAULT_VERSION], versions
        assert versions["default"] == DEFAULT_VERSION
        assert versions["pins"] == {PINNED: PINNED_VERSION}
        assert versions["managed"] is True
        compiled = _reported(output, "compile: ")
        job = (await call(f"{DOMAIN}/jobs/get", job_id=compiled["job_id"]))["job"]
        assert job["action"] == "compile"
        assert job["configuration"] == PINNED
        assert job["status"] == "completed", job
        assert job["esphome_version"] == PINNED_VERSION
        jobs = (await call(f"{DOMAIN}/jobs/list"))["jobs"]
        setups = sorted(
            (j["configuration"], j["status"], j["esphome_version"])
            for j in jobs
            if j["action"] == "setup"
        )
        assert setups == [
            (f"esphome=={DEFAULT_VERSION}", "completed", DEFAULT_VERSION),
            (f"esphome=={PINNED_VERSION}", "completed", PINNED_VERSION),
        ], setups
        venvs = ha_config / ".esphome_builder" / "esphome"
        assert {DEFAULT_VERSION, PINNED_VERSION} <= {p.name for p in venvs.iterdir()}

        _check_shots(
            capsys,
            SHOTS,
            (
                "esphome-install-log-desktop.png",
                "esphome-installed-desktop.png",
                "esphome-pin-error-desktop.png",
                "esphome-pinned-desktop.png",
                "esphome-installing-pin-desktop.png",
                "esphome-pinned-job-desktop.png",
                "esphome-devices-phone.png",
                "esphome-pin-dialog-phone.png",
                "esphome-devices-phone-dark.png",
            ),
            "managed ESPHome",
            started,
        )
        await _stop_cleanly(hass, ha, tmp_path / "ha-home")
    finally:
        await hass.async_add_executor_job(ha.kill)
