"""A remote build's images, fetched into the firmware archive.

A real Device Builder on 127.0.0.1 runs the fake ESPHome's ``esp32build`` mode,
which leaves what ``firmware/get_binaries`` lists after an ESP32 compile (a
storage JSON, the OTA and factory images). A small stand-in server plays a
hostile builder: names that try to become paths, and bodies over the cap.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
import contextlib
import json
from pathlib import Path
from typing import Any

from aiohttp import web
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    WebSocketGenerator,
)

from custom_components.esphome_builder.builder_client import BuilderSpec
from custom_components.esphome_builder.const import CONF_ARCHIVE_MB, DOMAIN
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.remote_artifacts import (
    FetchError,
    RemoteSource,
    pick_images,
    safe_name,
)

from .conftest import free_port, setup_entry
from .test_remote_builder import StartServer, launch, remote_entry, start_server

__all__ = ["start_server"]

CONFIG = "espy.yaml"


def esp32_yaml(behaviour: str) -> str:
    """An ESP32 configuration the fake ESPHome builds as ``behaviour`` says."""
    return f"# fake: {behaviour}\nesphome:\n  name: espy\nesp32:\n  board: esp32dev\n"


def remote_images(configs: Path) -> Path:
    """Where the fake ESPHome left the remote build's images."""
    return configs / ".esphome" / "build" / "espy" / ".pioenvs" / "espy"


def archive_entry(configs_dir: Path, server: Any, **options: int) -> MockConfigEntry:
    """An entry that builds on ``server`` only, with archive options."""
    base = remote_entry(configs_dir, {"far-box": server})
    return MockConfigEntry(
        domain=DOMAIN,
        title=base.title,
        data={**base.data, "wait_minutes": 0, **options},
    )


def leftovers(root: Path) -> list[Path]:
    """Return the partial files anywhere under the archive."""
    return [p for p in root.rglob("*") if p.name.startswith(".partial-")]


