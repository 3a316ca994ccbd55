"""Benchmark: ESPHome Builder with many configurations, and a burst of jobs.

Starts a real Home Assistant process (`hass`, through devtools.ha_instance) with
``--configs`` `host:` configurations (default 100: three entities each, a
firmware-job sensor, a build-progress sensor and a firmware update entity) and
the fake ESPHome of the tests, each job printing a few progress lines and
exiting 0. The probe integration of bench/scale_probe.py measures from inside
HA. Then, over real websocket connections, as the admin user:

1. the probe unloads the config entry, wraps ``JobManager.async_listen_jobs``
   so that every job listener registered from then on is counted, and times
   ``hass.config_entries.async_setup`` of the entry (HA's own start-up timing of
   the entry, with empty registries, is reported as well);
2. a panel client subscribes to ``esphome_builder/subscribe_events``;
3. ``--jobs`` compile jobs (default 100) start through
   ``esphome_builder/jobs/start`` as fast as the websocket takes them, one per
   configuration (with fewer configurations than jobs, in waves: one job per
   configuration, the next wave once it finished, so none supersedes another).
   The compile lane runs one job at a time, so nearly all of them queue;
4. after the last job, the window stays open until the history store's delayed
   save (2 s) has run; then the probe flushes the history once more, timed.

Prints the figures as one JSON object on its last line, with the targets: setup
(< 1 s), RSS growth over the burst, with the history full (< 30 MB), event-loop
lag p50/p99/max over the burst (p99 < 20 ms, max < 100 ms), the history file's
size and write time (< 50 ms), and job callbacks per job event (every call of a
listener registered through ``async_listen_jobs``, over the events the engine
fired; it must not grow with ``--configs``). Stalls (the loop not ticking for
50 ms) are reported with the callback the loop was running, the garbage
collections meanwhile, and the loop thread's stack sampled from a side thread;
``--stall-log FILE`` writes every sampled stack.

    .venv/bin/python -m bench.scale [--configs 100] [--jobs 100] [--stall-log FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from pathlib import Path
import sys
import tempfile
import time
from typing import Any

import aiohttp

from bench.stream_flood import Client, percentile
from devtools.ha_instance import HAProcess

ROOT = Path(__file__).resolve().parent.parent
FAKE_ESPHOME = ROOT / "tests" / "fake_esphome.py"
PROBE = Path(__file__).resolve().parent / "scale_probe.py"
PROBE_DOMAIN = "bench_scale_probe"
PROBE_MANIFEST = {
    "domain": PROBE_DOMAIN,
    "name": "Scale benchmark probe",
    "codeowners": [],
    "dependencies": ["websocket_api"],
    "documentation": "https://example.invalid",
    "requirements": [],
    "version": "0.0.1",
}
HISTORY_FILE = Path(".storage") / "esphome_builder.history"
# The history store saves this long after the last change (jobs/history.py),
# plus a margin for the write itself.
HISTORY_SETTLE_S = 2.0 + 1.5

TARGETS = {
    "setup_s": 1.0,
    "rss_growth_mb": 30.0,
    "loop_lag_p99_ms": 20.0,
    "loop_lag_max_ms": 100.0,
    "history_write_ms": 50.0,
}
OUR_CODE = ("custom_components/esphome_builder", "custom_components/bench_scale")


async def call_ready(client: Client, command: str, **data: Any) -> Any:
    """Call a probe command; HA may still be setting the probe up."""
    for _ in range(300):
        try:
            return await client.call(command, **data)
        except RuntimeError as err:
            if "unknown_command" not in str(err) and "Unknown command" not in str(err):
                raise
            await asyncio.sleep(0.1)
    raise TimeoutError(f"{command} never became available")


async def start_jobs(client: Client, configurations: list[str]) -> list[str]:
    """Send every start at once, then collect the answers."""
    assert client.ws is not None
    ids = [
        await client.send(
            "esphome_builder/jobs/start", action="compile", configuration=name
        )
        for name in configurations
    ]
    pending = set(ids)
    job_ids: dict[int, str] = {}
    while pending:
        message = await client.ws.receive_json()
        if message.get("type") != "result" or message.get("id") not in pending:
            continue
        if not message["success"]:
            raise RuntimeError(f"jobs/start: {message['error']}")
        pending.discard(message["id"])
        job_ids[message["id"]] = message["result"]["job_id"]
    return [job_ids[msg_id] for msg_id in ids]


async def panel(client: Client, counts: dict[str, int]) -> None:
    """Follow ``subscribe_events`` as the panel does; count what arrives."""
    assert client.ws is not None
    msg_id = await client.send("esphome_builder/subscribe_events")
    while True:
        message = await client.ws.receive()
        if message.type != aiohttp.WSMsgType.TEXT:
            counts["disconnected"] = 1
            return
        data = json.loads(message.data)
        if data.get("id") == msg_id and data.get("type") == "event":
            counts["messages"] += 1
            counts["bytes"] += len(message.data)


def short(frame: list[Any]) -> str:
    """Return ``file:line function``, the file from its package on."""
    path, line, name = frame
    for marker in ("/custom_components/", "/site-packages/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{line} {name}"


def summarize_stalls(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per stall: its lag, callback, collections and hottest stack."""
    out = []
    for stall in stats["stalls"]:
        start, end = stall["start"], stall["end"] or stats["elapsed"]
        callbacks = [
            c
            for c in stats["slow_callbacks"]
            if start - 0.01 <= c["at"] <= end + 0.05 and c["ms"] >= 40
        ]
        collections = [
            g for g in stats["gc_pauses"] if start - 0.01 <= g["at"] <= end + 0.05
        ]
        top: dict[str, Any] = (
            stall["stacks"][0] if stall["stacks"] else {"frames": [], "count": 0}
        )
        # Sampled only in selectors.select: the loop had nothing to run, so the
        # host did not schedule HA (or another thread held the GIL).
        idle = all(
            stack["frames"] and stack["frames"][0][2] == "select"
            for stack in stall["stacks"]
        )
        frames = top["frames"]
        ours = [short(f) for f in frames if any(m in f[0] for m in OUR_CODE)]
        out.append(
            {
                "at_s": start,
                "ms": round((end - start) * 1000),
                "kind": "loop idle, HA not scheduled" if idle else "loop busy",
                "callbacks": [
                    f"{c['callback']} {c['ms']} ms ({c['cpu_ms']} ms CPU)"
                    for c in callbacks
                ],
                "gc": [
                    f"gen{g['generation']} {g['ms']} ms, {g['collected']} collected"
                    for g in collections
                ],
                "samples": stall["samples"],
                "top_stack_share": f"{top['count']}/{stall['samples']}",
                "innermost": [short(f) for f in frames[:6]],
                "our_frames": ours[:8],
            }
        )
    return out


