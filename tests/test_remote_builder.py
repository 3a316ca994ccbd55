"""Remote builds on real esphome-device-builder servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from functools import partial
import json
from pathlib import Path
import signal
import time
from typing import Any

from aiohttp import web
from homeassistant.components.esphome.dashboard import async_set_dashboard_info
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState, ConfigFlowResult
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.esphome_builder.builder_client import BuilderSocket, BuilderSpec
from custom_components.esphome_builder.builders import (
    CONF_BUILDERS,
    CONF_DEFAULT_BUILDER,
    CONF_IDLE_TIMEOUT,
    UnknownBuilderError,
    async_update_insecure_issue,
)
from custom_components.esphome_builder.const import (
    CONF_COMPILE_JOBS,
    CONF_CONFIGS_DIR,
    CONF_ESPHOME_COMMAND,
    CONF_UPLOAD_JOBS,
    DOMAIN,
    INFLIGHT,
    RETAINED,
)
from custom_components.esphome_builder.diagnostics import (
    async_get_config_entry_diagnostics,
)
from custom_components.esphome_builder.jobs.job import JobStatus
from custom_components.esphome_builder.jobs.remote import RemoteRunner

from .conftest import free_port, make_entry, setup_entry
from .remote_server import (
    ESPHOME_VENV,
    BuilderServer,
    builder_processes,
    make_fake_venv,
)

HOST_YAML = "esphome:\n  name: {name}\nhost:\nlogger:\n"

StartServer = Callable[..., BuilderServer]


@pytest.fixture
def start_server(tmp_path: Path, socket_enabled: None) -> Generator[StartServer]:
    """Start real Device Builder servers; stop them and their builds after."""
    started: list[BuilderServer] = []

    def start(
        name: str,
        configs: dict[str, str],
        *,
        fake: bool = False,
        username: str = "",
        password: str = "",
    ) -> BuilderServer:
        root = tmp_path / f"server-{name}"
        folder = root / "configs"
        folder.mkdir(parents=True)
        for file, text in configs.items():
            (folder / file).write_text(text)
        python = make_fake_venv(root / "venv") if fake else ESPHOME_VENV / "bin/python"
        server = BuilderServer(python, folder, root / "home", username, password)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


async def launch(
    hass: HomeAssistant, start: StartServer, *args: Any, **kwargs: Any
) -> BuilderServer:
    """Start a server from the executor: starting one blocks for a second."""
    return await hass.async_add_executor_job(partial(start, *args, **kwargs))


def fake_yaml(name: str, behaviour: str) -> str:
    """A configuration the fake ESPHome acts on."""
    return f"# fake: {behaviour}\nesphome:\n  name: {name}\nhost:\n"


def remote_entry(
    configs_dir: Path,
    servers: dict[str, BuilderServer],
    *,
    command: str = "",
    default: str = "auto",
    idle_timeout: float = 60,
) -> MockConfigEntry:
    """An entry whose builds run on the given servers."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="ESPHome Builder",
        data={
            CONF_CONFIGS_DIR: str(configs_dir),
            CONF_ESPHOME_COMMAND: command,
            CONF_COMPILE_JOBS: 1,
            CONF_UPLOAD_JOBS: 2,
            CONF_BUILDERS: [
                {
                    "name": name,
                    "url": server.url,
                    "username": server.username,
                    "password": server.password,
                }
                for name, server in servers.items()
            ],
            CONF_DEFAULT_BUILDER: default,
            CONF_IDLE_TIMEOUT: idle_timeout,
        },
    )


async def server_job(
    hass: HomeAssistant, server: BuilderServer, configuration: str
) -> dict[str, Any]:
    """Return the server's newest job for a configuration, as it reports it."""
    from homeassistant.helpers.aiohttp_client import async_get_clientsession

    spec = BuilderSpec("check", server.url, server.username, server.password)
    sock = await BuilderSocket.async_open(async_get_clientsession(hass), spec)
    try:
        jobs = await sock.call("firmware/get_jobs", configuration=configuration)
    finally:
        await sock.close()
    assert jobs, f"the server has no job for {configuration}"
    return max(jobs, key=lambda job: job["created_at"])


