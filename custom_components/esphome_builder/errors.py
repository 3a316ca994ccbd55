"""What the engine refuses, in a form every adapter can translate.

Each error names the ``exceptions`` entry of strings.json that explains it and
the placeholders that entry needs. The adapters (websocket commands, services,
entities) turn them into Home Assistant's translated errors in one place,
``adapter.py``; nothing here knows about Home Assistant's error types.
"""

from __future__ import annotations


class TranslatableError(Exception):
    """A refusal the user should read: a translation key and its placeholders."""

    # Every refusal names its own entry; the base class has none.
    translation_key: str

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the values the translated message fills in."""
        return {}


class NotLoadedError(TranslatableError):
    """No config entry is loaded, or its engine is shutting down."""

    translation_key = "not_loaded"

    def __init__(self) -> None:
        """Initialize with a message for logs."""
        super().__init__("ESPHome Builder is not loaded")


class UnknownJobError(TranslatableError, KeyError):
    """No job has that id."""

    translation_key = "unknown_job"

    def __init__(self, job_id: str) -> None:
        """Initialize with the id asked for."""
        super().__init__(job_id)
        self.job_id = job_id

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the id asked for."""
        return {"job_id": self.job_id}


class TooManyJobsError(TranslatableError):
    """The engine already holds its limit of queued or running jobs."""

    translation_key = "too_many_jobs"

    def __init__(self, limit: int) -> None:
        """Initialize with the limit that was reached."""
        super().__init__(f"{limit} jobs are already queued or running")
        self.limit = limit

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the limit."""
        return {"limit": str(self.limit)}
