"""Benchmark: a fleet of real ``host:`` builds through a batch, against the bare CLI.

Writes ``--configs`` distinct ``host:`` configurations (default 6: a template
sensor each, the API on its own port, no encryption, mDNS disabled), then, in
the same run and from the same cache state each time:

- bare: ``esphome config X`` for every configuration, then ``esphome compile X``
  for every one, one at a time (``.venv-esphome/bin/esphome`` as a plain
  subprocess, output discarded);
- batch xK: a real Home Assistant process (devtools.ha_instance) with the
  integration set up on the same configurations; the ``esphome_builder.run_batch``
  service (``wait: true``, over the websocket's ``call_service``) with action
  ``validate``, then again with action ``compile``, once with the entry option
  ``compile_jobs`` (*Parallel compiles*) at 1 and once at 2, switched through
  the real options flow (which reloads the entry).

Fairness: before every measured run the configurations' ``.esphome`` folder
(build trees and storage) is deleted, so each run compiles every configuration
from scratch. HA's ESPHome children and the bare CLI get the same environment
(the integration's allowlist of HA's: ``HOME`` and ``PLATFORMIO_CORE_DIR`` in a
temporary folder, ``ESPHOME_CCACHE_ENABLE=0`` so no run hits a compiler cache an
earlier run filled). One warm-up validate + compile through HA runs first (a
configuration outside the measured set), so no run pays a one-time cost (page
cache, first spawn) the others do not. With ``--rounds 2`` the second round
runs in reverse order (A-B-C C-B-A), so drift cancels out.

Figures, per run and phase (validate, compile):

- wall: the service call's round trip, or the bare loop's time;
- ratio: batch wall / bare wall of the same phase (and of both phases);
- idle/job, our overhead per job: ``(lanes * wall - sum of the jobs' own run
  times) / jobs``, where a job's run time is its ``started_at`` to
  ``finished_at`` and ``lanes`` is ``min(compile_jobs, jobs)``: how long a
  compile slot sat without an ESPHome process of ours, per job (with one lane:
  wall minus the sum of run times, over the jobs). It holds the handover
  (below), the service's answer and, with two lanes, the tail where one lane
  has nothing left to run;
- start latency: for each job, from the moment its slot became free (the
  service call for the first ``lanes`` jobs, else the end of the job whose
  slot it took) to its ``started_at``; mean and max;
- run vs bare: the jobs' mean run time over the bare commands' mean (the cost
  of running ESPHome under the engine: pipes, line splitting, verdicts,
  progress; with two lanes it also holds the two builds sharing the CPU);
- CPU: the builds' CPU seconds (HA's ``cutime + cstime`` from /proc, or this
  process's ``RUSAGE_CHILDREN`` for the bare CLI: ESPHome, ninja and the
  compilers), HA's own CPU seconds, and what every other process on the
  machine used meanwhile (``/proc/stat``'s busy time minus ours), as a share
  of all cores: the noise. The same build CPU in every run says each did the
  same work; a wall ratio far from 1 at one parallel compile with a few
  milliseconds of idle slot time per job is the machine, not the engine.

A ``host:`` compile is ESPHome's Python (under a second), a precompiled header
(about 3 s on one core), some 40 C++ files that ninja builds on every core,
and a link: one compile already keeps both cores of a 2-core machine busy most
of the time, so two at once gain only its single-core stretches. The floor at
two parallel compiles is about ``build CPU / cores``.

Prints a table, a one-line summary, and the figures as one JSON object on the
last line.

    .venv/bin/python -m bench.fleet [--configs 6] [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
from datetime import datetime
import heapq
import json
import os
from pathlib import Path
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from custom_components.esphome_builder.jobs.environment import (
    PASSED_NAMES,
    PASSED_PREFIXES,
)
from devtools.ha_instance import DOMAIN, HAProcess, HAWebSocket

ROOT = Path(__file__).resolve().parent.parent
ESPHOME = ROOT / ".venv-esphome" / "bin" / "esphome"
PHASES = (("validate", "config"), ("compile", "compile"))
PARALLEL = (1, 2)
WARMUP = "warmup.yaml"
BATCH_TIMEOUT_S = 3600
CLK_TCK = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1

YAML = """\
esphome:
  name: {name}
  friendly_name: Fleet {i}