async def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll until ``predicate()`` holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_remote_validate_and_real_compile(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A validate and a real host: compile run remotely, lines arrive live."""
    configs = {"hosty.yaml": HOST_YAML.format(name="hosty")}
    server = await launch(hass, start_server, "real", configs)
    entry = await setup_entry(hass, remote_entry(configs_dir, {"big-box": server}))
    manager = entry.runtime_data.manager
    # Only the server has this configuration; the local folder is empty.
    assert not (configs_dir / "hosty.yaml").exists()

    job = await manager.async_start_job("validate", "hosty.yaml")
    assert job.builder == "big-box"
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, (job.error, job.output()[-5:])
    assert any("Configuration is valid" in line for line in job.output())

    client = await hass_ws_client(hass)
    job = await manager.async_start_job("compile", "hosty.yaml")
    await client.send_json_auto_id(
        {"type": f"{DOMAIN}/jobs/follow", "job_id": job.job_id}
    )
    assert (await client.receive_json())["success"]
    batches: list[tuple[str, float]] = []
    result: dict[str, Any] | None = None
    while result is None:
        async with asyncio.timeout(180):
            msg = (await client.receive_json())["event"]
        if msg["type"] in ("history", "output"):
            batches.extend((line, time.monotonic()) for line in msg["lines"])
        elif msg["type"] == "result":
            result = msg
    assert result["status"] == "completed", (result, job.output()[-5:])
    lines = [line for line, _ in batches]
    assert any("Compiling app" in line for line in lines)
    assert any(line.startswith("[1/") for line in lines)
    # Live: the compile's lines came spread over its run, not in one burst.
    first = next(t for line, t in batches if "Compiling app" in line)
    last = next(t for line, t in reversed(batches) if line.startswith("["))
    assert last - first > 1.0
    # ESPHome's literal "\033" escapes were turned back into ANSI colours.
    assert not any("\\033" in line for line in lines)
    assert (await server_job(hass, server, "hosty.yaml"))["status"] == "completed"

    # jobs/list shows where it ran.
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/list"})
    listed = (await client.receive_json())["result"]["jobs"]
    assert {j["builder"] for j in listed} == {"big-box"}


async def test_remote_flood_respects_caps(
    hass: HomeAssistant, configs_dir: Path, start_server: StartServer
) -> None:
    """A flood on the remote side is capped on ours, while it runs."""
    configs = {"flood.yaml": fake_yaml("flood", "flood 20000")}
    server = await launch(hass, start_server, "fake", configs, fake=True)
    entry = await setup_entry(hass, remote_entry(configs_dir, {"fake": server}))
    manager = entry.runtime_data.manager
    job = await manager.async_start_job("compile", "flood.yaml")
    largest = 0
    received = 0

    def on_lines(lines: list[str]) -> None:
        nonlocal largest, received
        received += len(lines)
        largest = max(largest, len(job.buffer))

    manager.async_listen_output(job.job_id, on_lines)
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, job.error
    # Enough arrived to pass the in-flight cap, which was never exceeded.
    assert received > INFLIGHT
    assert largest <= INFLIGHT
    output = job.output()
    assert len(output) == RETAINED + 1
    assert output[0].startswith("... [output trimmed:")
    assert job.elided == received - RETAINED
    # The server's follow stream may drop lines when its queue is full
    # (bounded on its side too), so the last line is not always 19999.
    assert output[-1].startswith("line ")


async def test_cancel_mid_compile_cancels_on_the_server(
    hass: HomeAssistant, configs_dir: Path, start_server: StartServer
) -> None:
    """Cancel ends our job cancelled; the server shows it cancelled and stops."""
    configs = {"hosty.yaml": HOST_YAML.format(name="hosty")}
    server = await launch(hass, start_server, "real", configs)
    entry = await setup_entry(hass, remote_entry(configs_dir, {"box": server}))
    manager = entry.runtime_data.manager
    job = await manager.async_start_job("compile", "hosty.yaml")
    await wait_for(
        lambda: any("Compiling app" in line for line in job.output()), 60, "compiling"
    )
    assert builder_processes(server), "the server runs no build"
    await manager.async_cancel(job.job_id)
    assert job.status is JobStatus.CANCELLED
    remote = await server_job(hass, server, "hosty.yaml")
    assert remote["status"] == "cancelled"
    await wait_for(lambda: not builder_processes(server), 10, "the remote build to end")


async def test_killed_server_fails_the_job_naming_the_builder(
    hass: HomeAssistant, configs_dir: Path, start_server: StartServer
) -> None:
    """A server that dies, or goes silent, fails the job within the idle timeout."""
    configs = {
        "slow.yaml": fake_yaml("slow", "sleep 60"),
        "slower.yaml": fake_yaml("slower", "sleep 60"),
    }
    server = await launch(hass, start_server, "fake", configs, fake=True)
    entry = await setup_entry(
        hass, remote_entry(configs_dir, {"attic": server}, idle_timeout=3)
    )
    manager = entry.runtime_data.manager

    # Frozen: the socket stays open, nothing arrives; the idle timeout ends it.
    job = await manager.async_start_job("compile", "slow.yaml")
    await wait_for(
        lambda: any("sleeping" in line for line in job.output()), 30, "start"
    )
    server.kill(signal.SIGSTOP)
    started = time.monotonic()
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.FAILED
    assert "attic" in (job.error or "")
    assert "no message for 3 s" in (job.error or "")
    assert 2.5 < time.monotonic() - started < 10
    server.kill(signal.SIGCONT)

    # Killed: the connection drops; the job fails at once.
    job = await manager.async_start_job("compile", "slower.yaml")
    await wait_for(
        lambda: any("sleeping" in line for line in job.output()), 30, "start"
    )
    server.kill(signal.SIGKILL)
    started = time.monotonic()
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.FAILED
    assert "attic" in (job.error or "")
    assert "lost the connection" in (job.error or "")
    assert time.monotonic() - started < 3


async def test_two_servers_share_four_compiles(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Four queued compiles spread over two builders; jobs/list shows where."""
    configs = {f"dev{i}.yaml": fake_yaml(f"dev{i}", "sleep 1") for i in range(4)}
    one, two = await asyncio.gather(
        launch(hass, start_server, "one", configs, fake=True),
        launch(hass, start_server, "two", configs, fake=True),
    )
    entry = await setup_entry(hass, remote_entry(configs_dir, {"one": one, "two": two}))
    manager = entry.runtime_data.manager
    jobs = [await manager.async_start_job("compile", name) for name in sorted(configs)]
    await asyncio.gather(*(manager.async_wait(job.job_id) for job in jobs))
    assert all(job.status is JobStatus.COMPLETED for job in jobs), [
        j.error for j in jobs
    ]
    assert sorted(job.builder for job in jobs) == ["one", "one", "two", "two"]
    # They ran side by side: each builder's two jobs overlapped the other's.
    on_one = [job for job in jobs if job.builder == "one"]
    on_two = [job for job in jobs if job.builder == "two"]
    assert on_one[0].started_at is not None
    assert on_two[0].finished_at is not None
    assert on_one[0].started_at < on_two[0].finished_at

    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": f"{DOMAIN}/jobs/list"})
    listed = (await client.receive_json())["result"]["jobs"]
    where = {j["configuration"]: j["builder"] for j in listed}
    assert where == {job.configuration: job.builder for job in jobs}


async def test_legacy_spawn_socket_streams_lines_and_exit_code(
    hass: HomeAssistant, start_server: StartServer
) -> None:
    """The legacy spawn socket (/compile) streams lines and the exit code."""
    from homeassistant.helpers.aiohttp_client import async_get_clientsession

    configs = {"fails.yaml": fake_yaml("fails", "floodexit 50")}
    server = await launch(hass, start_server, "legacy", configs, fake=True)
    runner = RemoteRunner(
        async_get_clientsession(hass), BuilderSpec("legacy", server.url)
    )
    chunks: list[bytes] = []
    code = await runner._run_spawn("compile", "fails.yaml", "OTA", chunks.append)
    text = b"".join(chunks).decode()
    assert code == 4
    assert "line 49\n" in text


async def _remote_form(hass: HomeAssistant) -> ConfigFlowResult:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.MENU
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "remote"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "remote"
    return result


def _schema_defaults(result: ConfigFlowResult) -> dict[str, Any]:
    assert result["data_schema"] is not None
    return {
        str(key): key.default()
        for key in result["data_schema"].schema
        if callable(getattr(key, "default", None))
    }


async def test_remote_setup_flow_errors_and_success(
    hass: HomeAssistant, start_server: StartServer
) -> None:
    """Wrong credentials, unreachable and non-ESPHome URLs each say so."""
    configs = {"hosty.yaml": HOST_YAML.format(name="hosty")}
    server = await launch(
        hass, start_server, "locked", configs, username="admin", password="s3cret"
    )
    result = await _remote_form(hass)
    flow_id = result["flow_id"]

    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": server.url, "username": "admin", "password": "wrong"}
    )
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": server.url}
    )
    assert result["errors"] == {"base": "invalid_auth"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": f"http://127.0.0.1:{free_port()}"}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    assert "127.0.0.1" in (result["description_placeholders"] or {})["detail"]

    # Some other web server (a router's page, say): reachable, but not ESPHome.
    async def not_found(_: web.Request) -> web.Response:
        return web.Response(status=404, text="404: Not Found")

    async def html(_: web.Request) -> web.Response:
        return web.Response(text="<html>a router</html>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/devices", not_found)
    app.router.add_get("/router/devices", html)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        for path in ("", "/router"):
            result = await hass.config_entries.flow.async_configure(
                flow_id, {"url": f"http://127.0.0.1:{port}{path}"}
            )
            assert result["errors"] == {"base": "not_esphome"}, path
    finally:
        await runner.cleanup()

    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": "ftp://example"}
    )
    assert result["errors"] == {"url": "invalid_url"}

    result = await hass.config_entries.flow.async_configure(
        flow_id, {"url": server.url, "username": "admin", "password": "s3cret"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result.get("errors")
    assert result["data"][CONF_BUILDERS] == [
        {
            "name": f"127.0.0.1:{server.port}",
            "url": server.url,
            "username": "admin",
            "password": "s3cret",
        }
    ]
    await hass.async_block_till_done()
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert entry.state is ConfigEntryState.LOADED
    # The remote-only entry builds there, with the credentials.
    manager = entry.runtime_data.manager
    job = await manager.async_start_job("validate", "hosty.yaml")
    await manager.async_wait(job.job_id)
    assert job.status is JobStatus.COMPLETED, job.error
    assert job.builder == f"127.0.0.1:{server.port}"
    # Diagnostics name the builder, never its password.
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert "s3cret" not in json.dumps(diagnostics)
    assert diagnostics["remote_builders"][0]["reachable"] is True
    assert "hosty.yaml" in diagnostics["remote_builders"][0]["configurations"]


async def test_known_dashboard_is_offered(
    hass: HomeAssistant, hass_storage: dict[str, Any], start_server: StartServer
) -> None:
    """HA core's esphome dashboard (the add-on) is the default builder URL."""
    # Before HA core's esphome integration has loaded: its stored dashboard.
    hass_storage["esphome.dashboard"] = {
        "version": 1,
        "key": "esphome.dashboard",
        "data": {
            "info": {"addon_slug": "5c53de3b_esphome", "host": "10.0.0.5", "port": 6052}
        },
    }
    result = await _remote_form(hass)
    assert _schema_defaults(result)["url"] == "http://10.0.0.5:6052"
    hass.config_entries.flow.async_abort(result["flow_id"])

    # HA core's own dashboard manager, pointed at a real server (as the
    # Supervisor discovery of the ESPHome add-on does).
    server = await launch(hass, start_server, "addon", {})
    await async_set_dashboard_info(hass, "5c53de3b_esphome", "127.0.0.1", server.port)
    result = await _remote_form(hass)
    assert _schema_defaults(result)["url"] == server.url
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": server.url}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY, result.get("errors")
    assert result["data"][CONF_BUILDERS][0]["name"] == "ESPHome add-on"
    await hass.async_block_till_done()


async def test_options_add_route_and_remove_builders(
    hass: HomeAssistant,
    configs_dir: Path,
    fake_esphome: str,
    start_server: StartServer,
) -> None:
    """The options flow adds builders (tested on save), routes, removes them."""
    server = await launch(hass, start_server, "opt", {}, fake=True)
    entry = await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["menu_options"] == ["settings", "add_builder"]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "add_builder"}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"url": f"http://127.0.0.1:{free_port()}", "name": "x"}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"url": server.url, "name": "garage"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    pool = entry.runtime_data.builders
    assert pool is not None
    assert list(pool.builders) == ["garage"]
    # The local settings are kept.
    assert entry.runtime_data.settings.command == [fake_esphome]

    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["menu_options"] == [
        "settings",
        "add_builder",
        "remove_builder",
        "routing",
    ]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "routing"}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_DEFAULT_BUILDER: "garage", CONF_IDLE_TIMEOUT: 42}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    pool = entry.runtime_data.builders
    assert pool is not None
    assert (pool.default_builder, pool.idle_timeout) == ("garage", 42)
    (configs_dir / "here.yaml").write_text(fake_yaml("here", "exit 0"))
    manager = entry.runtime_data.manager
    assert (await manager.async_start_job("validate", "here.yaml")).builder == "garage"
    assert (
        await manager.async_start_job("validate", "here.yaml", builder="local")
    ).builder == "local"
    with pytest.raises(UnknownBuilderError):
        await manager.async_start_job("validate", "here.yaml", builder="nowhere")

    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "remove_builder"}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {CONF_BUILDERS: ["garage"]}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    pool = entry.runtime_data.builders
    assert pool is not None
    assert not pool.builders
    assert manager is not entry.runtime_data.manager
    job = await entry.runtime_data.manager.async_start_job("validate", "here.yaml")
    assert job.builder == "local"
    await entry.runtime_data.manager.async_wait(job.job_id)


