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

from pathlib import Path
import time

from homeassistant.core import HomeAssistant
import pytest

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

DRIVER = FRONTEND / "e2e" / "panel-batches.e2e.mjs"
SHOTS = _shots_dir("panel-batches")
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
    _require_browser()
    for name, fake in FLEET.items():
        (configs_dir / name).write_text(_config(name, fake))
    _fresh_shots(SHOTS)

    ha = await _prepare(
        tmp_path / "ha-config", configs_dir, fake_esphome, tmp_path / "ha-home"
    )

    log = _browser_log(capsys)

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
        _check_shots(
            capsys,
            SHOTS,
            (
                "batches-update-all-preview-desktop.png",
                "batches-running-desktop.png",
                "batches-finished-desktop.png",
                "batches-retry-preview-desktop.png",
                "batches-finished-phone.png",
                "batches-update-all-preview-phone.png",
            ),
            "batch",
            started,
        )
        await _stop_cleanly(hass, ha, tmp_path / "ha-home")
    finally:
        await hass.async_add_executor_job(ha.kill)
