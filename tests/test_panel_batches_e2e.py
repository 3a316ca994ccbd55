"""Fleet updates in the panel, in a real browser against a real Home Assistant.

HA runs as its own process with the fake ESPHome and four configurations that
HA's esphome integration does not know (so *Update all* skips them as
offline unless asked to include them): two slow ones, one that fails, and one
named like HTML. Debian's chromium, driven by `frontend/e2e/panel-batches.e2e.mjs`,
previews *Update all* (what runs, what is skipped and why), starts it with
offline devices included, watches the rows move live, reads the summary and
the failure, follows a row to its log and back, fixes the failing
configuration (through the test) and retries only the failed one, cancels a
*Validate all* while it runs, and checks the views at phone width, with
screenshots (saved to PANEL_E2E_SHOTS when it is set).
"""

from __future__ import annotations

import os
from pathlib import Path
import shutil
import time

from homeassistant.core import HomeAssistant
import pytest

from .conftest import ROOT
from .test_panel_e2e import CHROMIUM, FRONTEND, _drive, _job_processes, _prepare

DRIVER = FRONTEND / "e2e" / "panel-batches.e2e.mjs"
SHOTS = Path(
    os.environ.get("PANEL_E2E_SHOTS", ROOT / ".cache" / "screenshots" / "panel-batches")
)
FAILING = "fleet-beta.yaml"
FLEET = {
    "fleet-alpha.yaml": "sleep 2",
    FAILING: "exit 1",
    "fleet-gamma.yaml": "sleep 1",
    "fleet-<img src=x onerror=alert(1)>.yaml": "exit 0",
}


def _config(name: str, fake: str) -> str:
    return f"# fake: {fake}\nesphome:\n  name: {Path(name).stem}\nhost:\n"


async def test_fleet_update_in_chromium(
    hass: HomeAssistant,
    tmp_path: Path,
    configs_dir: Path,
    fake_esphome: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: run scripts/setup")
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir():
        pytest.fail("frontend npm packages are missing: run scripts/setup")
    for name, fake in FLEET.items():
        (configs_dir / name).write_text(_config(name, fake))
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)

    ha = await _prepare(
        tmp_path / "ha-config", configs_dir, fake_esphome, tmp_path / "ha-home"
    )

    def log(line: str) -> None:
        with capsys.disabled():
            print(f"  [browser] {line}", flush=True)

    async def fix() -> str:
        # The user fixes the configuration that failed.
        (configs_dir / FAILING).write_text(_config(FAILING, "exit 0"))
        return "fixed"

    started = time.monotonic()
    try:
        await hass.async_add_executor_job(ha.start)
        output = await _drive(
            tmp_path / "chromium-home",
            {"@@fix": fix},
            {
                "HA_URL": ha.url,
                "HA_TOKEN": ha.token,
                "SHOTS_DIR": str(SHOTS),
                "FLEET": ",".join(FLEET),
                "FAILING": FAILING,
            },
            log,
            driver=DRIVER,
        )
        assert any(line.startswith("e2e: ok") for line in output)
        shots = sorted(p.name for p in SHOTS.glob("*.png"))
        for wanted in (
            "batches-update-all-preview-desktop.png",
            "batches-running-desktop.png",
            "batches-finished-desktop.png",
            "batches-retry-preview-desktop.png",
            "batches-finished-phone.png",
            "batches-update-all-preview-phone.png",
        ):
            assert wanted in shots
        with capsys.disabled():
            print(
                f"\nbatch screenshots ({len(shots)}): {SHOTS}"
                f" ({time.monotonic() - started:.1f} s with HA's start)",
                flush=True,
            )
        assert await hass.async_add_executor_job(ha.stop) == 0
        assert _job_processes(tmp_path / "ha-home") == [], "jobs left processes"
    finally:
        await hass.async_add_executor_job(ha.kill)
