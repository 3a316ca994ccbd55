"""The firmware archive: what compiles leave, pruning, downloads and rollbacks.

The fake ESPHome's `build` mode leaves what ESPHome would (a `program` and
`build_info.json`) and prints the arguments of any other command, so a test
sees exactly what a rollback asked ESPHome to send. The rollback on a real
`host:` device is in tests/test_device_confirm.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
import hashlib
from pathlib import Path
import time
from typing import Any
from unittest.mock import patch

from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.esphome_builder.archive import DOWNLOAD_URL
from custom_components.esphome_builder.const import DOMAIN
from custom_components.esphome_builder.diagnostics import (
    async_get_config_entry_diagnostics,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from tests.conftest import make_entry, setup_entry

CONFIG = "node.yaml"


async def compile_once(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """Compile through the service; return the build it archived."""
    response = await hass.services.async_call(
        DOMAIN,
        "compile",
        {"configuration": CONFIG, "wait": True},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    assert response["status"] == "completed", response
    job = entry.runtime_data.manager.get(str(response["job_id"]))
    archive = entry.runtime_data.archive
    await archive.async_wait_idle()
    build_id = job.build_id
    assert build_id is not None
    assert build_id in {b.build_id for b in archive.builds()}
    return build_id


@pytest.fixture
async def entry(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    write_config: Callable[..., str],
) -> MockConfigEntry:
    write_config(CONFIG, fake="build 4096")
    return await setup_entry(
        hass, make_entry(fake_esphome, configs_dir, archive_keep=2, wait_minutes=0)
    )


async def test_builds_are_archived_with_their_metadata(
    hass: HomeAssistant, entry: MockConfigEntry, configs_dir: Path
) -> None:
    first = await compile_once(hass, entry)
    second = await compile_once(hass, entry)

    archive = entry.runtime_data.archive
    builds = archive.builds(CONFIG)
    assert [b.build_id for b in builds] == [second, first]
    for build in builds:
        data = build.as_dict()
        assert data["esphome_version"] == "2026.10.0"
        assert data["build_time"]
        assert (
            data["config_hash"] == entry.runtime_data.catalog.get(CONFIG).content_hash
        )
        assert data["builder"] == "local"
        assert data["last_known_good"] is False
        [artifact] = data["artifacts"]
        assert artifact["kind"] == "program"
        assert artifact["size"] == 4096
        assert "file" not in artifact
    assert builds[0].build_time != builds[1].build_time
    # The archived bytes are those the compile left, and kept apart from them.
    _, _, path = archive.artifact_path(builds[0].artifacts[0].artifact_id)
    program = configs_dir / ".esphome/build/node/.pioenvs/node/program"
    assert path.read_bytes() == program.read_bytes()
    assert not list(archive.root.glob("*/.partial-*"))
    response = await hass.services.async_call(
        DOMAIN,
        "list_builds",
        {"configuration": CONFIG},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    listed: Any = response["builds"]
    assert [b["build_id"] for b in listed] == [second, first]
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert diagnostics["archive"] == {
        "builds": 2,
        "configurations": 1,
        "last_known_good": 0,
        "bytes": 2 * 4096,
        "max_bytes": 1024 * 1024 * 1024,
        "keep_per_configuration": 2,
    }
    assert str(archive.root) not in str(diagnostics)


async def test_rollback_flashes_the_archived_image_without_compiling(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    first = await compile_once(hass, entry)
    await compile_once(hass, entry)
    archive = entry.runtime_data.archive

    response = await hass.services.async_call(
        DOMAIN,
        "rollback",
        {
            "configuration": CONFIG,
            "build_id": first,
            "device": "127.0.0.1",
            "wait": True,
        },
        blocking=True,
        return_response=True,
    )

    assert response is not None
    assert response["status"] == "completed", response
    assert response["build_id"] == first
    job = entry.runtime_data.manager.get(str(response["job_id"]))
    assert job.action == "rollback"
    output = "\n".join(job.output())
    _, _, image = archive.artifact_path(archive.get(first).artifacts[0].artifact_id)
    assert f"args: upload node.yaml --device 127.0.0.1 --file {image}" in output
    assert "Compiling" not in output
    # Flashed: now the last known good.
    assert archive.last_known_good(CONFIG) is archive.get(first)
    # Without a build id, a rollback flashes the last known good one.
    again = await hass.services.async_call(
        DOMAIN,
        "rollback",
        {"configuration": CONFIG, "device": "127.0.0.1", "wait": True},
        blocking=True,
        return_response=True,
    )
    assert again is not None
    assert again["build_id"] == first


async def test_pruning_keeps_the_newest_and_the_last_known_good(
    hass: HomeAssistant, entry: MockConfigEntry
) -> None:
    archive = entry.runtime_data.archive
    good = await compile_once(hass, entry)
    job = await entry.runtime_data.manager.async_start_job(
        "upload", CONFIG, "127.0.0.1"
    )
    await entry.runtime_data.manager.async_wait(job.job_id)
    assert job.build_id == good
    assert archive.last_known_good(CONFIG) is archive.get(good)
    newer = [await compile_once(hass, entry) for _ in range(3)]

    kept = [b.build_id for b in archive.builds(CONFIG)]
    assert kept == [newer[2], newer[1], good]  # keep=2, plus the last known good
    assert sorted(p.name for p in archive.root.iterdir()) == sorted(kept)

    # The size cap drops the oldest first, never the last known good.
    archive.max_bytes = 4096 * 2
    last = await compile_once(hass, entry)
    assert [b.build_id for b in archive.builds(CONFIG)] == [last, good]
    assert archive.total_bytes <= archive.max_bytes


async def test_subscribe_events_tells_of_archived_and_removed_builds(
    hass: HomeAssistant, entry: MockConfigEntry, hass_ws_client: WebSocketGenerator
) -> None:
    stream = await hass_ws_client(hass)
    await stream.send_json_auto_id({"type": f"{DOMAIN}/subscribe_events"})
    assert (await stream.receive_json())["success"]
    assert (await stream.receive_json())["event"]["type"] == "initial_state"

    builds = [await compile_once(hass, entry) for _ in range(3)]
    seen: list[tuple[str, str]] = []
    while len(seen) < 4:
        async with asyncio.timeout(10):
            event = (await stream.receive_json())["event"]
        if event["type"].startswith("build_"):
            assert event["configuration"] == CONFIG
            seen.append((event["type"], event["build_id"]))
    # keep=2: the third build pushes the first out.
    assert seen == [
        ("build_archived", builds[0]),
        ("build_archived", builds[1]),
        ("build_archived", builds[2]),
        ("build_removed", builds[0]),
    ]


async def test_removing_a_configuration_removes_its_archive(
    hass: HomeAssistant, entry: MockConfigEntry, configs_dir: Path
) -> None:
    archive = entry.runtime_data.archive
    await compile_once(hass, entry)
    folders = list(archive.root.iterdir())
    assert folders

    (configs_dir / CONFIG).unlink()
    await entry.runtime_data.catalog.async_refresh()
    await archive.async_wait_idle()
    assert not archive.builds()

    assert not any(folder.exists() for folder in folders)


async def test_a_download_serves_the_bytes_to_an_admin_with_a_signature_only(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
    hass_read_only_access_token: str,
) -> None:
    build_id = await compile_once(hass, entry)
    archive = entry.runtime_data.archive
    artifact = archive.get(build_id).artifacts[0]
    _, _, path = archive.artifact_path(artifact.artifact_id)
    ws = await hass_ws_client(hass)
    await ws.send_json_auto_id(
        {"type": f"{DOMAIN}/builds/download", "artifact_id": artifact.artifact_id}
    )
    reply = await ws.receive_json()
    assert reply["success"], reply
    url = reply["result"]["url"]
    assert url.startswith(DOWNLOAD_URL.format(artifact_id=artifact.artifact_id))
    assert "authSig=" in url

    anonymous = await hass_client_no_auth()
    got = await anonymous.get(url)
    assert got.status == 200
    body = await got.read()
    assert (
        hashlib.sha256(body).hexdigest()
        == hashlib.sha256(path.read_bytes()).hexdigest()
    )
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="node-')
    assert disposition.endswith('-program.bin"')

    # No signature, a forged or expired one, another path: refused.
    plain = await anonymous.get(DOWNLOAD_URL.format(artifact_id=artifact.artifact_id))
    assert plain.status == 401
    with_token = await (await hass_client()).get(
        DOWNLOAD_URL.format(artifact_id=artifact.artifact_id)
    )
    assert with_token.status == 401  # a session token is not a signature
    forged = await anonymous.get(url[:-4] + "abcd")
    assert forged.status == 401
    other = await anonymous.get(url.replace(artifact.artifact_id, "made-up"))
    assert other.status == 401  # the signature covers the path
    expired = await anonymous.get(await _signed_in_the_past(hass, url))
    assert expired.status == 401

    # A non-admin cannot ask for one, nor use one signed for them.
    user_ws = await hass_ws_client(hass, hass_read_only_access_token)
    await user_ws.send_json_auto_id(
        {"type": f"{DOMAIN}/builds/download", "artifact_id": artifact.artifact_id}
    )
    refused = await user_ws.receive_json()
    assert refused["error"]["code"] == "unauthorized"
    token = hass.auth.async_validate_access_token(hass_read_only_access_token)
    assert token is not None
    theirs = async_sign_path(
        hass,
        DOWNLOAD_URL.format(artifact_id=artifact.artifact_id),
        timedelta(minutes=1),
        refresh_token_id=token.id,
    )
    assert (await anonymous.get(theirs)).status == 403

    # A made-up id is not found, through the command and with a valid signature.
    await ws.send_json_auto_id(
        {"type": f"{DOMAIN}/builds/download", "artifact_id": "made-up"}
    )
    assert (await ws.receive_json())["error"]["code"] == "not_found"


async def _signed_in_the_past(hass: HomeAssistant, url: str) -> str:
    """Return ``url`` signed as it would have been an hour ago (now expired)."""
    path = url.split("?", 1)[0]
    with patch("time.time", return_value=time.time() - 3600):
        return async_sign_path(hass, path, timedelta(minutes=5), use_content_user=True)


async def test_list_builds_refuses_what_is_no_configuration(
    hass: HomeAssistant, entry: MockConfigEntry, hass_ws_client: WebSocketGenerator
) -> None:
    ws = await hass_ws_client(hass)
    for name, code in (("../x.yaml", "invalid_format"), ("nope.yaml", "not_found")):
        await ws.send_json_auto_id(
            {"type": f"{DOMAIN}/builds/list", "configuration": name}
        )
        reply = await ws.receive_json()
        assert reply["error"]["code"] == code, (name, reply)
    await ws.send_json_auto_id(
        {"type": f"{DOMAIN}/builds/list", "configuration": CONFIG}
    )
    assert (await ws.receive_json())["result"] == {"builds": []}
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN,
            "list_builds",
            {"configuration": "../x.yaml"},
            blocking=True,
            return_response=True,
        )


async def test_a_failed_compile_names_no_build(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    write_config(CONFIG, fake="exit 1")
    await entry.runtime_data.catalog.async_refresh()
    job = await entry.runtime_data.manager.async_start_job("compile", CONFIG)
    await entry.runtime_data.manager.async_wait(job.job_id)
    await entry.runtime_data.archive.async_wait_idle()
    assert job.status is JobStatus.FAILED
    assert job.build_id is None
    assert entry.runtime_data.archive.builds() == []


async def test_rollback_refusals_are_translated(
    hass: HomeAssistant, entry: MockConfigEntry, write_config: Callable[..., str]
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "rollback", {"configuration": CONFIG}, blocking=True
        )
    assert err.value.translation_key == "no_rollback_build"
    first = await compile_once(hass, entry)
    write_config("other.yaml", fake="build 16")
    await entry.runtime_data.catalog.async_refresh()
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "rollback",
            {"configuration": "other.yaml", "build_id": first},
            blocking=True,
        )
    assert err.value.translation_key == "unknown_build"
    assert all(
        job.status is not JobStatus.QUEUED for job in entry.runtime_data.manager.jobs()
    )