async def test_a_remote_compile_archives_the_builders_images(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,
    hass_ws_client: WebSocketGenerator,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    text = esp32_yaml("esp32build 40000:70000")
    server = await launch(hass, start_server, "far", {CONFIG: text}, fake=True)
    # The same configuration here: its content hash is the build's.
    (configs_dir / CONFIG).write_text(text)
    entry = await setup_entry(hass, archive_entry(configs_dir, server))
    runtime = entry.runtime_data
    archive = runtime.archive

    job = await runtime.manager.async_start_job("compile", CONFIG)
    assert job.builder == "far-box"
    await runtime.manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, (job.error, job.output()[-5:])

    [build] = archive.builds(CONFIG)
    assert job.build_id == build.build_id
    data = build.as_dict()
    assert data["builder"] == "far-box"
    assert data["job_id"] == job.job_id
    assert data["config_hash"] == runtime.catalog.get(CONFIG).content_hash
    assert data["esphome_version"] == job.esphome_version
    assert data["last_known_good"] is False
    assert sorted((a["kind"], a["size"]) for a in data["artifacts"]) == [
        ("factory", 70000),
        ("ota", 40000),
    ]
    assert any(
        line.startswith("INFO [ESPHome Builder] Archived the build from far-box")
        for line in job.output()
    )
    # The archive offers the remote's very bytes, through a signed download.
    ws = await hass_ws_client(hass)
    anonymous = await hass_client_no_auth()
    images = remote_images(server.configs)
    for artifact in build.artifacts:
        await ws.send_json_auto_id(
            {"type": f"{DOMAIN}/builds/download", "artifact_id": artifact.artifact_id}
        )
        reply = await ws.receive_json()
        assert reply["success"], reply
        got = await anonymous.get(reply["result"]["url"])
        assert got.status == 200
        remote = images / f"firmware.{artifact.kind}.bin"
        assert await got.read() == remote.read_bytes()
    # Rollback flashes the OTA image.
    flash = archive.flash_file(build)
    assert flash is not None
    assert flash.read_bytes() == (images / "firmware.ota.bin").read_bytes()
    assert not leftovers(archive.root)

    # An install archives after its compile and is its last known good.
    install = await runtime.manager.async_start_job(
        "install", CONFIG, device="127.0.0.1"
    )
    await runtime.manager.async_wait(install.job_id)
    assert install.status is JobStatus.COMPLETED, install.output()[-5:]
    newest = archive.builds(CONFIG)[0]
    assert install.build_id == newest.build_id != build.build_id
    assert newest.last_known_good
    newest_flash = archive.flash_file(newest)
    assert newest_flash is not None
    assert newest_flash.read_bytes() == (images / "firmware.ota.bin").read_bytes()


async def test_an_image_over_the_cap_is_not_archived_and_the_job_completes(
    hass: HomeAssistant, configs_dir: Path, start_server: StartServer
) -> None:
    # The OTA image is 2 MiB; the archive takes 1 MiB in all.
    text = esp32_yaml(f"esp32build {2 * 1024 * 1024}:1024")
    server = await launch(hass, start_server, "far", {CONFIG: text}, fake=True)
    entry = await setup_entry(
        hass, archive_entry(configs_dir, server, **{CONF_ARCHIVE_MB: 1})
    )
    runtime = entry.runtime_data

    job = await runtime.manager.async_start_job("compile", CONFIG)
    await runtime.manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, (job.error, job.output()[-5:])
    assert job.build_id is None
    assert runtime.archive.builds() == []
    warning = next(
        line for line in job.output() if line.startswith("WARNING [ESPHome Builder]")
    )
    assert "not archived" in warning
    assert "firmware.ota.bin is larger than the 1023 KiB" in warning
    assert "1 MiB a build" in warning
    # The factory image came first and fitted: it went too, with its folder.
    root = runtime.archive.root
    assert not root.exists() or not any(root.iterdir())


def test_a_remote_file_name_never_becomes_a_path() -> None:
    for hostile in ("../../etc/passwd", "/etc/passwd", "a\\..\\passwd", "x/./passwd"):
        assert safe_name(hostile) == "passwd"
    for nothing in ("..", ".", "/", "../", "...", ""):
        assert safe_name(nothing) is None
    assert safe_name(".hidden..bin") == "hidden.bin"
    assert safe_name("fïrm ware;$(rm).bin") == "f_rm_ware_rm_.bin"
    assert len(safe_name("a" * 500) or "") == 100

    images = pick_images(
        [
            "not a dict",
            {"file": ["list"], "type": "ota"},
            {"file": "../../../evil/firmware.ota.bin", "type": "ota"},
            {"file": "firmware.ota.bin", "type": "ota"},  # a second OTA image
            {"file": "/etc/passwd", "type": "factory"},
            {"file": "..", "type": "bin"},
            {"file": "sub/firmware.uf2", "type": {"un": "hashable"}},
            {"file": "firmware.elf", "type": "elf"},
        ]
    )
    assert [(i.kind, i.remote_file, i.file) for i in images] == [
        ("ota", "../../../evil/firmware.ota.bin", "ota-firmware.ota.bin"),
        ("factory", "/etc/passwd", "factory-passwd"),
        ("uf2", "sub/firmware.uf2", "uf2-firmware.uf2"),
    ]
    # Only the first entries of a long listing are looked at.
    many = [{"file": f"{i}.bin", "type": "elf"} for i in range(100)]
    assert pick_images([*many, {"file": "firmware.bin"}]) == []
    assert pick_images({"file": "firmware.bin"}) == []


class HostileBuilder:
    """A builder that lists hostile names and streams bodies without a length."""

    def __init__(self, listing: list[Any], sizes: dict[str, int]) -> None:
        self.port = free_port()
        self.listing = listing
        self.sizes = sizes
        self.tokens: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def ws(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"server_version": "hostile", "requires_auth": False})
        async for msg in ws:
            data = json.loads(msg.data)
            args = data.get("args") or {}
            if data["command"] == "firmware/get_binaries":
                result: Any = self.listing
            else:
                self.tokens.append(args["file"])
                result = {"token": args["file"], "filename": "x"}
            await ws.send_json({"message_id": data["message_id"], "result": result})
        return ws

    async def download(self, request: web.Request) -> web.StreamResponse:
        size = self.sizes[request.query["token"]]
        resp = web.StreamResponse()
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for start in range(0, size, 100_000):
            await resp.write(b"x" * min(100_000, size - start))
        await resp.write_eof()
        return resp


@contextlib.asynccontextmanager
async def serve(builder: HostileBuilder) -> AsyncIterator[None]:
    app = web.Application()
    app.router.add_get("/ws", builder.ws)
    app.router.add_get("/api/firmware/download", builder.download)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", builder.port).start()
    try:
        yield
    finally:
        await runner.cleanup()


@pytest.mark.usefixtures("socket_enabled")
async def test_a_hostile_builder_writes_only_plain_names_within_the_caps(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    listing = [
        {"file": "../../escaped/firmware.ota.bin", "type": "ota"},
        {"file": "/tmp/factory.bin", "type": "factory"},
    ]
    builder = HostileBuilder(
        listing,
        {"../../escaped/firmware.ota.bin": 300_000, "/tmp/factory.bin": 500_000},
    )
    folder = tmp_path / "archive" / "build"
    source = RemoteSource(async_get_clientsession(hass), BuilderSpec("h", builder.url))
    async with serve(builder):
        fetched = await source.async_fetch(CONFIG, folder, 10_000_000)
        assert [(image.file, size) for image, size in fetched] == [
            ("ota-firmware.ota.bin", 300_000),
            ("factory-factory.bin", 500_000),
        ]
        # The builder's names went back to it only; ours are plain, in the folder.
        assert builder.tokens == [item["file"] for item in listing]
        assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
            "factory-factory.bin",
            "ota-firmware.ota.bin",
        ]
        assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {folder}

        # Over the whole build's cap, read without a length: stopped, no half file.
        fresh = tmp_path / "archive" / "second"
        with pytest.raises(FetchError, match=r"factory\.bin is larger than"):
            await source.async_fetch(CONFIG, fresh, 600_000)
        assert sorted(p.name for p in fresh.iterdir()) == ["ota-firmware.ota.bin"]
