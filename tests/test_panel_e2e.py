"""The panel in a real browser against a real Home Assistant process.

HA runs as its own process with the integration and the admin dev/dev (no
onboarding by hand). Debian's chromium, driven by Playwright from npm
(`frontend/e2e/panel.e2e.mjs`), opens /esphome-builder, validates and installs
the sample `host:` device with the real ESPHome, follows a long job live,
pauses and cancels it, checks that a line that looks like HTML stays text,
takes screenshots (desktop and phone, light and dark), and sees the panel come
back by itself after HA restarts. It counts the page's websocket frames: the
panel keeps one `subscribe_events` stream for devices and jobs, never opens
`jobs/subscribe`, and a burst of BURST jobs queued at once shows up in full
without the server asking for a resync.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import json
import os
from pathlib import Path
import re
import shutil
import sys
import time

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


def _shots_dir(name: str) -> Path:
    """Where a driver's screenshots go: PANEL_E2E_SHOTS, or .cache/screenshots/NAME."""
    return Path(
        os.environ.get("PANEL_E2E_SHOTS", ROOT / ".cache" / "screenshots" / name)
    )


SHOTS = _shots_dir("panel-e2e")

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

BURST = 100
# The engine's debug line when a state stream overflows and must resync.
OVERFLOW_LOG = re.compile(r"Stream (\d+) overflowed; client must resync")


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


async def _burst(ha: HAProcess, configurations: list[str]) -> list[str]:
    """Queue a validate job for each configuration at once; return the job ids.

    Every request goes out before the first answer is read, so the jobs queue
    within a few milliseconds: as many job events as possible per flush.
    """
    client = await HAWebSocket(ha.url, ha.token).connect()
    try:
        ids = [
            await client.send(
                "esphome_builder/jobs/start", action="validate", configuration=name
            )
            for name in configurations
        ]
        job_ids: dict[int, str] = {}
        while len(job_ids) < len(ids):
            message = await client.receive()
            if message.get("type") == "result" and message.get("id") in ids:
                assert message["success"], message
                job_ids[message["id"]] = message["result"]["job_id"]
        return [job_ids[i] for i in ids]
    finally:
        await client.close()


async def _drive(
    home: Path,
    handlers: dict[str, Callable[[], Awaitable[str]]],
    env: dict[str, str],
    log: Callable[[str], None],
    driver: Path = DRIVER,
    timeout: float = 600,
) -> list[str]:
    """Run the browser script; answer its requests (`@@...`). Return its output."""
    proc = await asyncio.create_subprocess_exec(
        "node",
        str(driver),
        cwd=FRONTEND,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, **env, "CHROMIUM": str(CHROMIUM), "BROWSER_HOME": str(home)},
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    output: list[str] = []
    try:
        async with asyncio.timeout(timeout):
            while line := (await proc.stdout.readline()).decode(errors="replace"):
                output.append(line.rstrip("\n"))
                log(line.rstrip("\n"))
                if (handler := handlers.get(line.strip())) is not None:
                    answer = await handler()
                    proc.stdin.write(answer.encode() + b"\n")
                    await proc.stdin.drain()
            await proc.wait()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, "browser checks failed:\n" + "\n".join(output[-60:])
    return output


def _require_browser() -> None:
    """Fail (not skip) when scripts/setup has not installed the browser side."""
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: run scripts/setup")
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir():
        pytest.fail("frontend npm packages are missing: run scripts/setup")


def _fresh_shots(shots: Path) -> None:
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)


def _browser_log(capsys: pytest.CaptureFixture[str]) -> Callable[[str], None]:
    """Print the driver's lines as they come, past pytest's capture."""

    def log(line: str) -> None:
        with capsys.disabled():
            print(f"  [browser] {line}", flush=True)

    return log


def _check_shots(
    capsys: pytest.CaptureFixture[str],
    shots: Path,
    wanted: tuple[str, ...],
    what: str,
    started: float,
) -> None:
    """The driver saved every screenshot in `wanted`; say where they are."""
    names = sorted(p.name for p in shots.glob("*.png"))
    for name in wanted:
        assert name in names
    with capsys.disabled():
        print(
            f"\n{what} screenshots ({len(names)}): {shots}"
            f" ({time.monotonic() - started:.1f} s with HA's start)",
            flush=True,
        )


async def _stop_cleanly(hass: HomeAssistant, ha: HAProcess, home: Path) -> None:
    """HA stops with exit code 0 and leaves no job's process behind."""
    assert await hass.async_add_executor_job(ha.stop) == 0
    assert _job_processes(home) == [], "jobs left processes"


async def test_panel_in_chromium(
    hass: HomeAssistant,
    tmp_path: Path,
    configs_dir: Path,
    real_esphome: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _require_browser()

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
    _fresh_shots(SHOTS)

    ha = await _prepare(
        tmp_path / "ha-config",
        configs_dir,
        f"{sys.executable} {wrapper}",
        tmp_path / "ha-home",
    )
    burst = [f"panel-burst-{i:03}.yaml" for i in range(BURST)]

    log = _browser_log(capsys)

    async def restart() -> str:
        assert await hass.async_add_executor_job(ha.stop) == 0
        # The burst's configurations appear while HA is down: the catalog
        # knows them from the start, and no rescan (every 30 s) adds a hundred
        # devices in the middle of the burst.
        for name in burst:
            (configs_dir / name).write_text(
                f"# fake: exit 0\nesphome:\n  name: {name.removesuffix('.yaml')}\nhost:\n"
            )
        await hass.async_add_executor_job(ha.start)
        return "restarted"

    async def queue_burst() -> str:
        # What the user saw matches the engine's record. Checked now: the
        # burst's finished jobs push these out of the engine's history.
        client = await HAWebSocket(ha.url, ha.token).connect()
        jobs = (await client.call("esphome_builder/jobs/list"))["jobs"]
        await client.close()
        seen = {(j["configuration"], j["action"], j["status"]) for j in jobs}
        assert ("sample-host.yaml", "validate", "completed") in seen
        assert ("sample-host.yaml", "install", "failed") in seen
        assert ("panel-ticker.yaml", "compile", "cancelled") in seen
        assert ("panel-html.yaml", "validate", "completed") in seen
        assert ("panel-flood.yaml", "compile", "completed") in seen
        started = time.monotonic()
        job_ids = await _burst(ha, burst)
        log(f"(test) {len(job_ids)} jobs queued in {time.monotonic() - started:.2f} s")
        return json.dumps(job_ids)

    try:
        await hass.async_add_executor_job(ha.start)
        try:
            output = await _drive(
                tmp_path / "chromium-home",
                {"@@restart": restart, "@@burst": queue_burst},
                {
                    "HA_URL": ha.url,
                    "HA_TOKEN": ha.token,
                    "SHOTS_DIR": str(SHOTS),
                    "BURST": str(BURST),
                },
                log,
            )
        finally:
            # Whether or not the browser saw it: a state stream that overflowed.
            overflows = OVERFLOW_LOG.findall(
                ha.log_path.read_text(encoding="utf-8", errors="replace")
            )
            if overflows:
                log(f"(test) HA log: streams {overflows} overflowed and resynced")
        assert "e2e: ok" in output
        assert overflows == [], f"streams that overflowed: {overflows}"

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
        await _stop_cleanly(hass, ha, tmp_path / "ha-home")
    finally:
        await hass.async_add_executor_job(ha.kill)
