"""Run an ESPHome `host:` build as a device, reachable on loopback only.

The program ESPHome compiles for a `host:` config is a real ESPHome device: it
serves the native API and OTA. It binds every interface, so it runs here with
the LD_PRELOAD shim in loopback_bind.c, which rewrites wildcard binds to
loopback. It runs from its own folder (a copy of the program, which OTA
replaces, and a HOME for its preferences), in its own process group.

Used by tests/test_host_device_loop.py, and by hand next to `scripts/develop`:

    .venv/bin/python -m devtools.host_device config/esphome/sample-host.yaml
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import dataclass, field
import hashlib
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import IO

from devtools.ha_instance import TOKEN_FILE, add_esphome_node

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
# ESPHome's default native API port; a config may set another.
API_PORT = 6053
# Every device process carries this in its environment (value: its folder), so
# a leak check finds it even after an OTA re-exec.
ENV_DEVICE_MARKER = "ESPHOME_BUILDER_HOST_DEVICE"
SHIM_SOURCE = Path(__file__).with_name("loopback_bind.c")
SHIM_DIR = ROOT / ".cache" / "loopback_bind"
# Addresses a device's listening socket may have (hex as in /proc/net/tcp*).
LOOPBACK_HEX = {
    "0100007F",  # 127.0.0.1
    "00000000000000000000000001000000",  # ::1
    "0000000000000000FFFF00000100007F",  # ::ffff:127.0.0.1
}


def build_bind_shim(out_dir: Path = SHIM_DIR) -> Path:
    """Compile the bind() shim once per source version; return the .so path."""
    source = SHIM_SOURCE.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:12]
    target = out_dir / f"loopback_bind-{digest}.so"
    if target.exists():
        return target
    out_dir.mkdir(parents=True, exist_ok=True)
    # Build next to the target and rename: concurrent builds never see half a file.
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".so.tmp")
    os.close(fd)
    try:
        subprocess.run(
            ["gcc", "-shared", "-fPIC", "-O2", "-Wall", "-o", tmp, str(SHIM_SOURCE)],
            check=True,
            capture_output=True,
            text=True,
        )
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def program_path(configs_dir: Path, name: str) -> Path:
    """Return where ESPHome puts the program of a `host:` config named `name`."""
    return configs_dir / ".esphome" / "build" / name / ".pioenvs" / name / "program"


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Return True when something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in fd_dir.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listening_addresses(pid: int) -> list[tuple[str, int]]:
    """Return (hex address, port) of every TCP socket `pid` listens on."""
    inodes = _socket_inodes(pid)
    found = []
    for table in ("tcp", "tcp6"):
        lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                found.append((address, int(port, 16)))
    return found


@dataclass
class HostDevice:
    """One running `host:` program: start it, wait for it, stop it."""

    program: Path
    workdir: Path
    ports: tuple[int, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    log_path: Path = field(init=False)
    _log: IO[bytes] | None = None

    def __post_init__(self) -> None:
        """Lay out the device folder."""
        self.log_path = self.workdir / "device.log"

    @property
    def flash(self) -> Path:
        """The program the device runs; OTA replaces this file."""
        return self.workdir / "flash" / self.program.name

    @property
    def pid(self) -> int:
        """The device's process id; the same after an OTA re-exec."""
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 30, *, reflash: bool = True) -> None:
        """Flash a copy of the program and run it until its ports accept.

        ``reflash=False`` powers the device on again with what it has: the
        firmware its last OTA left, not the program built since.
        """
        self.flash.parent.mkdir(parents=True, exist_ok=True)
        if reflash or not self.flash.exists():
            shutil.copy2(self.program, self.flash)
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "LD_PRELOAD": str(build_bind_shim()),
            ENV_DEVICE_MARKER: str(self.workdir),
        }
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(self.flash)],
            cwd=self.workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # Its own process group: stop() signals the whole group.
            start_new_session=True,
        )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 30) -> None:
        """Wait until every port accepts connections; raise if the device died."""
        deadline = time.monotonic() + timeout
        while not all(port_open(port) for port in self.ports):
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"device exited; see {self.log_path}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"device ports {self.ports} did not open")
            time.sleep(0.05)

    def log_text(self) -> str:
        """Everything the device printed so far."""
        return self.log_path.read_text(errors="replace")

    def stop(self, grace: float = 5) -> None:
        """SIGTERM the device's process group, SIGKILL after `grace` seconds."""
        process, self.process = self.process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            # Anything else left in its process group goes too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        if self._log is not None:
            self._log.close()
            self._log = None


def marked_processes(needles: list[str]) -> list[int]:
    """Return live processes whose environment holds one of `needles` (KEY=value)."""
    from custom_components.esphome_builder.jobs.processes import pids_with_environ

    wanted = [needle.encode() for needle in needles]
    return pids_with_environ(lambda environ: any(w in environ for w in wanted))


def _add_to_home_assistant(url: str, ports: list[int]) -> None:
    """Add the device to HA's esphome integration, as the dev walk-through does.

    Uses the token scripts/develop wrote; says why when it cannot.
    """
    token_file = ROOT / "config" / TOKEN_FILE
    if not token_file.exists():
        print(f"Not added to Home Assistant: no {token_file} (run scripts/develop).")
        return
    api_port = API_PORT if API_PORT in ports else (ports[0] if ports else API_PORT)
    try:
        outcome = add_esphome_node(
            url, token_file.read_text().strip(), LOOPBACK, api_port
        )
    except (OSError, RuntimeError) as err:
        print(f"Not added to Home Assistant at {url}: {err}")
        return
    if outcome == "create_entry":
        print(f"Added to Home Assistant's esphome integration at {url}.")
    elif outcome == "already_configured":
        print(f"Home Assistant's esphome integration at {url} already has it.")
    else:
        print(f"Home Assistant's esphome flow at {url} ended: {outcome}")


def main() -> None:
    """Run a compiled `host:` config in the foreground until Ctrl+C."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "config", type=Path, help="the YAML, e.g. config/esphome/sample-host.yaml"
    )
    parser.add_argument(
        "--name", help="node name (default: the file name without .yaml)"
    )
    parser.add_argument(
        "--ha",
        default="http://127.0.0.1:8123",
        help="the Home Assistant of scripts/develop, whose esphome integration"
        " gets the node (default: %(default)s)",
    )
    parser.add_argument(
        "--no-ha", action="store_true", help="do not add the node to Home Assistant"
    )
    args = parser.parse_args()
    config: Path = args.config.resolve()
    name = args.name or config.stem
    program = program_path(config.parent, name)
    if not program.exists():
        sys.exit(
            f"{program} does not exist: compile {config.name} first (panel or `esphome compile`)"
        )
    device = HostDevice(program, ROOT / ".cache" / "devices" / name)
    device.workdir.mkdir(parents=True, exist_ok=True)
    device.start(timeout=60)
    deadline = time.monotonic() + 10
    while not (listening := listening_addresses(device.pid)):
        if time.monotonic() > deadline:
            break
        time.sleep(0.1)
    ports = ", ".join(str(port) for _, port in listening)
    print(
        f"{name} runs as pid {device.pid} on 127.0.0.1 (ports {ports}); log: {device.log_path}"
    )
    if not args.no_ha:
        _add_to_home_assistant(args.ha, [port for _, port in listening])
    print("Ctrl+C stops it.")
    try:
        while device.process is not None and device.process.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        device.stop()


if __name__ == "__main__":
    main()
