"""A batch: the jobs of one bulk request, with what was skipped and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from homeassistant.util import dt as dt_util

from .job import JobAction, JobStatus

# The actions a batch runs; logs and clean make no sense across a fleet.
BATCH_ACTIONS = (
    JobAction.VALIDATE,
    JobAction.COMPILE,
    JobAction.UPLOAD,
    JobAction.INSTALL,
)
SKIPPED = "skipped"
# An item keeps this much of an error (a job's may be a 64 KiB output line):
# a stored batch of 500 stays small. The job itself keeps the whole line.
ITEM_TEXT_CHARS = 500
# Every status an item can end in, as the counts name them.
COUNTED = (
    "completed",
    "failed",
    "cancelled",
    SKIPPED,
    "queued",
    "running",
    "waiting",
)


def clip(text: str | None) -> str | None:
    """Return ``text`` within ITEM_TEXT_CHARS, marked where it was cut."""
    if text is None or len(text) <= ITEM_TEXT_CHARS:
        return text
    return text[: ITEM_TEXT_CHARS - 1] + "…"


class BatchStatus(StrEnum):
    """Where a batch is in its life."""

    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class BatchItem:
    """One configuration of a batch: its job, or why it was skipped."""

    configuration: str
    # Where an upload or install flashes it (an address HA knows, or OTA).
    device: str | None = None
    # A job status, or "skipped".
    status: str = str(JobStatus.QUEUED)
    job_id: str | None = None
    error: str | None = None
    skipped_reason: str | None = None
    started_at: str | None = None
    finished_at: str | None = None

    @property
    def is_done(self) -> bool:
        """Return True once the item can no longer change."""
        return self.status == SKIPPED or JobStatus(self.status).is_terminal

    def end(self, status: JobStatus, error: str | None, finished_at: str) -> None:
        """Settle the item, unless it already ended."""
        if self.is_done:
            return
        self.status = str(status)
        self.error = clip(error)
        self.finished_at = finished_at

    @property
    def duration(self) -> float | None:
        """Return how long its job ran, in seconds, once it ended."""
        if self.started_at is None or self.finished_at is None:
            return None
        started = dt_util.parse_datetime(self.started_at)
        finished = dt_util.parse_datetime(self.finished_at)
        if started is None or finished is None:
            return None
        return round((finished - started).total_seconds(), 3)

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape of the item."""
        return {
            "configuration": self.configuration,
            "device": self.device,
            "job_id": self.job_id,
            "status": self.status,
            "error": self.error,
            "skipped_reason": self.skipped_reason,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "duration": self.duration,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BatchItem:
        """Rebuild a stored item; raise on a bad shape."""
        if not isinstance(data, dict) or not isinstance(data.get("configuration"), str):
            raise TypeError("item without a configuration")
        status = str(data.get("status"))
        if status != SKIPPED:
            JobStatus(status)
        values = {
            key: data.get(key)
            for key in (
                "device",
                "job_id",
                "error",
                "skipped_reason",
                "started_at",
                "finished_at",
            )
        }
        for key, value in values.items():
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key} is not a string")
        return cls(configuration=data["configuration"], status=status, **values)


@dataclass(slots=True)
class Batch:
    """The jobs of one bulk request and where they stand."""

    batch_id: str
    action: JobAction
    created_at: str
    items: list[BatchItem]
    # The first ``canary`` items run alone; the rest only if they all complete.
    canary: int = 0
    max_failures: int | None = None
    validate_first: bool = False
    # Offline devices were flashed too (a retry does the same unless told).
    include_offline: bool = False
    # The batch whose failed configurations this one retries.
    retry_of: str | None = None
    status: BatchStatus = BatchStatus.RUNNING
    finished_at: str | None = None
    # Why it stopped before running everything (cancel, limit, canary, restart).
    reason: str | None = None
    # Set once the batch must start no more jobs; the reason the rest end with.
    stopping: str | None = field(default=None, repr=False)

    def counts(self) -> dict[str, int]:
        """Return how many items are in each status."""
        found = Counter(item.status for item in self.items)
        return {status: found.get(status, 0) for status in COUNTED}

    def failed(self) -> list[str]:
        """Return the configurations whose job failed."""
        return [i.configuration for i in self.items if i.status == JobStatus.FAILED]

    def skipped(self) -> list[dict[str, str | None]]:
        """Return the skipped configurations, each with its reason."""
        return [
            {"configuration": i.configuration, "reason": i.skipped_reason}
            for i in self.items
            if i.status == SKIPPED
        ]

    def summary(self) -> dict[str, Any]:
        """Return the batch without its items (progress messages, the sensor)."""
        return {
            "batch_id": self.batch_id,
            "action": str(self.action),
            "status": str(self.status),
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "reason": self.reason,
            "canary": self.canary,
            "max_failures": self.max_failures,
            "validate_first": self.validate_first,
            "include_offline": self.include_offline,
            "retry_of": self.retry_of,
            "counts": self.counts(),
        }

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape of the batch, with its items."""
        return {**self.summary(), "items": [item.as_dict() for item in self.items]}

    @classmethod
    def from_stored_dict(cls, data: dict[str, Any]) -> Batch:
        """Rebuild a batch saved by as_dict; raise on a bad shape."""
        if not isinstance(data, dict):
            raise TypeError("not an object")
        for key in ("batch_id", "created_at"):
            if not isinstance(data.get(key), str):
                raise TypeError(f"{key} is not a string")
        items = data.get("items")
        if not isinstance(items, list):
            raise TypeError("items is not a list")
        max_failures = data.get("max_failures")
        if max_failures is not None and type(max_failures) is not int:
            raise ValueError("max_failures is not an integer")
        canary = data.get("canary") or 0
        if type(canary) is not int:
            raise ValueError("canary is not an integer")
        return cls(
            batch_id=data["batch_id"],
            action=JobAction(str(data.get("action"))),
            created_at=data["created_at"],
            items=[BatchItem.from_dict(item) for item in items],
            canary=canary,
            max_failures=max_failures,
            validate_first=bool(data.get("validate_first")),
            include_offline=bool(data.get("include_offline")),
            retry_of=_optional_str(data, "retry_of"),
            status=BatchStatus(str(data.get("status"))),
            finished_at=_optional_str(data, "finished_at"),
            reason=_optional_str(data, "reason"),
        )


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} is not a string")
    return value


# What the batch engine tells its listeners: ``(event_type, batch)``.
BATCH_STARTED = "batch_started"
BATCH_PROGRESS = "batch_progress"
BATCH_COMPLETED = "batch_completed"


@dataclass(slots=True, frozen=True)
class BatchRequest:
    """What a batch runs, as the adapters resolved it from the user's targets."""

    action: JobAction
    # (configuration, device) in the order they run: the canary first.
    targets: tuple[tuple[str, str | None], ...]
    # (configuration, why it does not run).
    skipped: tuple[tuple[str, str], ...] = ()
    canary: int = 0
    max_failures: int | None = None
    validate_first: bool = False
    include_offline: bool = False
    retry_of: str | None = None
