"""The panel in a real browser against a real Home Assistant process.

HA runs as its own process with the integration and the admin dev/dev (no
onboarding by hand). Debian's chromium, driven by Playwright from npm
(`frontend/e2e/panel.e2e.mjs`), opens /esphome-builder, validates and installs
the sample `host:` device with the real ESPHome, follows a long job live,
pauses and cancels it, checks that a line that looks like HTML stays text,
takes screenshots (desktop and phone, light and dark), and sees the panel come
back by itself after HA restarts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import json
import os
from pathlib import Path
import re
import shutil
import sys

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.const import ENV_JOB_MARKER
from custom_components.esphome_builder.jobs.processes import pids_with_environ
from devtools.ha_instance import HAProcess, HAWebSocket

from .conftest import FAKE_SOURCE, ROOT, free_port

pytestmark = pytest.mark.esphome

FRONTEND = ROOT / "frontend"
DRIVER = FRONTEND / "e2e" / "panel.e2e.mjs"
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(
    os.environ.get("PANEL_E2E_SHOTS", ROOT / ".cache" / "screenshots" / "panel-e2e")
)

# One command for the whole instance: configurations with a `# fake:` line run
# the fake ESPHome (a long ticker, HTML-looking output), the rest the real one.
WRAPPER = """\
import os, sys
args = sys.argv[1:]
config = next((a for a in args if a.endswith((".yaml", ".yml"))), None)
if config and "# fake:" in open(config).read():
    os.execv(sys.executable, [sys.executable, {fake!r}, *args])
os.execv({real!r}, [{real!r}, *args])
"""


def _sample_config() -> str:
    """The repository's sample device, on ports nothing listens on here."""
    text = (ROOT / "config" / "esphome" / "sample-host.yaml").read_text()
    text = re.sub(r"port: 6053", f"port: {free_port()}", text)
    return re.sub(r"port: 8082", f"port: {free_port()}", text)


def _job_processes(home: Path) -> list[int]:
    """Processes of this instance's jobs (others may run on this machine)."""
    marker = ENV_JOB_MARKER.encode() + b"="
    own_home = b"HOME=" + str(home).encode()
    return pids_with_environ(
        lambda environ: (
            own_home in environ and any(e.startswith(marker) for e in environ)
        )
    )


async def _prepare(
    config_dir: Path, configs_dir: Path, command: str, home: Path
) -> HAProcess:
    """HAProcess.prepare, in a process of its own.

    The test harness replaces HA's storage writes with an in-memory mock in
    this process, so a user and token created here would never reach disk.
    """
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from devtools.ha_instance import HAProcess\n"
        "ha = HAProcess.prepare(*map(Path, sys.argv[1:3]), sys.argv[3], Path(sys.argv[4]))\n"
        "print(json.dumps({'port': ha.port, 'token': ha.token, 'env': ha.env}))\n"
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        str(config_dir),
        str(configs_dir),
        command,
        str(home),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode(errors="replace")
    data = json.loads(out.decode().strip().splitlines()[-1])
    return HAProcess(
        config_dir=config_dir, port=data["port"], token=data["token"], env=data["env"]
    )


async def _drive(
    ha: HAProcess, hass: HomeAssistant, shots: Path, home: Path, log: Callable
) -> list[str]:
    """Run the browser script; restart HA when it asks. Return its output."""
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(DRIVER),
        cwd=FRONTEND,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={
            **os.environ,
            "HA_URL": ha.url,
            "HA_TOKEN": ha.token,
            "SHOTS_DIR": str(shots),
            "CHROMIUM": str(CHROMIUM),
            "BROWSER_HOME": str(home),
        },
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    output: list[str] = []
    try:
        async with asyncio.timeout(600):
            while line := (await proc.stdout.readline()).decode(errors="replace"):
                output.append(line.rstrip("\n"))
                log(line.rstrip("\n"))
                if line.strip() == "@@restart":
                    assert await hass.async_add_executor_job(ha.stop) == 0
                    await hass.async_add_executor_job(ha.start)
                    proc.stdin.write(b"restarted\n")
                    await proc.stdin.drain()
            await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, "browser checks failed:\n" + "\n".join(output[-60:])
    return output


async def test_panel_in_chromium(
    hass: HomeAssistant,
    tmp_path: Path,
    configs_dir: Path,
    real_esphome: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: run scripts/setup")
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir():
        pytest.fail("frontend npm packages are missing: run scripts/setup")

    wrapper = tmp_path / "esphome-wrapper.py"
    wrapper.write_text(WRAPPER.format(fake=str(FAKE_SOURCE), real=real_esphome))
    (configs_dir / "sample-host.yaml").write_text(_sample_config())
    (configs_dir / "panel-ticker.yaml").write_text(
        "# fake: ticker 0.001\nesphome:\n  name: panel-ticker\nhost:\n"
    )
    (configs_dir / "panel-flood.yaml").write_text(
        "# fake: flood 1000000\nesphome:\n  name: panel-flood\nhost:\n"
    )
    (configs_dir / "panel-html.yaml").write_text(
        "# fake: html\nesphome:\n  name: panel-html\nhost:\n"
    )
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)

    ha = await _prepare(
        tmp_path / "ha-config",
        configs_dir,
        f"{sys.executable} {wrapper}",
        tmp_path / "ha-home",
    )
    try:
        await hass.async_add_executor_job(ha.start)

        def log(line: str) -> None:
            with capsys.disabled():
                print(f"  [browser] {line}", flush=True)

        output = await _drive(ha, hass, SHOTS, tmp_path / "chromium-home", log)
        assert "e2e: ok" in output

        # What the user saw matches the engine's record.
        client = await HAWebSocket(ha.url, ha.token).connect()
        jobs = (await client.call("esphome_builder/jobs/list"))["jobs"]
        await client.close()
        seen = {(j["configuration"], j["action"], j["status"]) for j in jobs}
        assert ("sample-host.yaml", "validate", "completed") in seen
        assert ("sample-host.yaml", "install", "failed") in seen
        assert ("panel-ticker.yaml", "compile", "cancelled") in seen
        assert ("panel-html.yaml", "validate", "completed") in seen
        assert ("panel-flood.yaml", "compile", "completed") in seen

        shots = sorted(p.name for p in SHOTS.glob("*.png"))
        for wanted in (
            "devices-desktop-light.png",
            "job-desktop-dark.png",
            "devices-phone-dark.png",
            "job-phone-light.png",
        ):
            assert wanted in shots
        with capsys.disabled():
            print(f"\npanel screenshots ({len(shots)}): {SHOTS}", flush=True)
        assert await hass.async_add_executor_job(ha.stop) == 0
        assert _job_processes(tmp_path / "ha-home") == [], "jobs left processes"
    finally:
        await hass.async_add_executor_job(ha.kill)
