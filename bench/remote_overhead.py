"""Benchmark: the overhead of building on a remote ESPHome Device Builder.

Starts a real esphome-device-builder on 127.0.0.1 and compiles real ``host:``
configurations on it, in A-B-B-A order so that drift (a warming cache, another
process on the machine) cancels out:

- direct: the compile submitted straight to the server (``firmware/compile``
  over ``/ws``, following the job until its result), output discarded;
- through us: the same compile through RemoteRunner -> OutputIntake
  (splitter, buffer caps, verdicts, progress) -> a job's OutputBuffer, the
  engine's path for a remote job.

Every compile is a cold build of its own configuration (same YAML, another
name), so each does the same work. Prints the wall times and the ratio
(through us / direct) as one JSON object on the last line. Target <= 1.10.

    .venv/bin/python -m bench.remote_overhead [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
import statistics
import tempfile
import time

import aiohttp

from custom_components.esphome_builder.builder_client import BuilderSocket, BuilderSpec
from custom_components.esphome_builder.jobs.intake import OutputIntake
from custom_components.esphome_builder.jobs.job import Job, JobAction, JobStatus
from custom_components.esphome_builder.jobs.remote import RemoteRunner
from tests.remote_server import ESPHOME_VENV, BuilderServer

YAML = "esphome:\n  name: {name}\nhost:\nlogger:\n"


async def direct(session: aiohttp.ClientSession, spec: BuilderSpec, name: str) -> float:
    start = time.perf_counter()
    sock = await BuilderSocket.async_open(session, spec)
    try:
        job = await sock.call("firmware/compile", configuration=name, force_local=True)
        follow = await sock.send("firmware/follow_job", job_id=job["job_id"])
        while True:
            data = await sock.receive()
            if data.get("message_id") == follow and data.get("event") == "result":
                if data["data"]["status"] != "completed":
                    raise RuntimeError(f"direct compile failed: {data}")
                break
    finally:
        await sock.close()
    return time.perf_counter() - start


async def through_us(
    session: aiohttp.ClientSession, spec: BuilderSpec, name: str
) -> tuple[float, int]:
    job = Job("bench", JobAction.COMPILE, name, None, "")
    intake = OutputIntake(job, lambda: None, lambda _job: None)
    runner = RemoteRunner(session, spec)
    start = time.perf_counter()
    try:
        code = await runner.run(["compile", name], intake.feed)
    finally:
        intake.close()
    elapsed = time.perf_counter() - start
    job.buffer.finalize()
    if code != 0 or job.verdict is not None:
        job.status = JobStatus.FAILED
        raise RuntimeError(f"compile through us failed: {job.output()[-5:]}")
    return elapsed, len(job.output())


async def main(rounds: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="remote-overhead-") as tmp:
        root = Path(tmp)
        configs = root / "configs"
        configs.mkdir()
        names = []
        for i in range(4 * rounds):
            name = f"bench{i}"
            (configs / f"{name}.yaml").write_text(YAML.format(name=name))
            names.append(f"{name}.yaml")
        server = BuilderServer(ESPHOME_VENV / "bin/python", configs, root / "home")
        server.start()
        try:
            spec = BuilderSpec("bench", server.url)
            direct_times: list[float] = []
            ours_times: list[float] = []
            lines = 0
            async with aiohttp.ClientSession() as session:
                for r in range(rounds):
                    a, b, c, d = names[4 * r : 4 * r + 4]
                    direct_times.append(await direct(session, spec, a))
                    elapsed, lines = await through_us(session, spec, b)
                    ours_times.append(elapsed)
                    elapsed, lines = await through_us(session, spec, c)
                    ours_times.append(elapsed)
                    direct_times.append(await direct(session, spec, d))
        finally:
            server.stop()
    direct_s = statistics.mean(direct_times)
    ours_s = statistics.mean(ours_times)
    return {
        "benchmark": "remote_overhead",
        "compiles": len(names),
        "direct_s": [round(t, 2) for t in direct_times],
        "through_us_s": [round(t, 2) for t in ours_times],
        "direct_mean_s": round(direct_s, 3),
        "through_us_mean_s": round(ours_s, 3),
        "lines_retained": lines,
        "ratio": round(ours_s / direct_s, 3),
        "target": 1.10,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=1, help="A-B-B-A rounds (4 compiles each)"
    )
    result = asyncio.run(main(parser.parse_args().rounds))
    print(json.dumps(result))
