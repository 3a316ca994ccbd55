"""The dev instance scripts/develop prepares listens on loopback only."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

from tests.conftest import ROOT


def test_develop_bootstrap_listens_on_loopback_only(
    tmp_path: Path, fake_esphome: str
) -> None:
    """Its owner is dev / dev: nothing but this machine may reach it."""
    config = tmp_path / "config"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "devtools.ha_instance",
            str(config),
            "--configs-dir",
            str(tmp_path / "esphome"),
            "--command",
            fake_esphome,
            "--port",
            "18124",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    store = config / ".storage" / "http"
    if store.exists():  # HA 2026.x keeps the HTTP settings in storage
        stable = json.loads(store.read_text())["data"]["stable"]
        assert stable["server_host"] == ["127.0.0.1"]
        assert stable["server_port"] == 18124
        assert "\nhttp:" not in (config / "configuration.yaml").read_text()
    else:
        yaml = (config / "configuration.yaml").read_text()
        assert '  server_host: "127.0.0.1"\n' in yaml
        assert "  server_port: 18124\n" in yaml
