"""Benchmark: a flood of output through the real runner and buffer.

Runs the same child twice in one process:
- baseline: read its pipe and throw the bytes away;
- runner: LocalRunner -> OutputIntake (splitter, buffer caps, verdicts,
  progress) -> a job's OutputBuffer, exactly the engine's path.
Prints lines/s for both, their ratio, and the peak RSS growth of the runner
pass, as one JSON object on the last line.

    .venv/bin/python -m bench.output_flood [--lines 2000000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
import sys
import tempfile
import time

from custom_components.esphome_builder.jobs.intake import OutputIntake
from custom_components.esphome_builder.jobs.local import LocalRunner
from custom_components.esphome_builder.models import Job, JobAction

CHILD = Path(__file__).with_name("flood_child.py")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Discard(asyncio.SubprocessProtocol):
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.done: asyncio.Future[None] = loop.create_future()
        self.bytes = 0

    def pipe_data_received(self, fd: int, data: bytes | str) -> None:
        self.bytes += len(data)

    def process_exited(self) -> None:
        if not self.done.done():
            self.done.set_result(None)


async def baseline(lines: int) -> float:
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    transport, protocol = await loop.subprocess_exec(
        lambda: _Discard(loop),
        sys.executable,
        str(CHILD),
        str(lines),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    await protocol.done
    elapsed = time.perf_counter() - start
    transport.close()
    return elapsed


async def through_runner(lines: int, workdir: Path) -> tuple[float, float, Job]:
    job = Job(
        job_id="bench",
        action=JobAction.COMPILE,
        configuration="bench.yaml",
        device=None,
        created_at="",
    )
    intake = OutputIntake(job, lambda: None, lambda _: None)
    # The runner appends --dashboard and the arguments; the child reads its
    # line count from the last argument.
    runner = LocalRunner([sys.executable, str(CHILD)], workdir, "bench")
    peak = rss_mb()
    start_rss = peak

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, rss_mb())
            await asyncio.sleep(0.01)

    sampler = asyncio.create_task(sample())
    start = time.perf_counter()
    code = await runner.run([str(lines)], intake.feed)
    intake.close()
    elapsed = time.perf_counter() - start
    sampler.cancel()
    job.buffer.finalize()
    assert code == 0, code
    return elapsed, peak - start_rss, job


async def main(lines: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        # Warm up both paths once so imports and page faults do not count.
        await baseline(10_000)
        await through_runner(10_000, Path(tmp))
        base_times, run_times, growths = [], [], []
        for _ in range(3):
            base_times.append(await baseline(lines))
            elapsed, growth, job = await through_runner(lines, Path(tmp))
            run_times.append(elapsed)
            growths.append(growth)
            assert job.elided + len(job.buffer) == lines, (job.elided, len(job.buffer))
    base = min(base_times)
    run = min(run_times)
    return {
        "lines": lines,
        "baseline_lines_per_s": round(lines / base),
        "runner_lines_per_s": round(lines / run),
        "ratio": round(base / run, 3),
        "rss_growth_mb": round(max(growths), 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2_000_000)
    figures = asyncio.run(main(parser.parse_args().lines))
    print(json.dumps(figures))
