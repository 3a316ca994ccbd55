"""Real builds with the ESPHome 2026.10 from .venv-esphome: validate, host compile,
a missing toolchain, and inline secrets concealed in every copy of the output."""

from __future__ import annotations

from collections.abc import Callable
import json
from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.manager import JobManager

from .conftest import make_entry, setup_entry

pytestmark = [pytest.mark.esphome, pytest.mark.usefixtures("no_leftover_processes")]

ANSI = re.compile(r"\x1b\[[0-9;]*m")

HOST_YAML = """\
esphome:
  name: {name}
host:
logger:
sensor:
  - platform: template
    name: "Answer"
    lambda: "return 42.0;"
"""

BROKEN_YAML = """\
esphome:
  name: broken
host:
sensor:
  - platform: template
    nmae: typo
    lambda: "return 1;"
"""

ESP32_YAML = """\
esphome:
  name: esp-test
esp32:
  board: esp32dev
logger:
"""


@pytest.fixture
async def manager(
    hass: HomeAssistant, configs_dir: Path, real_esphome: str
) -> JobManager:
    entry = await setup_entry(hass, make_entry(real_esphome, configs_dir))
    return entry.runtime_data.manager


def plain(lines: list[str]) -> list[str]:
    return [ANSI.sub("", line) for line in lines]


async def test_validate_passes_a_good_config_and_names_a_bad_option(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    good = await manager.async_start_job(
        "validate", write_config("good.yaml", HOST_YAML.format(name="good"))
    )
    done = await manager.async_wait(good.job_id)
    assert done.status is JobStatus.COMPLETED, done.output()
    assert done.exit_code == 0
    assert any("Configuration is valid!" in line for line in plain(done.output()))

    bad = await manager.async_start_job(
        "validate", write_config("broken.yaml", BROKEN_YAML)
    )
    failed = await manager.async_wait(bad.job_id)
    assert failed.status is JobStatus.FAILED
    assert failed.exit_code != 0
    text = "\n".join(plain(failed.output()))
    assert "[nmae] is an invalid option for [sensor.template]" in text
    # Colours arrive as real escape codes, not as the literal "\033" text.
    assert any("\x1b[" in line for line in failed.output())
    assert not any("\\033" in line for line in failed.output())


async def test_host_compile_yields_a_runnable_program_with_rising_progress(
    manager: JobManager, configs_dir: Path, write_config: Callable[..., str]
) -> None:
    config = write_config("answer.yaml", HOST_YAML.format(name="answer"))
    progress: list[int] = []
    manager.async_listen_jobs(
        lambda kind, job: (
            progress.append(job.progress) if kind == "job_progress" else None
        )
    )
    job = await manager.async_wait(
        (await manager.async_start_job("compile", config)).job_id
    )
    assert job.status is JobStatus.COMPLETED, "\n".join(job.output()[-30:])
    program = (
        configs_dir
        / ".esphome"
        / "build"
        / "answer"
        / ".pioenvs"
        / "answer"
        / "program"
    )
    assert program.is_file()
    assert program.stat().st_mode & 0o111
    assert any("Successfully compiled program" in line for line in plain(job.output()))
    # Ninja's "[n/m]" steps drive the progress, which never goes down.
    assert progress
    assert progress == sorted(progress)
    assert job.progress == 100


async def test_esp32_compile_fails_with_toolchain_error(
    manager: JobManager, write_config: Callable[..., str]
) -> None:
    config = write_config("esp.yaml", ESP32_YAML)
    job = await manager.async_wait(
        (await manager.async_start_job("compile", config)).job_id
    )
    assert job.status is JobStatus.FAILED
    assert job.exit_code not in (None, 0)
    text = "\n".join(plain(job.output()))
    assert "Failed to download" in text or "Could not" in text, text[-2000:]


CONCEALED_YAML = """\
esphome:
  name: concealed
host:
api:
ota:
  - platform: esphome
    password: "topsecret-ota-7"
logger:
"""


async def test_concealed_secrets_never_leave_the_splitter(
    hass: HomeAssistant,
    manager: JobManager,
    write_config: Callable[..., str],
    hass_ws_client: WebSocketGenerator,
    hass_storage: dict[str, Any],
) -> None:
    """ESPHome conceals an inline password; no served or stored copy holds it."""
    name = write_config("concealed.yaml", CONCEALED_YAML)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "esphome_builder/jobs/start",
            "action": "validate",
            "configuration": name,
        }
    )
    started = await client.receive_json()
    job_id = started["result"]["job_id"]
    await client.send_json_auto_id(
        {"type": "esphome_builder/jobs/follow", "job_id": job_id}
    )
    streamed: list[str] = []
    while True:
        message = await client.receive_json()
        event = message.get("event") or {}
        streamed.extend(event.get("lines", []))
        if event.get("type") == "result":
            assert event["status"] == "completed", event
            break
    await client.send_json_auto_id(
        {"type": "esphome_builder/jobs/get", "job_id": job_id}
    )
    got = (await client.receive_json())["result"]["job"]["output"]
    await manager.history.async_flush()
    stored = json.dumps(hass_storage["esphome_builder.history"])
    for where, text in (
        ("stream", "\n".join(streamed)),
        ("jobs/get", "\n".join(got)),
        ("history", stored),
    ):
        assert "topsecret-ota-7" not in text, where
    # The line stays, with the value masked.
    assert any(
        re.search(r"password: (?:\x1b\[[0-9;]*m)*••••••", line) for line in got
    ), got
