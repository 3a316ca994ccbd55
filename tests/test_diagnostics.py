"""Diagnostics: useful content, and no secret from configs or output in it."""

from __future__ import annotations

from collections.abc import Callable
import json
from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.esphome_builder.diagnostics import REDACTED, Redactor

from .conftest import make_entry, setup_entry

pytestmark = pytest.mark.usefixtures("no_leftover_processes")

WIFI_PASSWORD = "correct-horse-battery"
API_KEY = "pX3b9kq2Zr7mLw1Yc8Vt5Nh4Js6Df0Ga2Qe9Ru7Io3A="
OTA_PASSWORD = "ota-s3cret-pw"
AP_PASSWORD = "fallback-ap-pw"
FILE_SECRET = "from-secrets-file-42"

SECRETS_BODY = f"""
wifi:
  ssid: HomeNet
  password: "{WIFI_PASSWORD}"
  ap:
    ssid: Fallback
    password: {AP_PASSWORD}
api:
  encryption:
    key: "{API_KEY}"
ota:
  - platform: esphome
    password: '{OTA_PASSWORD}'
"""


async def test_diagnostics_redacts_secrets(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> None:
    (configs_dir / "secrets.yaml").write_text(f"wifi_password: {FILE_SECRET}\n")
    inline = write_config("inline.yaml", SECRETS_BODY, fake="cat")
    referenced = write_config(
        "referenced.yaml",
        "wifi:\n  ssid: HomeNet\n  password: !secret wifi_password\n",
        fake="cat secrets.yaml",
    )
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    manager = entry.runtime_data.manager
    for config in (inline, referenced):
        job = await manager.async_start_job("validate", config)
        await manager.async_wait(job.job_id)
    # The jobs printed every secret: the redaction has something to catch.
    printed = "\n".join(line for job in manager.jobs() for line in job.output())
    for secret in (WIFI_PASSWORD, API_KEY, OTA_PASSWORD, AP_PASSWORD, FILE_SECRET):
        assert secret in printed

    data = await get_diagnostics_for_config_entry(hass, hass_client, entry)
    text = json.dumps(data)
    for secret in (WIFI_PASSWORD, API_KEY, OTA_PASSWORD, AP_PASSWORD, FILE_SECRET):
        assert secret not in text
    assert REDACTED in text

    assert data["esphome_version"] == "2026.10.0"
    assert data["command_problem"] is None
    assert data["settings"]["configs_dir"] == str(configs_dir)
    assert data["settings"]["command"] == [fake_esphome]
    assert data["lanes"]["compile"] == {"slots": 1, "running": [], "queued": []}
    assert data["lanes"]["upload"]["slots"] == 2
    configs = {c["configuration"]: c for c in data["configurations"]}
    assert set(configs) == {"inline.yaml", "referenced.yaml"}
    # Non-secret content, and a reference to a secret, stay readable.
    assert "ssid: HomeNet" in configs["inline.yaml"]["yaml"]
    assert "password: !secret wifi_password" in configs["referenced.yaml"]["yaml"]
    jobs = data["recent_jobs"]
    assert [job["configuration"] for job in jobs] == ["referenced.yaml", "inline.yaml"]
    assert jobs[0]["status"] == "completed"
    assert "wifi_password: **REDACTED**" in jobs[0]["output_tail"]


def test_redactor_masks_secret_keys_and_learned_values_not_short_ones() -> None:
    redact = Redactor({"abc", "s3cr3t-value"})
    redact.learn('  api_password: "hunter2!!"\n  key: !secret api_key\n')
    assert redact("  - password: plain-pw") == f"  - password: {REDACTED}"
    assert redact("  key: !secret api_key") == "  key: !secret api_key"
    assert redact("INFO uses hunter2!! and s3cr3t-value") == (
        f"INFO uses {REDACTED} and {REDACTED}"
    )
    # Too short to scrub from free text without hitting everything.
    assert redact("abc") == "abc"
    assert redact("name: kitchen") == "name: kitchen"
