"""Real ESPHome Device Builder servers on 127.0.0.1, for tests and benchmarks.

The server runs the ``esphome`` that sits next to its own Python and has no
setting for it. A fake ESPHome on the remote side therefore needs a second
virtual environment: its ``bin/esphome`` is the fake, and a ``.pth`` file
lends it the packages of ``.venv-esphome`` so the server itself still runs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
import os
from pathlib import Path
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid

ROOT = Path(__file__).resolve().parent.parent
ESPHOME_VENV = ROOT / ".venv-esphome"
FAKE_SOURCE = Path(__file__).with_name("fake_esphome.py")
# Every process a test server starts inherits this, so a test can end the
# builds a killed server leaves behind.
MARKER = "ESPHOME_BUILDER_TEST_SERVER"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python3*/site-packages"))


def make_fake_venv(where: Path) -> Path:
    """Create a venv whose ``bin/esphome`` is the fake; return its python."""
    base = ESPHOME_VENV / "bin" / "python"
    subprocess.run(
        [str(base), "-m", "venv", "--without-pip", str(where)],
        check=True,
        capture_output=True,
    )
    (_site_packages(where) / "esphome_venv.pth").write_text(
        f"{_site_packages(ESPHOME_VENV)}\n"
    )
    python = where / "bin" / "python"
    fake = where / "bin" / "esphome"
    fake.write_text(f"#!{python}\n" + FAKE_SOURCE.read_text())
    fake.chmod(0o755)
    return python


@dataclass
class BuilderServer:
    """One running esphome-device-builder."""

    python: Path
    configs: Path
    home: Path
    username: str = ""
    password: str = ""
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    marker: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        """Start the server and wait until it answers."""
        self.port = self.port or _free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("ESPHOME_", "PYTEST"))
        }
        env.update(
            HOME=str(self.home),
            PLATFORMIO_CORE_DIR=str(self.home / ".platformio"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            ESPHOME_USERNAME=self.username,
            ESPHOME_PASSWORD=self.password,
            PYTHONUNBUFFERED="1",
        )
        env[MARKER] = self.marker
        self.home.mkdir(parents=True, exist_ok=True)
        log = (self.home / "server.log").open("ab")
        self.proc = subprocess.Popen(
            [
                str(self.python),
                "-m",
                "esphome_device_builder",
                str(self.configs),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--remote-build-host",
                "127.0.0.1",
                "--remote-build-port",
                str(_free_port()),
                "--log-level",
                "warning",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/version", timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {self.log()[-2000:]}")

    def log(self) -> str:
        """Return the server's log so far."""
        path = self.home / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the server process (not the builds it started)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)

    def stop(self) -> None:
        """Stop the server and every process it left behind."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in processes_with_marker(self.marker):
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def processes_with_marker(marker: str) -> list[int]:
    """Return live processes started by the server with that marker."""
    needle = f"{MARKER}={marker}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if needle in environ.split(b"\0") and stat[stat.rfind(")") + 2] != "Z":
            found.append(int(entry))
    return found


def builder_processes(server: BuilderServer) -> list[int]:
    """Return the server's children (builds), not the server itself."""
    own = server.proc.pid if server.proc is not None else -1
    return [pid for pid in processes_with_marker(server.marker) if pid != own]
