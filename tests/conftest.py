"""Shared fixtures: a real HA, real configs folders, real (or fake) ESPHome."""

from __future__ import annotations

from collections.abc import Callable, Generator
import contextlib
import logging
import os
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time

from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, frame
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.esphome_builder.const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_UPLOAD_JOBS,
    DOMAIN,
    ENV_OWNER_MARKER,
)
from custom_components.esphome_builder.device_lookup import (
    SINGLE_ENTRY_DEVICES,
    device_by_identifier,
)
from custom_components.esphome_builder.jobs.manager import JobManager
from custom_components.esphome_builder.jobs.processes import pids_with_environ
from devtools.ha_instance import HAProcess

ROOT = Path(__file__).resolve().parent.parent
REAL_ESPHOME = ROOT / ".venv-esphome" / "bin" / "esphome"
FAKE_SOURCE = Path(__file__).with_name("fake_esphome.py")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/ in every test."""


def pytest_report_header() -> str:
    """Name the Home Assistant of this leg in the test output."""
    return (
        f"Home Assistant {HA_VERSION} on Python {sys.version.split()[0]}"
        f" ({'single' if SINGLE_ENTRY_DEVICES else 'shared'}-entry devices)"
    )


# What HA's frame helper logs when code uses a deprecated API: "Detected code
# that ..." for a caller it cannot place, "Detected that custom integration
# 'esphome_builder' ..." for ours.
DEPRECATION_REPORTS = (
    "Detected code that",
    f"Detected that custom integration '{DOMAIN}'",
)


class DeprecationReports(logging.Handler):
    """Collects HA's deprecation reports while a test runs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(DEPRECATION_REPORTS):
            self.reports.append(message)


@pytest.fixture(autouse=True)
def no_deprecation_reports() -> Generator[DeprecationReports]:
    """Fail a test in which HA reports deprecated use of its API.

    HA reports each use once per process; forget earlier reports so that every
    test that makes one fails, not only the first.
    """
    reported = getattr(frame, "_REPORTED_INTEGRATIONS", None)
    if isinstance(reported, set):
        reported.clear()
    handler = DeprecationReports()
    frame_logger = logging.getLogger(frame.__name__)
    frame_logger.addHandler(handler)
    try:
        yield handler
    finally:
        frame_logger.removeHandler(handler)
    assert not handler.reports, "Home Assistant reported deprecated use:\n" + "\n".join(
        handler.reports
    )


@pytest.fixture(autouse=True)
def no_deprecation_reports_in_hass_processes() -> Generator[None]:
    """Fail a test whose real `hass` processes logged a deprecation of ours."""
    HAProcess.started.clear()
    yield
    reports = [line for ha in HAProcess.started for line in ha.deprecation_reports()]
    HAProcess.started.clear()
    assert not reports, "a hass process reported deprecated use:\n" + "\n".join(reports)


def free_port() -> int:
    """Return a TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
async def http_on_loopback(hass: HomeAssistant, socket_enabled: None) -> None:
    """Run HA's real HTTP server, as the panel needs it, on loopback only."""
    assert await async_setup_component(
        hass,
        "http",
        {"http": {"server_host": ["127.0.0.1"], "server_port": free_port()}},
    )
    # HA 2026.x takes YAML as a pending trial that restarts HA to revert itself
    # five minutes on (tests that move the clock get there); confirm it, as a
    # user whose setting works would.
    with contextlib.suppress(ImportError):
        from homeassistant.components.http.config import async_get_and_load_store

        store = await async_get_and_load_store(hass)
        if store.pending is not None:
            await store.async_promote_pending()