def write_stall_log(path: Path, stats: dict[str, Any]) -> None:
    with path.open("w") as log:
        for stall in stats["stalls"]:
            log.write(
                f"== stall from {stall['start']} s to {stall['end']} s,"
                f" {stall['samples']} samples\n"
            )
            for stack in stall["stacks"]:
                log.write(f"-- {stack['count']} sample(s), innermost first:\n")
                for frame in stack["frames"]:
                    log.write(f"   {short(frame)}\n")
        log.write("== slow callbacks (>= 20 ms)\n")
        for item in stats["slow_callbacks"]:
            log.write(
                f"   {item['at']} s {item['ms']} ms ({item['cpu_ms']} ms CPU)"
                f" {item['callback']}\n"
            )
        log.write("== garbage collections (>= 5 ms)\n")
        for item in stats["gc_pauses"]:
            log.write(f"   {item}\n")


async def run(
    ha: HAProcess,
    configs: int,
    jobs: int,
    stall_log: Path | None,
    profile: Path | None = None,
) -> dict[str, Any]:
    names = [f"dev{i:03d}.yaml" for i in range(configs)]
    async with aiohttp.ClientSession() as session:
        control = await Client(session, ha.url, ha.token).connect()
        await call_ready(control, f"{PROBE_DOMAIN}/reset")
        setup = await control.call(f"{PROBE_DOMAIN}/resetup")
        counts = {"messages": 0, "bytes": 0, "disconnected": 0}
        viewer = await Client(session, ha.url, ha.token).connect()
        panel_task = asyncio.create_task(panel(viewer, counts))
        # Let the reloaded entry and the panel's snapshot settle.
        await asyncio.sleep(1.0)
        await control.call(
            f"{PROBE_DOMAIN}/reset", **({"profile": str(profile)} if profile else {})
        )
        start = time.monotonic()
        statuses: dict[str, int] = {}
        done = 0
        while done < jobs:
            wave = names[: min(configs, jobs - done)]
            job_ids = await start_jobs(control, wave)
            result = await control.call(f"{PROBE_DOMAIN}/wait_jobs", job_ids=job_ids)
            for status, count in result["statuses"].items():
                statuses[status] = statuses.get(status, 0) + count
            done += len(wave)
        burst = time.monotonic() - start
        await asyncio.sleep(HISTORY_SETTLE_S)
        stats = await control.call(f"{PROBE_DOMAIN}/stats")
        flush = await control.call(f"{PROBE_DOMAIN}/flush_history")
        panel_task.cancel()
        for client in (control, viewer):
            if client.ws is not None:
                await client.ws.close()

    if stall_log is not None:
        write_stall_log(stall_log, stats)
    history_path = ha.config_dir / HISTORY_FILE
    lags_ms = [lag * 1000 for lag in stats["lags"]]
    cpu_ms = [cpu * 1000 for cpu in stats["cpu"]]
    events = sum(stats["events"].values())
    calls = sum(stats["listener_calls"].values())
    saves = stats["history_saves"]
    startup = setup["startup"]
    startup_s = sum(
        took for phase, took in startup.items() if phase.startswith("entry:")
    )
    figures: dict[str, Any] = {
        "configs": configs,
        "entities": setup["entities"],
        "jobs": jobs,
        "jobs_by_status": statuses,
        "burst_s": round(burst, 2),
        # The probe's re-setup of the entry (registries filled), timed around
        # hass.config_entries.async_setup: the platforms and their entities too.
        "setup_s": round(setup["setup_s"], 3),
        # HA's own timing of the entry at start-up (empty registries; other
        # integrations start meanwhile).
        "startup_setup_s": round(startup_s, 3),
        "rss_growth_mb": round((stats["rss"] - stats["rss0"]) / 2**20, 1),
        "rss_peak_growth_mb": round((stats["peak"] - stats["rss0"]) / 2**20, 1),
        "history_file_kb": round(history_path.stat().st_size / 1024, 1)
        if history_path.exists()
        else None,
        # The flush: serialization in the loop plus the write in the executor.
        "history_write_ms": round(flush["flush_ms"], 2),
        "history_serialize_ms": round(flush["serialize_ms"], 2),
        "history_saves_in_burst": len(saves),
        "history_save_max_ms_in_burst": max((s["ms"] for s in saves), default=0.0),
        "loop_lag_p50_ms": round(percentile(lags_ms, 0.50), 2),
        "loop_lag_p99_ms": round(percentile(lags_ms, 0.99), 2),
        "loop_lag_max_ms": round(max(lags_ms, default=0.0), 2),
        # The loop thread's CPU time per tick: the lag without the time the
        # host gave to other processes (other benches, tests, compilers).
        "loop_cpu_p99_ms": round(percentile(cpu_ms, 0.99), 2),
        "loop_cpu_max_ms": round(max(cpu_ms, default=0.0), 2),
        "job_events": events,
        "job_events_by_type": stats["events"],
        "job_callbacks": calls,
        "callbacks_per_job_event": round(calls / events, 2) if events else None,
        "callbacks_by_listener": dict(
            sorted(stats["listener_calls"].items(), key=lambda kv: -kv[1])
        ),
        "job_listeners_registered": stats["listeners_wrapped"],
        # Time inside job listeners, per event type, over the whole burst.
        "job_listener_ms_by_event": {
            k: round(v, 1) for k, v in sorted(stats["listener_ms"].items())
        },
        # Time inside our websocket handlers (jobs/start: the engine's start,
        # the job_queued listeners and the answer).
        "ws_handler_ms": {
            k.split("/", 1)[1]: round(v, 1) for k, v in stats["command_ms"].items()
        },
        "state_writes": stats["state_writes"],
        "state_writes_per_job_event": round(stats["state_writes"] / events, 2)
        if events
        else None,
        "panel_messages": counts["messages"],
        "panel_disconnected": bool(counts["disconnected"]),
        "gc_pauses_over_20ms": [g for g in stats["gc_pauses"] if g["ms"] >= 20],
        "stalls": summarize_stalls(stats),
    }
    figures["targets"] = {
        **TARGETS,
        "callbacks_per_job_event": "independent of --configs",
    }
    figures["vs_target"] = {
        key: round(figures[key] / limit, 2)
        for key, limit in TARGETS.items()
        if figures.get(key) is not None
    }
    figures["vs_target"]["startup_setup_s"] = round(startup_s / TARGETS["setup_s"], 2)
    figures["within_target"] = all(ratio < 1 for ratio in figures["vs_target"].values())
    return figures