host:
logger:
api:
  port: {port}
mdns:
  disabled: true
sensor:
  - platform: template
    name: "Value {i}"
    lambda: "return {value};"
    update_interval: 10s
"""


@dataclass
class Phase:
    """One phase (validate or compile) of one run."""

    wall: float
    runs: list[float]
    child_cpu: float
    # CPU seconds every other process on the machine used meanwhile: the noise.
    other_cpu: float
    own_cpu: float = 0.0
    lanes: int = 1
    idle_per_job: float | None = None
    latency_mean: float | None = None
    latency_max: float | None = None
    answer: float | None = None
    max_parallel: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            key: round(value, 3) if isinstance(value, float) else value
            for key, value in vars(self).items()
            if key != "runs"
        } | {"mean_run": round(statistics.mean(self.runs), 3)}


@dataclass
class Run:
    """A measured run: the bare CLI, or a batch at some compile_jobs."""

    name: str
    phases: dict[str, Phase] = field(default_factory=dict)

    @property
    def wall(self) -> float:
        return sum(p.wall for p in self.phases.values())


def write_configs(folder: Path, count: int) -> list[str]:
    """Write the measured configurations and the warm-up one; return the first."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"fleet{i}.yaml" for i in range(count)]
    for i, name in enumerate([*names, WARMUP]):
        (folder / name).write_text(
            YAML.format(name=Path(name).stem, i=i, port=16100 + i, value=f"{i}.5")
        )
    return names


def clear_builds(folder: Path) -> None:
    """Delete the build trees and storage: the next run starts from scratch."""
    shutil.rmtree(folder / ".esphome", ignore_errors=True)


def child_env(ha_env: dict[str, str]) -> dict[str, str]:
    """Return what HA's environment passes on to an ESPHome child."""
    return {
        name: value
        for name, value in ha_env.items()
        if name in PASSED_NAMES or name.startswith(PASSED_PREFIXES)
    }


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def busy_cpu() -> float:
    """Return the CPU seconds the whole machine spent busy since boot."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    # user nice system idle iowait irq softirq steal (guest is in user)
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def proc_cpu(pid: int) -> tuple[float, float]:
    """Return a process's own CPU seconds and its waited-for children's."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return (utime + stime) / CLK_TCK, (cutime + cstime) / CLK_TCK


