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


class UnknownBatchError(TranslatableError, KeyError):
    """No batch has that id."""

    translation_key = "unknown_batch"

    def __init__(self, batch_id: str) -> None:
        """Initialize with the id asked for."""
        super().__init__(batch_id)
        self.batch_id = batch_id

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the id asked for."""
        return {"batch_id": self.batch_id}


class TooManyBatchesError(TranslatableError):
    """The engine already runs its limit of batches."""

    translation_key = "too_many_batches"

    def __init__(self, limit: int) -> None:
        """Initialize with the limit that was reached."""
        super().__init__(f"{limit} batches are already running")
        self.limit = limit

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the limit."""
        return {"limit": str(self.limit)}


class BatchTooLargeError(TranslatableError):
    """A batch would hold more configurations than one batch may."""

    translation_key = "batch_too_large"

    def __init__(self, size: int, limit: int) -> None:
        """Initialize with the size asked for and the limit."""
        super().__init__(f"A batch of {size} configurations is over the {limit} limit")
        self.size = size
        self.limit = limit

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the size and the limit."""
        return {"size": str(self.size), "limit": str(self.limit)}


class NoBuildError(TranslatableError):
    """An upload of a batch found no build of the configuration to flash."""

    translation_key = "no_build"

    def __init__(self, configuration: str) -> None:
        """Initialize with the configuration that has no build."""
        super().__init__(
            f"There is no build of {configuration} to upload: compile it first"
        )
        self.configuration = configuration

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the configuration."""
        return {"configuration": self.configuration}


class UnknownDeviceError(TranslatableError, KeyError):
    """A device id that is neither ours nor a known esphome node's."""

    translation_key = "unknown_device"

    def __init__(self, device_id: str) -> None:
        """Initialize with the id asked for."""
        super().__init__(device_id)
        self.device_id = device_id

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the id asked for."""
        return {"device_id": self.device_id}


class CanaryNotInBatchError(TranslatableError):
    """A named canary is not among what the batch runs (unselected or skipped)."""

    translation_key = "canary_not_in_batch"

    def __init__(self, configuration: str) -> None:
        """Initialize with the named canary."""
        super().__init__(f"The canary {configuration} is not among what the batch runs")
        self.configuration = configuration

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the named canary."""
        return {"configuration": self.configuration}


class UnknownBuildError(TranslatableError, KeyError):
    """No archived build has that id."""

    translation_key = "unknown_build"

    def __init__(self, build_id: str) -> None:
        """Initialize with the id asked for."""
        super().__init__(build_id)
        self.build_id = build_id

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the id asked for."""
        return {"build_id": self.build_id}


class UnknownArtifactError(TranslatableError, KeyError):
    """No archived artifact has that id."""

    translation_key = "unknown_artifact"

    def __init__(self, artifact_id: str) -> None:
        """Initialize with the id asked for."""
        super().__init__(artifact_id)
        self.artifact_id = artifact_id

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the id asked for."""
        return {"artifact_id": self.artifact_id}


class NoRollbackBuildError(TranslatableError):
    """A rollback found no archived build of the configuration to flash."""

    translation_key = "no_rollback_build"

    def __init__(self, configuration: str) -> None:
        """Initialize with the configuration."""
        super().__init__(f"No archived build of {configuration} can be flashed back")
        self.configuration = configuration

    @property
    def placeholders(self) -> dict[str, str]:
        """Return the configuration."""
        return {"configuration": self.configuration}


class InvalidVersionError(TranslatableError):
    """A version that is not an ESPHome release, such as 2026.10.0."""

    translation_key = "invalid_version"

    def __init__(self, version: str) -> None:
        """Initialize with what was given."""
        super().__init__(version)
        self.version = version

    @property
    def placeholders(self) -> dict[str, str]:
        """Return what was given, shortened."""
        return {"version": self.version[:40]}
