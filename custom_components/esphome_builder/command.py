"""The ESPHome command: how the user's setting becomes an argv, and a probe."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shlex
import shutil
import signal

from .const import VERSION_PROBE_TIMEOUT
from .jobs.environment import child_environment

_VERSION = re.compile(r"Version:\s*(\S+)")


class CommandError(Exception):
    """The ESPHome command cannot be used; ``reason`` is a translation key."""

    def __init__(self, reason: str, detail: str = "") -> None:
        """Initialize with a translation key and a human detail."""
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def parse_command(setting: str | None) -> list[str]:
    """Return the argv prefix for a command setting.

    An empty setting auto-detects `esphome` on PATH. A setting may be a path
    to an executable or a `python -m esphome` style command line.
    """
    text = (setting or "").strip()
    if not text:
        found = shutil.which("esphome")
        if found is None:
            raise CommandError("command_not_found", "esphome was not found on PATH")
        return [found]
    try:
        argv = shlex.split(text)
    except ValueError as err:
        raise CommandError("command_invalid", str(err)) from err
    if not argv:
        raise CommandError("command_invalid", text)
    return argv


async def async_run_briefly(
    argv: list[str], timeout: float, env: dict[str, str]
) -> tuple[int | None, str]:
    """Run a short command in its own session; return its exit code and output.

    Raises OSError when it cannot start and TimeoutError when it overruns;
    whatever is left of its process group is killed either way.
    """
    proc = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    try:
        async with asyncio.timeout(timeout):
            output, _ = await proc.communicate()
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            await proc.wait()
    return proc.returncode, output.decode("utf-8", "replace")


async def probe_version(
    command: list[str], timeout: float = VERSION_PROBE_TIMEOUT
) -> str:
    """Run `<command> version` and return ESPHome's version, or raise."""
    try:
        code, text = await async_run_briefly(
            [*command, "version"],
            timeout,
            child_environment({"PYTHONUNBUFFERED": "1"}),
        )
    # TimeoutError is an OSError: it goes first.
    except TimeoutError as err:
        raise CommandError(
            "command_timeout", f"no answer within {timeout:g} s"
        ) from err
    except OSError as err:
        raise CommandError(
            "command_not_found", f"{command[0]}: {err.strerror or err}"
        ) from err
    match = _VERSION.search(text)
    if code != 0 or match is None:
        last = text.strip().splitlines()[-1:] or [f"exit code {code}"]
        raise CommandError("command_failed", last[0][:200])
    return match.group(1)
