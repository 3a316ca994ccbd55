"""Process-group housekeeping: terminate a job's whole group, find leftovers.

Reads /proc, so the scanning helpers are blocking and run in an executor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import contextlib
import os
import signal

from ..const import ENV_JOB_MARKER, ENV_OWNER_MARKER


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


EnvironMatch = Callable[[list[bytes]], bool]


def _environ(pid: int) -> list[bytes] | None:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            return handle.read().split(b"\0")
    except OSError:
        return None


def pids_with_environ(match: EnvironMatch) -> list[int]:
    """Return the live (not zombie) pids whose environment entries ``match``.

    ``match`` gets the process's ``KEY=value`` entries as bytes.
    """
    found = []
    for pid in _pids():
        environ = _environ(pid)
        if environ is not None and match(environ):
            fields = _stat_fields(pid)
            if fields and fields[0] != "Z":
                found.append(pid)
    return found


def job_marker(job_id: str) -> EnvironMatch:
    """Return a match for the processes of ``job_id``."""
    needle = f"{ENV_JOB_MARKER}={job_id}".encode()
    return lambda environ: needle in environ


def owner_is_gone(environ: list[bytes]) -> bool:
    """Return True for a job's process whose Home Assistant no longer runs."""
    prefix = f"{ENV_OWNER_MARKER}=".encode()
    if not any(entry.startswith(f"{ENV_JOB_MARKER}=".encode()) for entry in environ):
        return False
    for entry in environ:
        if entry.startswith(prefix):
            try:
                owner = int(entry[len(prefix) :])
            except ValueError:
                return False
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                return True
            except PermissionError:
                return False
            return False
    return False


def orphaned_job_pids() -> list[int]:
    """Return live processes of jobs whose Home Assistant is gone.

    They cover the gap a crash can leave between a spawn and the process
    record that names it.
    """
    return pids_with_environ(owner_is_gone)


def pids_of_job(job_id: str) -> list[int]:
    """Return the live pids that carry the environment marker of ``job_id``.

    The marker is inherited by every descendant, including one that started
    its own session, and no unrelated process that reused a pid has it.
    """
    return pids_with_environ(job_marker(job_id))


def kill_group(pgid: int, sig: int = signal.SIGKILL) -> bool:
    """Signal a whole process group; return False when it no longer exists."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    return True


def kill_pids(
    pids: Iterable[int], sig: int = signal.SIGKILL, match: EnvironMatch | None = None
) -> None:
    """Signal each pid, ignoring those already gone.

    With ``match``, each pid is checked again right before the signal, through
    a pidfd where the kernel has them: a pid that was reused since the scan by
    a process without the marker is never signalled.
    """
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if match is None:
                os.kill(pid, sig)
            else:
                _kill_if(pid, sig, match)


def _kill_if(pid: int, sig: int, match: EnvironMatch) -> None:
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    try:
        # With the pidfd open, the pid names this process until the fd closes.
        environ = _environ(pid)
        if environ is None or not match(environ):
            return
        if pidfd is None:
            os.kill(pid, sig)
        else:
            signal.pidfd_send_signal(pidfd, sig)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def kill_marked_group(pgid: int, job_id: str, sig: int = signal.SIGKILL) -> int:
    """Signal the members of group ``pgid`` that carry ``job_id``'s marker.

    For a group whose leader is gone: its id may since name another group.
    Returns how many were signalled. Blocking (reads /proc).
    """
    match = job_marker(job_id)
    members = [
        pid for pid in live_group_members(pgid) if (env := _environ(pid)) and match(env)
    ]
    kill_pids(members, sig, match)
    return len(members)
