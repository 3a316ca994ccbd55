"""Benchmark: a flood of output through the real runner and buffer.

Runs the same child twice per case, each case in a fresh interpreter (so
that no case runs on a heap another one grew):
- baseline: read its pipe and throw the bytes away;
- runner: LocalRunner -> OutputIntake (splitter, buffer caps, verdicts,
  progress) -> a job's OutputBuffer, then finalize and the stored dict,
  exactly the engine's path.

Cases:
- ``lines``: many short lines (``--lines``);
- ``noline``: ``--mib`` MiB without a single newline;
- ``biglines``: ``--mib`` MiB of 64 KiB lines.

For each it prints the rates of both passes, their ratio, and the peak RSS
growth of each pass over the RSS measured right before it, in this process.
The peak is the kernel's own high-water mark (VmHWM, reset through
``/proc/self/clear_refs`` before each pass); where that reset is not allowed,
a thread samples VmRSS every millisecond instead. The last line is one JSON
object; its top-level ``lines``/``ratio``/``rss_growth_mb`` are the ``lines``
case, as before.

    .venv/bin/python -m bench.output_flood [--lines 2000000] [--mib 50]
        [--case all|lines|noline|biglines] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from pathlib import Path
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

from custom_components.esphome_builder.const import MAX_LINE_BYTES
from custom_components.esphome_builder.jobs.intake import OutputIntake
from custom_components.esphome_builder.jobs.job import Job, JobAction
from custom_components.esphome_builder.jobs.local import LocalRunner

CHILD = Path(__file__).with_name("flood_child.py")
MIB = 1 << 20
BIG_LINE = 64 * 1024  # as in flood_child.py
# The goal of the issue "Bounded by bytes": any flood costs HA less than this.
RSS_TARGET_MB = 25.0
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Return the resident set size now, in MiB."""
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[1]) * PAGE / MIB


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) / 1024
    return 0.0


class PeakRss:
    """Peak RSS growth over the RSS at entry, for one pass."""

    def __init__(self) -> None:
        self.start = 0.0
        self.peak = 0.0
        self._hwm = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PeakRss:
        try:
            # "5" resets the peak RSS (VmHWM) to the current RSS (Linux >= 4.0).
            Path("/proc/self/clear_refs").write_text("5")
            self._hwm = True
        except OSError:
            self._thread = threading.Thread(target=self._sample, daemon=True)
        self.start = self.peak = rss_mb()
        if self._thread is not None:
            self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.001):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
        self.peak = max(self.peak, rss_mb())
        if self._hwm:
            self.peak = max(self.peak, _status_mb("VmHWM:"))

    @property
    def growth(self) -> float:
        """Return the peak growth in MiB."""
        return self.peak - self.start


class _Discard(asyncio.SubprocessProtocol):
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.done: asyncio.Future[None] = loop.create_future()
        self.bytes = 0

    def pipe_data_received(self, fd: int, data: bytes | str) -> None:
        self.bytes += len(data)

    def process_exited(self) -> None:
        if not self.done.done():
            self.done.set_result(None)


