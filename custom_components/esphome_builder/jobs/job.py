"""A job of the engine: what it does, where it stands, and its output."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .output import OutputBuffer


class JobStatus(StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    # Compiled (for an install), waiting for its device to come online.
    WAITING = "waiting"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        """Return True once the job can no longer change."""
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset(
    {JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED}
)


class JobAction(StrEnum):
    """What a job asks ESPHome to do."""

    VALIDATE = "validate"
    COMPILE = "compile"
    UPLOAD = "upload"
    INSTALL = "install"
    CLEAN = "clean"
    LOGS = "logs"
    # Flash an archived build back; never compiles.
    ROLLBACK = "rollback"
    # Install a managed ESPHome version; its "configuration" names the version.
    SETUP = "setup"

    @property
    def needs_device(self) -> bool:
        """Return True when the action talks to a device."""
        return self in (
            JobAction.UPLOAD,
            JobAction.INSTALL,
            JobAction.LOGS,
            JobAction.ROLLBACK,
        )

    @property
    def reads_configuration(self) -> bool:
        """Return True when the job runs on a configuration file."""
        return self is not JobAction.SETUP

    @property
    def is_build(self) -> bool:
        """Return True for actions of which one may run per configuration."""
        return self in (JobAction.COMPILE, JobAction.INSTALL)


@dataclass(slots=True, frozen=True)
class FlashSource:
    """An archived build a rollback flashes: its image and the build it reports."""

    build_id: str
    file: str
    build_time: str | None = None


@dataclass(slots=True, frozen=True)
class JobOptions:
    """What some starts ask beyond the action, configuration, device and builder."""

    # The batch that starts it.
    batch_id: str | None = None
    # Seconds an upload may wait for its device; None: the engine's default.
    wait_timeout: float | None = None
    # A rollback's archived build.
    flash: FlashSource | None = None


@dataclass(slots=True)
class Job:
    """One run of ESPHome for one configuration."""

    job_id: str
    action: JobAction
    configuration: str
    device: str | None
    created_at: str
    status: JobStatus = JobStatus.QUEUED
    progress: int = 0
    exit_code: int | None = None
    error: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    builder: str = "local"
    # The batch that started it, if one did.
    batch_id: str | None = None
    # Seconds an upload may wait for its device; None: the engine's default.
    wait_timeout: float | None = None
    # Did the device come back on the new build: True, False, or None when
    # it cannot say (no upload, or a device nothing reports on).
    verified: bool | None = None
    # The archived build it produced (compile, install) or flashed.
    build_id: str | None = None
    # The ESPHome that ran it (the builder's version when the job queued).
    esphome_version: str | None = None
    # A rollback's image and the compilation time its device must report.
    flash_file: str | None = field(default=None, repr=False)
    expected_build: str | None = field(default=None, repr=False)
    # The build its device reported when the job started: a remote build's
    # own compilation time is not known here, so another one confirms it.
    build_before: str | None = field(default=None, repr=False)
    buffer: OutputBuffer = field(default_factory=OutputBuffer, repr=False)
    # The first fatal pattern seen in the output, decided as lines arrive.
    verdict: str | None = field(default=None, repr=False)

    @property
    def elided(self) -> int:
        """Return how many earlier lines were trimmed away."""
        return self.buffer.elided

    def output(self) -> list[str]:
        """Return the retained output, led by the trimmed notice when needed."""
        return self.buffer.snapshot()

    def as_stored_dict(self) -> dict[str, Any]:
        """Return what the history store keeps: the job and its output lines."""
        return {**self.as_dict(), "lines": self.buffer.lines()}

    @classmethod
    def from_stored_dict(cls, data: dict[str, Any]) -> Job:
        """Rebuild a job saved by as_stored_dict; raise on a bad shape."""
        if not isinstance(data, dict):
            raise TypeError("not an object")
        lines = data.get("lines", [])
        if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
            raise ValueError("lines is not a list of strings")
        for key in ("job_id", "configuration"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise ValueError(f"{key} is not a string")
        for key in (
            "device",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "batch_id",
        ):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise ValueError(f"{key} is not a string")
        exit_code = data.get("exit_code")
        if exit_code is not None and type(exit_code) is not int:
            raise ValueError("exit_code is not an integer")
        progress, elided = data.get("progress") or 0, data.get("elided") or 0
        if type(progress) is not int or type(elided) is not int:
            raise ValueError("progress or elided is not an integer")
        job = cls(
            job_id=data["job_id"],
            action=JobAction(str(data.get("action"))),
            configuration=data["configuration"],
            device=data.get("device"),
            created_at=data.get("created_at") or "",
            status=JobStatus(data.get("status", JobStatus.CANCELLED)),
            progress=max(0, min(100, progress)),
            exit_code=exit_code,
            error=data.get("error"),
            started_at=data.get("started_at"),
            finished_at=data.get("finished_at"),
            builder=str(data.get("builder") or "local"),
            batch_id=data.get("batch_id"),
            verified=data.get("verified")
            if isinstance(data.get("verified"), bool)
            else None,
            build_id=data.get("build_id")
            if isinstance(data.get("build_id"), str)
            else None,
            esphome_version=data.get("esphome_version")
            if isinstance(data.get("esphome_version"), str)
            else None,
        )
        job.buffer = OutputBuffer.restore(lines, max(0, elided))
        return job

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape of the job, without its output."""
        return {
            "job_id": self.job_id,
            "action": str(self.action),
            "configuration": self.configuration,
            "device": self.device,
            "status": str(self.status),
            "progress": self.progress,
            "exit_code": self.exit_code,
            "error": self.error,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "elided": self.elided,
            "builder": self.builder,
            "batch_id": self.batch_id,
            "verified": self.verified,
            "build_id": self.build_id,
            "esphome_version": self.esphome_version,
        }


# What the engine tells its listeners about a job: ``(event_type, job)``.
JOB_QUEUED = "job_queued"
JOB_STARTED = "job_started"
# Compiled, waiting for the device; ``job_started`` follows once it is online.
JOB_WAITING = "job_waiting"
JOB_PROGRESS = "job_progress"
JOB_COMPLETED = "job_completed"
JOB_FAILED = "job_failed"
JOB_CANCELLED = "job_cancelled"

TERMINAL_EVENT = {
    JobStatus.COMPLETED: JOB_COMPLETED,
    JobStatus.FAILED: JOB_FAILED,
    JobStatus.CANCELLED: JOB_CANCELLED,
}