@pytest.fixture(autouse=True)
def isolated_ha_config(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Give HA a config folder of its own: the firmware archive writes there.

    The harness's default is a folder inside its installed package, shared by
    every test (and the minimum leg's harness has no fixture to change it).
    """
    folder = tmp_path / "ha-config"
    folder.mkdir()
    hass.config.config_dir = str(folder)
    return folder


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep ESPHome, PlatformIO and caches of every child inside tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PLATFORMIO_CORE_DIR", str(home / ".platformio"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PIP_CACHE_DIR", str(home / ".cache" / "pip"))
    # Managed ESPHome installs read wheels from the project's uv cache (inside
    # its ignored folders), which scripts/setup fills: no download twice.
    monkeypatch.setenv("UV_CACHE_DIR", str(ROOT / ".cache" / "uv"))
    monkeypatch.setenv("UV_LINK_MODE", "copy")
    return home


@pytest.fixture
def configs_dir(tmp_path: Path) -> Path:
    """An empty configurations folder."""
    folder = tmp_path / "configs"
    folder.mkdir()
    return folder


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Generator[Path]:
    """An existing folder this process cannot write to, even as root.

    As a user, taking away the write bit does it. Root ignores that, and CI runs
    as root, so there the folder is bind-mounted read-only onto itself (the
    same EROFS a read-only share gives) and unmounted afterwards. Skips, saying
    why, only where root may not mount (no CAP_SYS_ADMIN).
    """
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o500)
        try:
            yield folder
        finally:
            folder.chmod(0o700)
        return
    try:
        bind = subprocess.run(
            ["mount", "--bind", str(folder), str(folder)],
            capture_output=True,
            text=True,
            check=False,
        )
        why = bind.stderr.strip() if bind.returncode else ""
    except OSError as err:  # no mount(8) at all
        why = str(err)
    if why:
        pytest.skip(
            "running as root, which ignores folder permissions, and a read-only"
            f" bind mount is not possible here: {why}"
        )
    try:
        subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        with pytest.raises(OSError):
            (folder / "probe").write_text("x")
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=True)


@pytest.fixture
def fake_esphome(tmp_path: Path) -> str:
    """Path of an executable fake ESPHome, run by this Python."""
    script = tmp_path / "bin" / "esphome"
    script.parent.mkdir()
    script.write_text(f"#!{sys.executable}\n" + FAKE_SOURCE.read_text())
    script.chmod(0o755)
    return str(script)


@pytest.fixture
def real_esphome() -> str:
    """The real ESPHome from .venv-esphome."""
    if not REAL_ESPHOME.exists():
        pytest.fail("ESPHome is not installed; run scripts/setup")
    return str(REAL_ESPHOME)


@pytest.fixture
def write_config(configs_dir: Path) -> Callable[..., str]:
    """Write a configuration file; return its name."""

    def write(name: str, body: str = "", *, fake: str | None = None) -> str:
        text = body
        if fake is not None:
            text = (
                f"# fake: {fake}\nesphome:\n  name: {Path(name).stem}\nhost:\n" + body
            )
        (configs_dir / name).write_text(text)
        return name

    return write


def make_entry(command: str, configs_dir: Path, **extra: int) -> MockConfigEntry:
    """A config entry for the builder."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="ESPHome Builder",
        data={
            CONF_CONFIGS_DIR: str(configs_dir),
            CONF_ESPHOME_COMMAND: command,
            CONF_COMPILE_JOBS: extra.pop("compile_jobs", 1),
            CONF_UPLOAD_JOBS: extra.pop("upload_jobs", 2),
            # Any other option, e.g. wait_minutes=0 for a node that is not real.
            **extra,
        },
    )


async def setup_entry(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add and set up an entry, asserting it loaded."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
async def manager(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> JobManager:
    """The engine of a loaded entry that runs the fake ESPHome."""
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    return entry.runtime_data.manager


def own_device(
    hass: HomeAssistant, entry: MockConfigEntry, configuration: str
) -> dr.DeviceEntry | None:
    """Return the device that carries our identifier of ``configuration``."""
    return device_by_identifier(
        dr.async_get(hass), (DOMAIN, configuration), entry.entry_id
    )


def processes_of_this_run() -> list[int]:
    """Return live processes that jobs started from this test process."""
    owner = f"{ENV_OWNER_MARKER}={os.getpid()}".encode()
    return pids_with_environ(lambda environ: owner in environ)


@pytest.fixture
def no_leftover_processes() -> Generator[None]:
    """Fail when a process a job of this test run started outlives the test."""
    yield
    # A process killed a moment ago may still be on its way out.
    deadline = time.monotonic() + 2
    while (leftovers := processes_of_this_run()) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in leftovers:
        # Fail this test, not every later one.
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not leftovers, f"processes left behind: {leftovers}"