async def baseline(mode: str, count: int) -> tuple[float, float]:
    loop = asyncio.get_running_loop()
    with PeakRss() as rss:
        start = time.perf_counter()
        transport, protocol = await loop.subprocess_exec(
            lambda: _Discard(loop),
            sys.executable,
            str(CHILD),
            mode,
            str(count),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        await protocol.done
        elapsed = time.perf_counter() - start
        transport.close()
    return elapsed, rss.growth


async def through_runner(
    mode: str, count: int, workdir: Path
) -> tuple[float, float, Job, int]:
    job = Job(
        job_id="bench",
        action=JobAction.COMPILE,
        configuration="bench.yaml",
        device=None,
        created_at="",
    )
    intake = OutputIntake(job, lambda: None, lambda _: None)
    # The runner appends the arguments; the child reads its
    # mode and count from the last two arguments.
    runner = LocalRunner([sys.executable, str(CHILD)], workdir, "bench")
    with PeakRss() as rss:
        start = time.perf_counter()
        code = await runner.run([mode, str(count)], intake.feed)
        intake.close()
        job.buffer.finalize()
        stored = job.as_stored_dict()
        elapsed = time.perf_counter() - start
    assert code == 0, code
    return elapsed, rss.growth, job, sum(map(len, stored["lines"]))


def _expected_lines(mode: str, count: int) -> int:
    if mode == "lines":
        return count
    if mode == "noline":
        # Cut into pieces of MAX_LINE_BYTES; the final newline ends the last.
        return -(-count * MIB // MAX_LINE_BYTES)
    # 16 lines of 64 KiB (65535 characters and a newline) per MiB.
    return count * 16 * -(-(BIG_LINE - 1) // MAX_LINE_BYTES)


async def run_case(
    mode: str, count: int, warmup: int, repeat: int, workdir: Path
) -> dict[str, Any]:
    # Warm up both paths once, small, so imports and first page faults do not
    # count (and a small warm-up cannot hide the growth of the real pass).
    await baseline(mode, warmup)
    await through_runner(mode, warmup, workdir)
    base_times, run_times, base_growths, growths = [], [], [], []
    stored = elided = held = 0
    for _ in range(repeat):
        base_time, base_growth = await baseline(mode, count)
        base_times.append(base_time)
        base_growths.append(base_growth)
        elapsed, growth, job, stored = await through_runner(mode, count, workdir)
        run_times.append(elapsed)
        growths.append(growth)
        elided, held = job.elided, len(job.buffer)
        # The next pass must not start with this one's output still alive.
        del job
        assert elided + held == _expected_lines(mode, count), (elided, held)
    base, run = min(base_times), min(run_times)
    figures: dict[str, Any] = {
        "baseline_s": round(base, 3),
        "runner_s": round(run, 3),
        "ratio": round(base / run, 3),
        "baseline_rss_growth_mb": round(max(base_growths), 2),
        "rss_growth_mb": round(max(growths), 2),
        "rss_growth_over_baseline_mb": round(max(growths) - max(base_growths), 2),
        "stored_chars": stored,
        "stored_lines": held,
        "elided": elided,
    }
    if mode == "lines":
        figures |= {
            "lines": count,
            "baseline_lines_per_s": round(count / base),
            "runner_lines_per_s": round(count / run),
        }
    else:
        figures |= {
            "mib": count,
            "baseline_mib_per_s": round(count / base, 1),
            "runner_mib_per_s": round(count / run, 1),
        }
    return figures


CASES: dict[str, int] = {"noline": 1, "biglines": 1, "lines": 10_000}


def _count(args: argparse.Namespace, mode: str) -> int:
    return args.lines if mode == "lines" else args.mib


async def one_case(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        return await run_case(
            args.case, _count(args, args.case), CASES[args.case], args.repeat, Path(tmp)
        )


def all_cases(args: argparse.Namespace) -> dict[str, Any]:
    """Run each case in a fresh interpreter, so that none inherits the heap of another."""
    results: dict[str, Any] = {}
    root = Path(__file__).resolve().parent.parent
    for mode in CASES:
        argv = [sys.executable, "-m", "bench.output_flood", "--case", mode]
        argv += ["--lines", str(args.lines), "--mib", str(args.mib)]
        argv += ["--repeat", str(args.repeat)]
        done = subprocess.run(
            argv, cwd=root, check=True, capture_output=True, text=True
        )
        results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        print(mode, json.dumps(results[mode]), file=sys.stderr)
    summary: dict[str, Any] = {}
    lines = results["lines"]
    summary |= {
        "lines": lines["lines"],
        "baseline_lines_per_s": lines["baseline_lines_per_s"],
        "runner_lines_per_s": lines["runner_lines_per_s"],
        "ratio": lines["ratio"],
        "rss_growth_mb": lines["rss_growth_mb"],
        "rss_target_mb": RSS_TARGET_MB,
        "within_target": all(
            case["rss_growth_mb"] < RSS_TARGET_MB for case in results.values()
        ),
        "cases": results,
    }
    return summary


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description="Output floods through the local runner and output buffer."
    )
    parser.add_argument(
        "--lines", type=int, default=2_000_000, help="short lines (lines case)"
    )
    parser.add_argument(
        "--mib", type=int, default=50, help="MiB for the noline and biglines cases"
    )
    parser.add_argument(
        "--case",
        choices=["all", "lines", "noline", "biglines"],
        default="all",
        help="run one case only",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes per case (best time, worst RSS)"
    )
    parsed = parser.parse_args()
    if parsed.case == "all":
        figures = all_cases(parsed)
    else:
        figures = asyncio.run(one_case(parsed))
    print(json.dumps(figures))