async def test_remote_only_configuration_is_listed_and_buildable(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A config only the server has is listed as remote and runs there by name."""
    from homeassistant.exceptions import ServiceValidationError

    configs = {"faraway.yaml": fake_yaml("faraway", "exit 0")}
    server = await launch(hass, start_server, "attic", configs, fake=True)
    await setup_entry(hass, remote_entry(configs_dir, {"attic": server}))
    client = await hass_ws_client(hass)
    await client.send_json({"id": 1, "type": f"{DOMAIN}/devices/list"})
    answer = await client.receive_json()
    assert answer["success"], answer
    assert answer["result"]["devices"] == [
        {
            "configuration": "faraway.yaml",
            "name": "faraway",
            "friendly_name": None,
            "platform": None,
            "error": None,
            "ha_device_id": None,
            "online": False,
            "known_to_ha": False,
            "remote": True,
            "builders": ["attic"],
        }
    ]

    await client.send_json(
        {
            "id": 2,
            "type": f"{DOMAIN}/jobs/start",
            "action": "validate",
            "configuration": "faraway.yaml",
            "builder": "nope",
        }
    )
    refused = await client.receive_json()
    assert not refused["success"]
    assert refused["error"]["code"] == "not_found"
    assert "nope" in refused["error"]["message"]
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "validate",
            {"configuration": "faraway.yaml", "builder": "nope"},
            blocking=True,
            return_response=True,
        )
    assert err.value.translation_key == "unknown_builder"

    response = await hass.services.async_call(
        DOMAIN,
        "validate",
        {"configuration": "faraway.yaml", "builder": "attic", "wait": True},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    assert response["status"] == "completed", response
    await client.send_json(
        {"id": 3, "type": f"{DOMAIN}/jobs/get", "job_id": response["job_id"]}
    )
    job = (await client.receive_json())["result"]["job"]
    assert job["builder"] == "attic"


async def test_credentials_never_ride_in_a_builder_url(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str
) -> None:
    """Refused in the flow; an older entry's URL loses them; plain HTTP warns."""
    result = await _remote_form(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"url": f"http://admin:s3cret@127.0.0.1:{free_port()}"}
    )
    assert result["errors"] == {"url": "url_credentials"}

    # Nothing listens on either: the builders are just unreachable.
    port, open_port = free_port(), free_port()
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="ESPHome Builder",
        data={
            CONF_CONFIGS_DIR: str(configs_dir),
            CONF_ESPHOME_COMMAND: fake_esphome,
            CONF_COMPILE_JOBS: 1,
            CONF_UPLOAD_JOBS: 2,
            CONF_BUILDERS: [
                {"url": f"http://admin:s3cret@127.0.0.1:{port}"},
                {"url": f"http://127.0.0.1:{open_port}", "name": "open"},
            ],
        },
    )
    await setup_entry(hass, entry)
    builders = entry.runtime_data.builders.builders
    assert set(builders) == {f"127.0.0.1:{port}", "open"}
    spec = builders[f"127.0.0.1:{port}"].spec
    assert (spec.url, spec.username, spec.password) == (
        f"http://127.0.0.1:{port}",
        "admin",
        "s3cret",
    )
    issue = ir.async_get(hass).async_get_issue(DOMAIN, "insecure_builder")
    assert issue is not None
    assert issue.severity is ir.IssueSeverity.WARNING
    # Only the one with credentials.
    assert issue.translation_placeholders == {"builders": f"127.0.0.1:{port}"}
    # Over https they are encrypted: no warning.
    async_update_insecure_issue(
        hass, [BuilderSpec("tls", "https://127.0.0.1:6052", "admin", "s3cret")]
    )
    assert ir.async_get(hass).async_get_issue(DOMAIN, "insecure_builder") is None
    async_update_insecure_issue(hass, [spec])

    diagnostics = json.dumps(await async_get_config_entry_diagnostics(hass, entry))
    for secret in ("s3cret", "admin"):
        assert secret not in diagnostics, secret

    await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, "insecure_builder") is None


