"""Prepare and run a real Home Assistant process with ESPHome Builder loaded.

`bootstrap()` writes a config folder that needs no onboarding by hand: an admin
user, a long-lived access token, and a config entry for the integration.
`HAProcess` starts `hass` on it for end-to-end tests and benchmarks.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, replace
from datetime import timedelta
import inspect
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import time
from typing import Any, ClassVar
import urllib.request
import uuid

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "esphome_builder"
TOKEN_FILE = ".esphome_builder_dev_token"

CONFIGURATION_YAML = """\
# Home Assistant for ESPHome Builder development. Written by devtools/ha_instance.py.
homeassistant:
  name: ESPHome Builder dev
  time_zone: UTC
  unit_system: metric
{http}frontend:
config:
logger:
  default: warning
  logs:
    custom_components.esphome_builder: debug
    homeassistant.components.http: info
"""


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat()


def _write_json(path: Path, key: str, version: int, minor: int, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"version": version, "minor_version": minor, "key": key, "data": data}
    path.write_text(json.dumps(payload, indent=2))


def _write_entry(
    config_dir: Path,
    configs_dir: Path,
    command: str,
    compile_jobs: int = 1,
    upload_jobs: int = 2,
) -> None:
    path = config_dir / ".storage" / "core.config_entries"
    entries: list[dict[str, Any]] = []
    if path.exists():
        entries = json.loads(path.read_text())["data"]["entries"]
    entries = [entry for entry in entries if entry["domain"] != DOMAIN]
    now = _now()
    entries.append(
        {
            "created_at": now,
            "data": {
                "configs_dir": str(configs_dir),
                "esphome_command": command,
                "compile_jobs": compile_jobs,
                "upload_jobs": upload_jobs,
            },
            "discovery_keys": {},
            "disabled_by": None,
            "domain": DOMAIN,
            "entry_id": uuid.uuid4().hex,
            "minor_version": 1,
            "modified_at": now,
            "options": {},
            "pref_disable_new_entities": False,
            "pref_disable_polling": False,
            "source": "user",
            "subentries": [],
            "title": "ESPHome Builder",
            "unique_id": None,
            "version": 1,
        }
    )
    _write_json(path, "core.config_entries", 1, 5, {"entries": entries})


async def _create_user(config_dir: Path, username: str, password: str) -> str:
    """Create an owner with a password and return a long-lived access token."""
    from homeassistant.auth import auth_manager_from_config
    from homeassistant.auth.const import GROUP_ID_ADMIN
    from homeassistant.auth.models import TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN
    from homeassistant.auth.providers.homeassistant import HassAuthProvider
    from homeassistant.core import HomeAssistant
    from homeassistant.helpers import device_registry as dr, entity_registry as er

    hass = HomeAssistant(str(config_dir))
    if "load_empty" in inspect.signature(dr.async_load).parameters:
        # HA 2026.x: the auth store resolves permissions through the device and
        # entity registries. Empty ones do: HA loads the real ones at start-up.
        dr.async_setup(hass)
        await dr.async_load(hass, load_empty=True)
        await er.async_load(hass, load_empty=True)
    hass.auth = await auth_manager_from_config(hass, [{"type": "homeassistant"}], [])
    provider = hass.auth.auth_providers[0]
    assert isinstance(provider, HassAuthProvider)
    await provider.async_initialize()
    assert provider.data is not None
    try:
        provider.data.add_auth(username, password)
    except Exception:
        provider.data.change_password(username, password)
    await provider.data.async_save()
    credentials = await provider.async_get_or_create_credentials({"username": username})
    user = None
    for candidate in await hass.auth.async_get_users():
        if any(c.id == credentials.id for c in candidate.credentials):
            user = candidate
    if user is None:
        user = await hass.auth._store.async_create_user(
            name="Developer",
            is_owner=True,
            is_active=True,
            group_ids=[GROUP_ID_ADMIN],
        )
        await hass.auth.async_link_user(user, credentials)
    refresh = await hass.auth.async_create_refresh_token(
        user,
        client_name=f"esphome_builder dev {uuid.uuid4().hex[:6]}",
        token_type=TOKEN_TYPE_LONG_LIVED_ACCESS_TOKEN,
        access_token_expiration=timedelta(days=3650),
    )
    token = hass.auth.async_create_access_token(refresh)
    await hass.auth._store._store.async_save(hass.auth._store._data_to_save())
    await hass.async_stop(force=True)
    return token


def _write_http_store(config_dir: Path, port: int, loopback_only: bool) -> str:
    """Store the HTTP settings where this HA release reads them.

    HA 2026.x keeps them in ``.storage/http`` and treats YAML as a one-time
    migration into a *pending* trial that reverts itself (with a restart) five
    minutes later unless someone confirms it; a confirmed, stable config
    avoids that. Older releases read YAML: return the YAML to write, if any.
    """
    conf: dict[str, Any] = {"server_port": port}
    if loopback_only:
        conf["server_host"] = ["127.0.0.1"]
    try:
        from homeassistant.components.http import config as http_config
    except ImportError:
        lines = [f"  server_port: {port}"]
        if loopback_only:
            lines.append('  server_host: "127.0.0.1"')
        return "http:\n" + "\n".join(lines) + "\n"
    stable = {
        **http_config.HTTP_STORAGE_SCHEMA(conf),
        http_config.HTTP_CONFIG_CREATED_AT: _now(),
        http_config.HTTP_CONFIG_ERROR: None,
        http_config.HTTP_CONFIG_ERROR_MESSAGE: None,
    }
    _write_json(
        config_dir / ".storage" / http_config.STORAGE_KEY,
        http_config.STORAGE_KEY,
        http_config.STORAGE_VERSION,
        http_config.STORAGE_MINOR_VERSION,
        {"stable": stable, "pending": None, "yaml_migration_done": True},
    )
    return ""


@dataclass(frozen=True, kw_only=True)
class BootstrapOptions:
    """How a bootstrapped instance listens, whom it admits, and its job limits."""

    port: int = 8123
    loopback_only: bool = True
    username: str = "dev"
    password: str = "dev"
    compile_jobs: int = 1
    upload_jobs: int = 2


def bootstrap(
    config_dir: Path,
    *,
    configs_dir: Path,
    command: str,
    options: BootstrapOptions | None = None,
) -> str:
    """Prepare ``config_dir``; return a long-lived access token for the user."""
    options = options or BootstrapOptions()
    config_dir.mkdir(parents=True, exist_ok=True)
    configs_dir.mkdir(parents=True, exist_ok=True)
    http_yaml = _write_http_store(config_dir, options.port, options.loopback_only)
    (config_dir / "configuration.yaml").write_text(
        CONFIGURATION_YAML.format(http=http_yaml)
    )
    custom = config_dir / "custom_components"
    custom.mkdir(exist_ok=True)
    link = custom / DOMAIN
    if not link.exists():
        link.symlink_to(ROOT / "custom_components" / DOMAIN)
    storage = config_dir / ".storage"
    _write_json(
        storage / "onboarding",
        "onboarding",
        4,
        1,
        {"done": ["user", "core_config", "analytics", "integration"]},
    )
    _write_entry(
        config_dir, configs_dir, command, options.compile_jobs, options.upload_jobs
    )
    # In a process of its own: a test harness may have patched HA's storage to
    # stay in memory, and the user must reach the disk.
    token = (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "devtools.ha_instance",
                "--create-user",
                str(config_dir),
                options.username,
                options.password,
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    (config_dir / TOKEN_FILE).write_text(token)
    return token


def free_port() -> int:
    """Return a loopback TCP port that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class HAProcess:
    """A real `hass` process on loopback, for tests and benchmarks."""

    config_dir: Path
    port: int
    token: str
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    # Every process started in this interpreter, so a test harness can read
    # their logs afterwards (tests/conftest.py fails on deprecation reports).
    started: ClassVar[list[HAProcess]] = []

    @property
    def log_path(self) -> Path:
        """Return the file that holds the process's stdout and stderr."""
        return self.config_dir / "hass-run.log"

    def deprecation_reports(self, domain: str = DOMAIN) -> list[str]:
        """Return the lines where HA reports deprecated use by ``domain``."""
        if not self.log_path.exists():
            return []
        needle = f"Detected that custom integration '{domain}'"
        with self.log_path.open(encoding="utf-8", errors="replace") as log:
            return [line.rstrip() for line in log if needle in line]

    @classmethod
    def prepare(
        cls,
        config_dir: Path,
        configs_dir: Path,
        command: str,
        home: Path,
        *,
        options: BootstrapOptions | None = None,
    ) -> HAProcess:
        """Bootstrap a config folder on a free loopback port.

        Whatever port ``options`` names, a free one replaces it, on loopback only.
        """
        port = free_port()
        token = bootstrap(
            config_dir,
            configs_dir=configs_dir,
            command=command,
            options=replace(
                options or BootstrapOptions(), port=port, loopback_only=True
            ),
        )
        home.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "HOME": str(home),
            "PLATFORMIO_CORE_DIR": str(home / ".platformio"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
        return cls(config_dir=config_dir, port=port, token=token, env=env)

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> None:
        """Start hass and wait until the integration's entry is loaded."""
        log = self.log_path.open("ab")
        HAProcess.started.append(self)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "homeassistant",
                "-c",
                str(self.config_dir),
                "--skip-pip",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"hass exited with {self.proc.returncode}; see {log.name}"
                )
            try:
                if self.entry_state() == "loaded":
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise TimeoutError(
            f"Home Assistant did not load the integration; see {log.name}"
        )

    def api(self, path: str, data: Any = None) -> Any:
        """Call the REST API with the token."""
        request = urllib.request.Request(
            self.url + path,
            data=None if data is None else json.dumps(data).encode(),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
            },
            method="GET" if data is None else "POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def entry_state(self) -> str | None:
        """Return the state of the integration's config entry."""
        for entry in self.api("/api/config/config_entries/entry"):
            if entry["domain"] == DOMAIN:
                return str(entry["state"])
        return None

    def kill(self) -> None:
        """SIGKILL hass, as a crash or power loss would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self, timeout: float = 60) -> int | None:
        """Stop hass gracefully (SIGTERM) and return its exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode


