"""The crash reaper signals only processes that carry a job's marker."""

from __future__ import annotations

from collections.abc import Generator
import os
from pathlib import Path
import subprocess
import sys
import time

from homeassistant.core import HomeAssistant
import pytest

from custom_components.esphome_builder.const import ENV_JOB_MARKER, ENV_OWNER_MARKER
from custom_components.esphome_builder.jobs.processes import (
    job_marker,
    kill_marked_group,
    kill_pids,
)

from .conftest import make_entry, setup_entry

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@pytest.fixture
def spawned() -> Generator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts; whatever is left is killed afterwards."""
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _spawn(procs: list, env: dict[str, str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(SLEEPER, env={**os.environ, **env}, start_new_session=True)
    procs.append(proc)
    # Until exec, /proc shows the parent's environment.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{proc.pid}/environ", "rb") as handle:
                environ = handle.read().split(b"\0")
        except ProcessLookupError:
            # Reaped already: an orphan, by the Home Assistant of another test
            # run on this machine (the reaper is machine-wide by design).
            break
        if all(f"{k}={v}".encode() in environ for k, v in env.items()):
            break
        time.sleep(0.01)
    return proc


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _ended(proc: subprocess.Popen[bytes]) -> bool:
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_a_pid_without_the_marker_is_never_signalled(spawned: list) -> None:
    stranger = _spawn(spawned, {})
    kill_pids([stranger.pid], match=job_marker("job1"))
    assert stranger.poll() is None
    marked = _spawn(spawned, {ENV_JOB_MARKER: "job1"})
    kill_pids([marked.pid], match=job_marker("job1"))
    assert _ended(marked)


def test_a_group_is_signalled_only_through_marked_members(spawned: list) -> None:
    """A group whose leader is gone may have another owner by now."""
    stranger = _spawn(spawned, {ENV_JOB_MARKER: "other-job"})
    assert kill_marked_group(stranger.pid, "job1") == 0
    assert stranger.poll() is None
    marked = _spawn(spawned, {ENV_JOB_MARKER: "job1"})
    assert kill_marked_group(marked.pid, "job1") == 1
    assert _ended(marked)


async def test_processes_of_a_gone_home_assistant_are_reaped_at_setup(
    hass: HomeAssistant, configs_dir: Path, fake_esphome: str, spawned: list
) -> None:
    """A crash between a spawn and its record leaves nothing running."""
    orphan = _spawn(
        spawned, {ENV_JOB_MARKER: "lost-job", ENV_OWNER_MARKER: str(_dead_pid())}
    )
    # A job of a Home Assistant that still runs (this one) is not an orphan.
    alive = _spawn(
        spawned, {ENV_JOB_MARKER: "live-job", ENV_OWNER_MARKER: str(os.getpid())}
    )
    unmarked = _spawn(spawned, {ENV_OWNER_MARKER: str(_dead_pid())})
    await setup_entry(hass, make_entry(fake_esphome, configs_dir))
    assert await hass.async_add_executor_job(_ended, orphan)
    assert alive.poll() is None
    assert unmarked.poll() is None
