"""Where managed ESPHome versions live on disk, and what a version may be called.

``<config>/.esphome_builder/esphome/<version>/`` holds one venv per version.
Only a finished install is renamed into place, so every folder whose name is a
version is usable; ``.partial-*`` folders are installs in progress, or left
behind by a crash and removed at the next start.
"""

from __future__ import annotations

import os
from pathlib import Path
import re
import shutil

from awesomeversion import AwesomeVersion

STAGING_PREFIX = ".partial-"
# The spec of a setup job that installs the newest release.
LATEST_SPEC = "esphome"
# ESPHome's release versions: 2026.10.0, 2026.11.0b2. Nothing else becomes a
# requirement or a folder name.
VERSION_PATTERN = re.compile(r"^20\d\d\.\d{1,2}\.\d{1,3}(?:(?:a|b|rc)\d{1,3})?$")


def is_version(text: str) -> bool:
    """Return True for an ESPHome release version."""
    return bool(VERSION_PATTERN.match(text))


def requirement(version: str | None) -> str:
    """Return the requirement that installs ``version``, or the newest."""
    return LATEST_SPEC if version is None else f"{LATEST_SPEC}=={version}"


def by_version(versions: list[str]) -> list[str]:
    """Return ``versions`` oldest first: 2026.10.0b1 before 2026.10.0."""
    return sorted(versions, key=AwesomeVersion)


def newest(versions: list[str]) -> str | None:
    """Return the newest of ``versions``."""
    return max(versions, key=AwesomeVersion, default=None)


class VersionLayout:
    """The folders of managed ESPHome; blocking methods run in the executor."""

    def __init__(self, base: Path) -> None:
        """Initialize with ``<config>/.esphome_builder``."""
        self.base = base
        self.root = base / "esphome"
        self.uv_cache = base / "cache" / "uv"
        self.pip_cache = base / "cache" / "pip"
        # Shared by every version and configuration. ccache would hash each
        # build's folder, but ESPHome 2026.10 sets CCACHE_BASEDIR (the build
        # folder), CCACHE_NOHASHDIR and the precompiled header's sloppiness
        # itself unless the environment names them, so near-identical
        # configurations share entries (bench/ccache.py: 39 of 41 hits).
        self.ccache = base / "cache" / "ccache"
        # Wheels put here are preferred: an install with no network.
        self.wheels = base / "wheels"

    @staticmethod
    def version_of_spec(spec: str) -> str | None:
        """Return the version a setup job's spec names; None for the newest."""
        if spec == LATEST_SPEC:
            return None
        version = spec.removeprefix(f"{LATEST_SPEC}==")
        if not is_version(version):
            raise ValueError(f"not an ESPHome version: {spec!r}")
        return version

    def venv(self, version: str) -> Path:
        """Return the folder of an installed version."""
        if not is_version(version):
            raise ValueError(f"not an ESPHome version: {version!r}")
        return self.root / version

    def command(self, version: str) -> list[str]:
        """Return the ESPHome argv prefix of an installed version."""
        return [str(self.venv(version) / "bin" / "python"), "-m", "esphome"]

    def environment(self, version: str) -> dict[str, str]:
        """Return what a build with ``version`` adds to its environment.

        The venv's ``bin`` comes first on PATH, so ESPHome finds the ccache of
        its wheel, and the cache folder is shared by the whole fleet. No other
        ``CCACHE_*``: ESPHome's own defaults (see above) apply only to names
        the environment leaves unset.
        """
        path = os.environ.get("PATH", "")
        return {
            "PATH": os.pathsep.join(
                [str(self.venv(version) / "bin"), *([path] if path else [])]
            ),
            "CCACHE_DIR": str(self.ccache),
        }

    def installed(self) -> list[str]:
        """Return the installed versions."""
        if not self.root.is_dir():
            return []
        return by_version(
            [
                entry.name
                for entry in self.root.iterdir()
                if is_version(entry.name) and (entry / "bin" / "python").exists()
            ]
        )

    def prepare(self, staging: Path) -> None:
        """Create the root and an empty staging folder."""
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)

    def promote(self, staging: Path, version: str) -> Path:
        """Move a finished install into place; an existing one is kept."""
        target = self.venv(version)
        if target.exists():
            return target
        staging.rename(target)
        return target

    def remove(self, version: str) -> None:
        """Delete an installed version: renamed away first, so never half there."""
        target = self.venv(version)
        if not target.exists():
            return
        doomed = self.root / f"{STAGING_PREFIX}evict-{version}"
        shutil.rmtree(doomed, ignore_errors=True)
        target.rename(doomed)
        shutil.rmtree(doomed, ignore_errors=True)

    def remove_leftovers(self) -> list[str]:
        """Delete staging folders a crash left; return their names."""
        if not self.root.is_dir():
            return []
        gone = []
        for entry in self.root.iterdir():
            if entry.name.startswith(STAGING_PREFIX):
                shutil.rmtree(entry, ignore_errors=True)
                gone.append(entry.name)
        return gone

    def folder_bytes(self, folder: Path) -> int:
        """Return the size of the files under ``folder``."""
        total = 0
        for dirpath, _, names in os.walk(folder):
            for name in names:
                try:
                    total += os.lstat(os.path.join(dirpath, name)).st_size
                except OSError:
                    continue
        return total