async def test_a_pinned_configuration_built_remotely_warns_in_the_log(
    hass: HomeAssistant, configs_dir: Path, start_server: StartServer
) -> None:
    configs = {"far.yaml": fake_yaml("far", "exit 0")}
    server = await launch(hass, start_server, "fake", configs, fake=True)
    (configs_dir / "far.yaml").write_text(configs["far.yaml"])
    entry = await setup_entry(hass, remote_entry(configs_dir, {"far-box": server}))
    # Pins are kept for local builds; a remote builder runs its own version.
    await hass.services.async_call(
        DOMAIN,
        "pin_version",
        {"configuration": "far.yaml", "version": "2026.1.0"},
        blocking=True,
        return_response=True,
    )
    manager = entry.runtime_data.manager
    job = await manager.async_start_job("validate", "far.yaml")
    await manager.async_wait(job.job_id)
    assert job.builder == "far-box"
    assert job.status is JobStatus.COMPLETED, job.output()[-5:]
    warning = job.output()[0]
    assert warning.startswith("WARNING [ESPHome Builder] far.yaml is pinned to ESPHome")
    assert "2026.1.0" in warning
    assert "far-box" in warning


async def test_an_exact_pin_builds_locally_or_is_refused_on_another_version(
    hass: HomeAssistant,
    configs_dir: Path,
    start_server: StartServer,
    fake_esphome: str,
) -> None:
    from homeassistant.exceptions import ServiceValidationError

    configs = {"far.yaml": fake_yaml("far", "exit 0")}
    server = await launch(hass, start_server, "fake", configs, fake=True)
    (configs_dir / "far.yaml").write_text(configs["far.yaml"])
    entry = await setup_entry(
        hass, remote_entry(configs_dir, {"far-box": server}, command=fake_esphome)
    )
    manager = entry.runtime_data.manager
    # Without the pin, the builder that lists the configuration builds it.
    job = await manager.async_start_job("validate", "far.yaml")
    assert job.builder == "far-box"
    await manager.async_wait(job.job_id)
    await hass.services.async_call(
        DOMAIN,
        "pin_version",
        {"configuration": "far.yaml", "version": "2026.1.0", "exact": True},
        blocking=True,
        return_response=True,
    )
    # Routed automatically: it builds here, with no warning of a mismatch.
    job = await manager.async_start_job("validate", "far.yaml")
    assert job.builder == "local"
    await manager.async_wait(job.job_id)
    assert not any("is pinned to" in line for line in job.output())
    # Sent to that builder by name: refused, saying why.
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "validate",
            {"configuration": "far.yaml", "builder": "far-box"},
            blocking=True,
            return_response=True,
        )
    assert err.value.translation_key == "pin_mismatch"
    assert err.value.translation_placeholders == {
        "configuration": "far.yaml",
        "version": "2026.1.0",
        "builder": "far-box",
        "builder_version": "2026.10.0",
    }
    assert "pinned exactly to ESPHome 2026.1.0" in str(err.value)