def stamp(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def bare_run(folder: Path, names: list[str], env: dict[str, str]) -> Run:
    """Every configuration through the bare CLI, one at a time."""
    clear_builds(folder)
    run = Run("bare")
    for phase, command in PHASES:
        runs: list[float] = []
        cpu0, busy0 = children_cpu(), busy_cpu()
        start = time.perf_counter()
        for name in names:
            began = time.perf_counter()
            subprocess.run(
                [str(ESPHOME), command, name],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            runs.append(time.perf_counter() - began)
        wall = time.perf_counter() - start
        child = children_cpu() - cpu0
        run.phases[phase] = Phase(wall, runs, child, busy_cpu() - busy0 - child)
    return run


def start_latencies(
    t0: float, spans: list[tuple[float, float]], lanes: int
) -> list[float]:
    """Each job's wait from its slot becoming free to its start."""
    free = [t0] * lanes
    waits = []
    for started, finished in sorted(spans):
        slot_free = heapq.heappop(free)
        waits.append(started - slot_free)
        heapq.heappush(free, finished)
    return waits


def max_parallel(spans: list[tuple[float, float]]) -> int:
    edges = sorted([(s, 1) for s, _ in spans] + [(f, -1) for _, f in spans])
    running = peak = 0
    for _, step in edges:
        running += step
        peak = max(peak, running)
    return peak


async def call_batch(ws: HAWebSocket, action: str, names: list[str]) -> Any:
    result = await ws.call(
        "call_service",
        domain=DOMAIN,
        service="run_batch",
        service_data={
            "action": action,
            "configurations": names,
            "wait": True,
            "timeout": BATCH_TIMEOUT_S,
        },
        return_response=True,
    )
    return result["response"]


async def job_spans(
    ws: HAWebSocket, batch: dict[str, Any]
) -> list[tuple[float, float]]:
    """The jobs' own start and end, checked against the batch's items."""
    jobs = {
        job["job_id"]: job
        for job in (await ws.call(f"{DOMAIN}/jobs/list"))["jobs"]
        if job["batch_id"] == batch["batch_id"]
    }
    spans = []
    for item in batch["items"]:
        job = jobs[item["job_id"]]
        if job["status"] != "completed":
            raise RuntimeError(f"{item['configuration']}: {job['status']} {job}")
        if (item["started_at"], item["finished_at"]) != (
            job["started_at"],
            job["finished_at"],
        ):
            raise RuntimeError(f"batch item and job disagree: {item} {job}")
        spans.append((stamp(job["started_at"]), stamp(job["finished_at"])))
    return spans


async def batch_phase(
    ws: HAWebSocket, pid: int, action: str, names: list[str], lanes: int
) -> Phase:
    (own0, child0), busy0 = proc_cpu(pid), busy_cpu()
    t0 = time.time()
    batch = await call_batch(ws, action, names)
    t1 = time.time()
    (own1, child1), busy1 = proc_cpu(pid), busy_cpu()
    if batch["status"] != "completed" or batch["counts"]["completed"] != len(names):
        raise RuntimeError(f"batch did not complete every job: {batch}")
    spans = await job_spans(ws, batch)
    runs = [f - s for s, f in spans]
    lanes = min(lanes, len(names))
    waits = start_latencies(t0, spans, lanes)
    return Phase(
        wall=t1 - t0,
        runs=runs,
        child_cpu=child1 - child0,
        other_cpu=busy1 - busy0 - (child1 - child0) - (own1 - own0),
        own_cpu=own1 - own0,
        lanes=lanes,
        idle_per_job=(lanes * (t1 - t0) - sum(runs)) / len(names),
        latency_mean=statistics.mean(waits),
        latency_max=max(waits),
        answer=t1 - max(f for _, f in spans),
        max_parallel=max_parallel(spans),
    )


async def batch_run(ha: HAProcess, folder: Path, names: list[str], lanes: int) -> Run:
    clear_builds(folder)
    assert ha.proc is not None
    ws = await HAWebSocket(ha.url, ha.token).connect()
    try:
        run = Run(f"batch x{lanes}")
        for action, _ in PHASES:
            run.phases[action] = await batch_phase(
                ws, ha.proc.pid, action, names, lanes
            )
        return run
    finally:
        await ws.close()


def options_flow(ha: HAProcess, entry_id: str, compile_jobs: int) -> None:
    """Set *Parallel compiles* through the options flow, as a user does."""
    base = "/api/config/config_entries/options/flow"
    menu = ha.api(base, {"handler": entry_id})
    form = ha.api(f"{base}/{menu['flow_id']}", {"next_step_id": "settings"})
    values = {
        field["name"]: field["default"]
        for field in form["data_schema"]
        if "default" in field
    }
    values.update(
        {
            "esphome_command": str(ESPHOME),
            "compile_jobs": compile_jobs,
        }
    )
    done = ha.api(f"{base}/{form['flow_id']}", values)
    if done["type"] != "create_entry":
        raise RuntimeError(f"options flow: {done}")


async def set_compile_jobs(ha: HAProcess, entry_id: str, compile_jobs: int) -> None:
    """Change the option and wait until the entry has reloaded with it."""
    ws = await HAWebSocket(ha.url, ha.token).connect()
    try:
        sub = await ws.send("config_entries/subscribe")
        await asyncio.to_thread(options_flow, ha, entry_id, compile_jobs)
        unloaded = False
        async with asyncio.timeout(120):
            while True:
                message = await ws.receive()
                if message.get("id") != sub or message.get("type") != "event":
                    continue
                for change in message["event"]:
                    entry = change["entry"]
                    if entry["entry_id"] != entry_id:
                        continue
                    if entry["state"] != "loaded":
                        unloaded = True
                    elif unloaded:
                        return
    finally:
        await ws.close()


def entry_id_of(ha: HAProcess) -> str:
    for entry in ha.api("/api/config/config_entries/entry"):
        if entry["domain"] == DOMAIN:
            return str(entry["entry_id"])
    raise RuntimeError("no config entry")


def measure(
    ha: HAProcess, folder: Path, bare_folder: Path, names: list[str], rounds: int
) -> list[Run]:
    entry_id = entry_id_of(ha)
    env = child_env(ha.env)
    current = 1
    # Warm-up: one validate and compile through HA, outside the measured set.
    asyncio.run(batch_run(ha, folder, [WARMUP], 1))
    order: list[int] = [0, *PARALLEL]
    runs: list[Run] = []
    for r in range(rounds):
        for lanes in order if r % 2 == 0 else order[::-1]:
            if lanes == 0:
                print("bare CLI ...", file=sys.stderr, flush=True)
                runs.append(bare_run(bare_folder, names, env))
                continue
            if lanes != current:
                asyncio.run(set_compile_jobs(ha, entry_id, lanes))
                current = lanes
            print(f"batch, compile_jobs={lanes} ...", file=sys.stderr, flush=True)
            runs.append(asyncio.run(batch_run(ha, folder, names, lanes)))
    clear_builds(folder)
    clear_builds(bare_folder)
    return runs


def merge(runs: list[Run]) -> dict[str, Run]:
    """Average the rounds of each kind of run."""
    by_name: dict[str, list[Run]] = {}
    for run in runs:
        by_name.setdefault(run.name, []).append(run)
    merged = {}
    for name, same in by_name.items():
        out = Run(name)
        for phase in same[0].phases:
            parts = [r.phases[phase] for r in same]

            def avg(key: str, parts: list[Phase] = parts) -> Any:
                values = [getattr(p, key) for p in parts]
                return None if values[0] is None else statistics.mean(values)

            out.phases[phase] = Phase(
                wall=avg("wall"),
                runs=[t for p in parts for t in p.runs],
                child_cpu=avg("child_cpu"),
                other_cpu=avg("other_cpu"),
                own_cpu=avg("own_cpu"),
                lanes=parts[0].lanes,
                idle_per_job=avg("idle_per_job"),
                latency_mean=avg("latency_mean"),
                latency_max=max(
                    (p.latency_max for p in parts if p.latency_max is not None),
                    default=None,
                ),
                answer=avg("answer"),
                max_parallel=max(p.max_parallel or 1 for p in parts),
            )
        merged[name] = out
    return merged


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.0f}"


COLUMNS = (
    ("run", "<9"),
    ("phase", "<8"),
    ("wall s", ">7"),
    ("ratio", ">5"),
    ("run s", ">6"),
    ("run/bare", ">8"),
    ("idle/job ms", ">11"),
    ("start ms", ">8"),
    ("par", ">3"),
    ("build CPU s", ">11"),
    ("HA CPU s", ">8"),
    ("others", ">6"),
)
LEGEND = """\
ratio: wall / the bare CLI's wall of the same phase. run s: a job's (or a bare
command's) mean run time; run/bare: that over the bare one. idle/job: (lanes x
wall - sum of the jobs' run times) / jobs. start: mean/max from a slot freeing
to the next job's start. par: most jobs running at once. build CPU: ESPHome
and its compilers. others: the machine's CPU used by other processes, as a
share of all its cores over the wall time (noise)."""


def row(cells: list[str]) -> str:
    return " ".join(
        f"{cell:{fmt}}" for cell, (_, fmt) in zip(cells, COLUMNS, strict=False)
    ).rstrip()


def phase_cells(run: Run, bare: Phase, figures: Phase) -> list[str]:
    mean_run = statistics.mean(figures.runs)
    batch = run.name != "bare"
    return [
        f"{mean_run:.2f}",
        f"{mean_run / statistics.mean(bare.runs):.2f}",
        ms(figures.idle_per_job),
        f"{ms(figures.latency_mean)}/{ms(figures.latency_max)}" if batch else "-",
        str(figures.max_parallel or 1),
        f"{figures.child_cpu:.1f}",
        f"{figures.own_cpu:.1f}" if batch else "-",
        f"{figures.other_cpu / (CPUS * figures.wall):.0%}",
    ]


def table(merged: dict[str, Run]) -> list[str]:
    bare = merged["bare"]
    lines = [row([name for name, _ in COLUMNS])]
    for run in merged.values():
        for phase, figures in run.phases.items():
            base = bare.phases[phase]
            lines.append(
                row(
                    [
                        run.name,
                        phase,
                        f"{figures.wall:.1f}",
                        f"{figures.wall / base.wall:.2f}",
                        *phase_cells(run, base, figures),
                    ]
                )
            )
        lines.append(
            row([run.name, "total", f"{run.wall:.1f}", f"{run.wall / bare.wall:.2f}"])
        )
    return [*lines, "", LEGEND]


def summary(merged: dict[str, Run], ratios: dict[str, float]) -> str:
    """One line: the ratios, our overhead per job, and how busy the machine was."""
    idle = {
        name: max(p.idle_per_job or 0.0 for p in merged[name].phases.values())
        for name in ratios
    }
    latency = max(
        p.latency_max or 0.0 for name in ratios for p in merged[name].phases.values()
    )
    others = [
        p.other_cpu / (CPUS * p.wall)
        for run in merged.values()
        for p in run.phases.values()
        if p.wall > 0
    ]
    return (
        f"batch/bare wall time: {ratios['batch x1']:.2f} at 1 parallel compile,"
        f" {ratios['batch x2']:.2f} at 2; our overhead per job:"
        f" {ms(idle['batch x1'])} ms / {ms(idle['batch x2'])} ms idle slot time,"
        f" start latency <= {ms(latency)} ms; other processes used"
        f" {min(others):.0%}-{max(others):.0%} of the CPU meanwhile"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--configs", type=int, default=6, help="host: configurations (default 6)"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds; the second one reversed"
    )
    args = parser.parse_args()
    if not ESPHOME.exists():
        parser.error(f"{ESPHOME} is missing: run scripts/setup")
    load = os.getloadavg()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench_fleet_") as tmp:
        work = Path(tmp)
        folder, bare_folder = work / "configs", work / "bare"
        names = write_configs(folder, args.configs)
        write_configs(bare_folder, args.configs)
        ha = HAProcess.prepare(work / "config", folder, str(ESPHOME), work / "home")
        ha.env["ESPHOME_CCACHE_ENABLE"] = "0"
        # `python -m homeassistant` puts its working directory first on the path.
        os.chdir(tmp)
        try:
            ha.start()
        except (RuntimeError, TimeoutError):
            sys.stderr.write(ha.log_path.read_text(errors="replace")[-4000:])
            ha.stop()
            raise
        try:
            runs = measure(ha, folder, bare_folder, names, args.rounds)
        finally:
            ha.stop()
    merged = merge(runs)
    bare = merged["bare"]
    ratios = {
        name: round(run.wall / bare.wall, 3)
        for name, run in merged.items()
        if name != "bare"
    }
    print(
        f"{args.configs} host: configurations, validate then compile;"
        f" {args.rounds} round(s); load average before: {load[0]:.2f}"
    )
    print("\n".join(table(merged)))
    print(summary(merged, ratios))
    figures = {
        "benchmark": "fleet",
        "configs": args.configs,
        "rounds": args.rounds,
        "load_average_before": round(load[0], 2),
        "bench_s": round(time.monotonic() - started, 1),
        "ratio": ratios,
        "runs": {
            name: {
                "wall_s": round(run.wall, 3),
                "phases": {k: v.as_dict() for k, v in run.phases.items()},
            }
            for name, run in merged.items()
        },
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
