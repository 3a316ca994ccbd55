"""What a job runs: its ESPHome invocations, the lane each waits in, and why it ends."""

from __future__ import annotations

from collections.abc import Callable

from .job import Job, JobAction, JobStatus

# What a job's ``builder`` holds before the runner factory decides.
BUILDER_AUTO = "auto"
BUILDER_LOCAL = "local"

COMPILE_LANE = "compile"
UPLOAD_LANE = "upload"
LOGS_LANE = "logs"
# Installs of managed ESPHome: one at a time, beside the builds that wait for them.
SETUP_LANE = "setup"

CANCELLED_BY_USER = "Cancelled by user"
STOPPED_BY_HA = "Home Assistant stopped while the job was running"
UNLOADED = "ESPHome Builder was unloaded while the job was running"
_KEPT = "the build is kept: upload it once the device is online"
# Why a job that waited for its device ended, by why the engine stopped.
WHILE_WAITING = {
    STOPPED_BY_HA: f"Home Assistant stopped while the job waited for its device; {_KEPT}",
    UNLOADED: f"ESPHome Builder was unloaded while the job waited for its device; {_KEPT}",
}

# Why a configuration checked when its job queued fails the check at spawn time.
GONE_WHILE_QUEUED = {
    "unknown_configuration": "is gone from the configurations folder",
    "path_escape": "now leads outside the configurations folder",
    "invalid_configuration": "is no longer a device configuration",
    "folder_unreadable": "cannot be read: its configurations folder is missing",
}


def duration(seconds: float) -> str:
    """Return ``seconds`` the way a person says it: 2 h, 90 min, 30 s."""
    if seconds >= 3600 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def phases(job: Job, path: str) -> list[tuple[str, list[str]]]:
    """Return the job's ESPHome invocations, each with the lane it waits in."""
    device = job.device or "OTA"
    upload = ["upload", path, "--device", device]
    plan = {
        JobAction.VALIDATE: [(COMPILE_LANE, ["config", path])],
        JobAction.COMPILE: [(COMPILE_LANE, ["compile", path])],
        JobAction.CLEAN: [(COMPILE_LANE, ["clean", path])],
        JobAction.UPLOAD: [(UPLOAD_LANE, upload)],
        # Not `esphome run`: for host: configs it ignores --device.
        JobAction.INSTALL: [(COMPILE_LANE, ["compile", path]), (UPLOAD_LANE, upload)],
        JobAction.LOGS: [(LOGS_LANE, ["logs", path, "--device", device])],
        # The archived image, never a compile.
        JobAction.ROLLBACK: [(UPLOAD_LANE, [*upload, "--file", job.flash_file or ""])],
        JobAction.SETUP: [(SETUP_LANE, ["setup", path])],
    }
    return plan[job.action]


def final_status(job: Job, cancel_reason: str | None) -> None:
    """Settle a finished job's status and error from how it ended."""
    if cancel_reason is not None:
        job.status = JobStatus.CANCELLED
        job.error = cancel_reason
    elif job.error is not None:
        job.status = JobStatus.FAILED
    elif job.verdict is not None:
        job.status = JobStatus.FAILED
        job.error = job.verdict
    elif job.exit_code != 0:
        job.status = JobStatus.FAILED
        job.error = f"ESPHome exited with code {job.exit_code}"
    else:
        job.status = JobStatus.COMPLETED
        job.progress = 100


def queued_twin(
    active: Callable[[], list[Job]],
    action: JobAction,
    configuration: str,
    device: str | None,
    builder: str | None,
) -> Job | None:
    """Return a queued job that would do exactly the same, if there is one.

    Rollbacks differ by the build they flash: none is another's twin.
    """
    if action is JobAction.ROLLBACK:
        return None
    for job in active():
        if (
            job.status is JobStatus.QUEUED
            and job.action is action
            and job.configuration == configuration
            and job.device == device
            and (builder is None or job.builder == builder)
        ):
            return job
    return None