def add_esphome_node(url: str, token: str, host: str, port: int) -> str:
    """Add a node to HA's own esphome integration through its config flow.

    What a user does under *Add integration → ESPHome*. Returns the outcome:
    ``create_entry``, or the abort reason (``already_configured`` when HA knows
    the node); raises RuntimeError when the flow shows a form error.
    """

    def post(path: str, data: Any) -> Any:
        request = urllib.request.Request(
            url + path,
            data=json.dumps(data).encode(),
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    flow = post("/api/config/config_entries/flow", {"handler": "esphome"})
    result = post(
        f"/api/config/config_entries/flow/{flow['flow_id']}",
        {"host": host, "port": port},
    )
    if result["type"] == "create_entry":
        return "create_entry"
    if result["type"] == "abort":
        return str(result["reason"])
    raise RuntimeError(f"HA's esphome flow answered {result.get('errors') or result}")


def main() -> None:
    """Command line: bootstrap the dev config folder."""
    if sys.argv[1:2] == ["--create-user"]:
        config_dir, username, password = sys.argv[2:5]
        print(asyncio.run(_create_user(Path(config_dir), username, password)))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_dir", type=Path)
    parser.add_argument("--configs-dir", type=Path, required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    if (
        shutil.which(args.command.split()[0]) is None
        and not Path(args.command.split()[0]).exists()
    ):
        parser.error(f"ESPHome command not found: {args.command}")
    bootstrap(
        args.config_dir,
        configs_dir=args.configs_dir,
        command=args.command,
        options=BootstrapOptions(port=args.port),
    )
    print(
        f"Prepared {args.config_dir}: http://127.0.0.1:{args.port} (this machine"
        " only), sign in as dev / dev"
    )


if __name__ == "__main__":
    main()


class HAWebSocket:
    """A minimal authenticated websocket client for a real HA process."""

    def __init__(self, url: str, token: str) -> None:
        """Initialize; call connect() before use."""
        self._url = url.replace("http", "ws", 1) + "/api/websocket"
        self._token = token
        self._next_id = 1
        self._session: Any = None
        self.ws: Any = None

    async def connect(self) -> HAWebSocket:
        """Connect and authenticate."""
        import aiohttp

        self._session = aiohttp.ClientSession()
        self.ws = await self._session.ws_connect(self._url, max_msg_size=0)
        hello = await self.ws.receive_json()
        assert hello["type"] == "auth_required", hello
        await self.ws.send_json({"type": "auth", "access_token": self._token})
        answer = await self.ws.receive_json()
        if answer["type"] != "auth_ok":
            raise RuntimeError(f"websocket auth failed: {answer}")
        return self

    async def send(self, command: str, **data: Any) -> int:
        """Send a command; return its id."""
        msg_id = self._next_id
        self._next_id += 1
        await self.ws.send_json({"id": msg_id, "type": command, **data})
        return msg_id

    async def receive(self) -> dict[str, Any]:
        """Receive the next message."""
        return dict(await self.ws.receive_json())

    async def call(self, command: str, **data: Any) -> Any:
        """Send a command and return its result, raising on an error."""
        msg_id = await self.send(command, **data)
        while True:
            message = await self.receive()
            if message.get("id") == msg_id and message.get("type") == "result":
                if not message["success"]:
                    raise RuntimeError(f"{command} failed: {message['error']}")
                return message["result"]

    async def close(self) -> None:
        """Close the connection."""
        if self.ws is not None:
            await self.ws.close()
        if self._session is not None:
            await self._session.close()
