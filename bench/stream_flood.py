"""Benchmark: floods of build output streamed to websocket followers.

Starts a real Home Assistant process (`hass`, through devtools.ha_instance) with
ESPHome Builder pointed at the fake ESPHome of the tests, and a small probe
integration that measures HA's event-loop lag with a timer task and its RSS.
Then, over real websocket connections:

- three compile jobs each print ``--lines`` lines (default 1,000,000) at once;
- ``--followers`` clients (default 5) follow each job from before its first line.

Prints the figures as one JSON object on its last line: loop lag p50/p99/max
while the floods run, messages and bytes per follower per second, RSS growth of
the HA process, and how many connections were lost.

    .venv/bin/python -m bench.stream_flood [--lines 1000000] [--followers 5]
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
import json
import os
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

import aiohttp

from devtools.ha_instance import BootstrapOptions, HAProcess

ROOT = Path(__file__).resolve().parent.parent
FAKE_ESPHOME = ROOT / "tests" / "fake_esphome.py"
FLOODS = 3

PROBE_MANIFEST = {
    "domain": "bench_probe",
    "name": "Benchmark probe",
    "codeowners": [],
    "dependencies": ["websocket_api"],
    "documentation": "https://example.invalid",
    "requirements": [],
    "version": "0.0.1",
}

# Runs inside HA: a timer task that records how late each 10 ms tick wakes up.
PROBE_SOURCE = '''\
"""Measure HA's event-loop lag and RSS for benchmarks."""

import asyncio
import os

import voluptuous as vol

from homeassistant.components import websocket_api
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import HomeAssistant, callback

TICK = 0.005
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


async def async_setup(hass: HomeAssistant, config: dict) -> bool:
    state = {"lags": [], "rss0": _rss(), "peak": _rss()}

    async def ticker() -> None:
        loop = hass.loop
        count = 0
        while True:
            start = loop.time()
            await asyncio.sleep(TICK)
            state["lags"].append(loop.time() - start - TICK)
            count += 1
            if count % 20 == 0:
                state["peak"] = max(state["peak"], _rss())

    task = hass.async_create_background_task(ticker(), "bench_probe ticker")
    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, lambda _: task.cancel())

    @websocket_api.websocket_command({vol.Required("type"): "bench_probe/reset"})
    @callback
    def reset(hass, connection, msg) -> None:
        state["lags"] = []
        state["rss0"] = state["peak"] = _rss()
        connection.send_result(msg["id"])

    @websocket_api.websocket_command({vol.Required("type"): "bench_probe/stats"})
    @callback
    def stats(hass, connection, msg) -> None:
        connection.send_result(
            msg["id"],
            {
                "lags": state["lags"],
                "rss0": state["rss0"],
                "rss": _rss(),
                "peak": state["peak"],
            },
        )

    websocket_api.async_register_command(hass, reset)
    websocket_api.async_register_command(hass, stats)
    return True
