"""What the firmware archive keeps of a build: its images and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .jobs.plan import BUILDER_LOCAL


@dataclass(slots=True)
class Artifact:
    """One image of a build: its id, kind, size and file name in the build."""

    artifact_id: str
    kind: str
    size: int
    file: str

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape: no file name, no path."""
        return {"artifact_id": self.artifact_id, "kind": self.kind, "size": self.size}


@dataclass(slots=True)
class Build:
    """One archived build of a configuration."""

    build_id: str
    configuration: str
    created_at: str
    job_id: str
    builder: str
    esphome_version: str | None = None
    config_hash: str | None = None
    # The compilation time the firmware reports: what a confirmed flash sees.
    build_time: str | None = None
    last_known_good: bool = False
    artifacts: list[Artifact] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Return the size of its files."""
        return sum(artifact.size for artifact in self.artifacts)

    def as_dict(self) -> dict[str, Any]:
        """Return the public shape of the build."""
        return {
            "build_id": self.build_id,
            "configuration": self.configuration,
            "created_at": self.created_at,
            "esphome_version": self.esphome_version,
            "config_hash": self.config_hash,
            "build_time": self.build_time,
            "job_id": self.job_id,
            "builder": self.builder,
            "last_known_good": self.last_known_good,
            "artifacts": [artifact.as_dict() for artifact in self.artifacts],
        }

    def as_stored_dict(self) -> dict[str, Any]:
        """Return what the store keeps: the public shape and the file names."""
        data = self.as_dict()
        data["artifacts"] = [{**a.as_dict(), "file": a.file} for a in self.artifacts]
        return data

    @classmethod
    def from_stored_dict(cls, data: dict[str, Any]) -> Build:
        """Rebuild a stored build; raise on a bad shape."""
        artifacts = [
            Artifact(
                str(a["artifact_id"]), str(a["kind"]), int(a["size"]), str(a["file"])
            )
            for a in data.get("artifacts") or []
        ]
        if any("/" in a.file or a.file.startswith(".") for a in artifacts):
            raise ValueError("an artifact's file is not a plain name")

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            build_id=str(data["build_id"]),
            configuration=str(data["configuration"]),
            created_at=str(data["created_at"]),
            job_id=str(data["job_id"]),
            builder=str(data.get("builder") or BUILDER_LOCAL),
            esphome_version=text("esphome_version"),
            config_hash=text("config_hash"),
            build_time=text("build_time"),
            last_known_good=bool(data.get("last_known_good")),
            artifacts=artifacts,
        )