def prepare(work: Path, configs: int) -> HAProcess:
    folder = work / "configs"
    folder.mkdir()
    fake = work / "bin" / "esphome"
    fake.parent.mkdir()
    fake.write_text(f"#!{sys.executable}\n" + FAKE_ESPHOME.read_text())
    fake.chmod(0o755)
    for i in range(configs):
        # A few lines, progress among them, and exit 0.
        (folder / f"dev{i:03d}.yaml").write_text(
            f"# fake: progress\nesphome:\n  name: dev{i:03d}\nhost:\n"
        )
    ha = HAProcess.prepare(work / "config", folder, str(fake), work / "home")
    probe = work / "config" / "custom_components" / PROBE_DOMAIN
    probe.mkdir(parents=True)
    (probe / "manifest.json").write_text(json.dumps(PROBE_MANIFEST))
    (probe / "__init__.py").write_text(PROBE.read_text())
    with (work / "config" / "configuration.yaml").open("a") as yaml:
        yaml.write(f"{PROBE_DOMAIN}:\n")
    return ha


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--configs", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--stall-log", type=Path, default=None)
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="cProfile HA's loop thread over the burst into this pstats file"
        " (slows it: for finding a stall, not for the figures)",
    )
    args = parser.parse_args()
    stall_log = args.stall_log.resolve() if args.stall_log else None
    profile = args.profile.resolve() if args.profile else None
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        ha = prepare(Path(tmp), args.configs)
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
            figures = asyncio.run(run(ha, args.configs, args.jobs, stall_log, profile))
        finally:
            ha.stop()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