'''


class Client:
    """One authenticated websocket connection to HA."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self.session = session
        self.url = url.replace("http", "ws", 1) + "/api/websocket"
        self.token = token
        self.next_id = 1
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def connect(self) -> Client:
        self.ws = await self.session.ws_connect(self.url, max_msg_size=0)
        assert (await self.ws.receive_json())["type"] == "auth_required"
        await self.ws.send_json({"type": "auth", "access_token": self.token})
        answer = await self.ws.receive_json()
        assert answer["type"] == "auth_ok", answer
        return self

    async def send(self, command: str, **data: Any) -> int:
        assert self.ws is not None
        msg_id = self.next_id
        self.next_id += 1
        await self.ws.send_json({"id": msg_id, "type": command, **data})
        return msg_id

    async def call(self, command: str, **data: Any) -> Any:
        assert self.ws is not None
        msg_id = await self.send(command, **data)
        while True:
            message = await self.ws.receive_json()
            if message.get("id") == msg_id and message["type"] == "result":
                if not message["success"]:
                    raise RuntimeError(f"{command}: {message['error']}")
                return message["result"]


@dataclass
class Follower:
    """What one follower received."""

    messages: int = 0
    outputs: int = 0
    bytes: int = 0
    lines: int = 0
    skipped: int = 0
    first: float = 0.0
    last: float = 0.0
    result: dict[str, Any] | None = None
    disconnected: bool = False
    tail: list[str] = field(default_factory=list)


async def follow(client: Client, job_id: str, ready: asyncio.Event) -> Follower:
    assert client.ws is not None
    stats = Follower()
    msg_id = await client.send("esphome_builder/jobs/follow", job_id=job_id)
    ready.set()
    while True:
        message = await client.ws.receive()
        if message.type != aiohttp.WSMsgType.TEXT:
            stats.disconnected = True
            return stats
        data = json.loads(message.data)
        if data.get("id") != msg_id or data["type"] != "event":
            continue
        now = time.monotonic()
        stats.first = stats.first or now
        stats.last = now
        stats.messages += 1
        stats.bytes += len(message.data)
        event = data["event"]
        stats.outputs += event["type"] == "output"
        if event["type"] in ("history", "output"):
            stats.lines += len(event["lines"])
            stats.skipped += event.get("skipped", 0)
            stats.tail = (stats.tail + event["lines"])[-2000:]
        elif event["type"] == "result":
            stats.result = event
            return stats


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def run(ha: HAProcess, lines: int, followers: int) -> dict[str, Any]:
    async with aiohttp.ClientSession() as session:
        control = await Client(session, ha.url, ha.token).connect()
        # HA may still be setting up the probe after our entry has loaded.
        for _ in range(200):
            try:
                await control.call("bench_probe/reset")
                break
            except RuntimeError:
                await asyncio.sleep(0.1)
        # Block the compile lane so the floods wait until every follower is on.
        blockers = [
            (
                await control.call(
                    "esphome_builder/jobs/start",
                    action="validate",
                    configuration=f"block{i}.yaml",
                )
            )["job_id"]
            for i in range(FLOODS)
        ]
        floods = [
            (
                await control.call(
                    "esphome_builder/jobs/start",
                    action="compile",
                    configuration=f"flood{i}.yaml",
                )
            )["job_id"]
            for i in range(FLOODS)
        ]
        clients = [
            await Client(session, ha.url, ha.token).connect()
            for _ in range(FLOODS * followers)
        ]
        ready = [asyncio.Event() for _ in clients]
        tasks = [
            asyncio.create_task(follow(c, floods[i % FLOODS], ready[i]))
            for i, c in enumerate(clients)
        ]
        for event in ready:
            await event.wait()
        await control.call("bench_probe/reset")
        start = time.monotonic()
        for job_id in blockers:
            await control.call("esphome_builder/jobs/cancel", job_id=job_id)
        results = await asyncio.gather(*tasks)
        elapsed = time.monotonic() - start
        stats = await control.call("bench_probe/stats")
        jobs = {
            job_id: (await control.call("esphome_builder/jobs/get", job_id=job_id))[
                "job"
            ]
            for job_id in floods
        }
        for client in [control, *clients]:
            if client.ws is not None:
                await client.ws.close()

    lags_ms = [lag * 1000 for lag in stats["lags"]]
    durations = [max(r.last - r.first, 1e-3) for r in results]
    complete = all(
        r.result is not None and r.result["status"] == "completed" for r in results
    )
    tails_match = all(
        r.tail == jobs[floods[i % FLOODS]]["output"][-2000:]
        for i, r in enumerate(results)
    )
    return {
        "floods": FLOODS,
        "lines_per_flood": lines,
        "followers_per_flood": followers,
        "elapsed_s": round(elapsed, 2),
        "all_results_completed": complete,
        "tails_equal_retained_output": tails_match,
        "lines_received_per_follower": round(
            sum(r.lines for r in results) / len(results)
        ),
        "lines_skipped_per_follower": round(
            sum(r.skipped for r in results) / len(results)
        ),
        "max_msgs_per_s_one_follower": round(
            max(r.messages / d for r, d in zip(results, durations, strict=True)), 1
        ),
        # history, status and result come on top: in a short run they show.
        "output_msgs_per_s_per_follower": round(
            sum(r.outputs for r in results) / sum(durations), 1
        ),
        "rss_peak_growth_mb": round((stats["peak"] - stats["rss0"]) / 2**20, 1),
        "loop_lag_p50_ms": round(percentile(lags_ms, 0.50), 2),
        "loop_lag_p99_ms": round(percentile(lags_ms, 0.99), 2),
        "loop_lag_max_ms": round(max(lags_ms, default=0.0), 2),
        "msgs_per_s_per_follower": round(
            sum(r.messages for r in results) / sum(durations), 1
        ),
        "bytes_per_s_per_follower": round(
            sum(r.bytes for r in results) / sum(durations)
        ),
        "rss_growth_mb": round((stats["rss"] - stats["rss0"]) / 2**20, 1),
        "disconnects": sum(r.disconnected for r in results),
    }


def prepare(work: Path, lines: int) -> HAProcess:
    configs = work / "configs"
    configs.mkdir()
    fake = work / "bin" / "esphome"
    fake.parent.mkdir()
    fake.write_text(f"#!{sys.executable}\n" + FAKE_ESPHOME.read_text())
    fake.chmod(0o755)
    for i in range(FLOODS):
        body = "esphome:\n  name: {name}\nhost:\n"
        (configs / f"flood{i}.yaml").write_text(
            f"# fake: flood {lines}\n" + body.format(name=f"flood{i}")
        )
        (configs / f"block{i}.yaml").write_text(
            "# fake: sleep 600\n" + body.format(name=f"block{i}")
        )
    ha = HAProcess.prepare(
        work / "config",
        configs,
        str(fake),
        work / "home",
        options=BootstrapOptions(compile_jobs=FLOODS),
    )
    probe = work / "config" / "custom_components" / "bench_probe"
    probe.mkdir(parents=True)
    (probe / "manifest.json").write_text(json.dumps(PROBE_MANIFEST))
    (probe / "__init__.py").write_text(PROBE_SOURCE)
    with (work / "config" / "configuration.yaml").open("a") as yaml:
        yaml.write("bench_probe:\n")
    return ha


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--followers", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stream_flood_") as tmp:
        ha = prepare(Path(tmp), args.lines)
        # `python -m homeassistant` puts its working directory first on the
        # path; from the repository root HA would take our custom_components
        # package for the config folder's and never see the probe.
        os.chdir(tmp)
        try:
            ha.start()
        except (RuntimeError, TimeoutError):
            log = Path(tmp) / "config" / "hass-run.log"
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            ha.stop()
            raise
        try:
            figures = asyncio.run(run(ha, args.lines, args.followers))
        finally:
            ha.stop()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
