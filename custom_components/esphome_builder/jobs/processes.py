"""Process-group housekeeping: terminate a job's whole group, find leftovers.

Reads /proc, so the scanning helpers are blocking and run in an executor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import contextlib
import os
import signal

from ..const import ENV_JOB_MARKER


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read().decode("utf-8", "replace")
    except OSError:
        return None
    # The command name may hold spaces and parentheses; fields follow the last ")".
    return raw[raw.rfind(")") + 2 :].split()


def _pids() -> Iterable[int]:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            yield int(entry)


def live_group_members(pgid: int) -> list[int]:
    """Return the pids in process group ``pgid`` that are not zombies."""
    members = []
    for pid in _pids():
        fields = _stat_fields(pid)
        if fields and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(pid)
    return members


def pids_with_environ(match: Callable[[list[bytes]], bool]) -> list[int]:
    """Return the live (not zombie) pids whose environment entries ``match``.

    ``match`` gets the process's ``KEY=value`` entries as bytes.
    """
    found = []
    for pid in _pids():
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                environ = handle.read().split(b"\0")
        except OSError:
            continue
        if match(environ):
            fields = _stat_fields(pid)
            if fields and fields[0] != "Z":
                found.append(pid)
    return found


def pids_of_job(job_id: str) -> list[int]:
    """Return the live pids that carry the environment marker of ``job_id``.

    The marker is inherited by every descendant, including one that started
    its own session, and no unrelated process that reused a pid has it.
    """
    needle = f"{ENV_JOB_MARKER}={job_id}".encode()
    return pids_with_environ(lambda environ: needle in environ)


def kill_group(pgid: int, sig: int = signal.SIGKILL) -> bool:
    """Signal a whole process group; return False when it no longer exists."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return True


def kill_pids(pids: Iterable[int], sig: int = signal.SIGKILL) -> None:
    """Signal each pid, ignoring those already gone."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)
