"""The files of the firmware archive: what a build left, copied atomically.

Blocking filesystem work, run in the executor. A copy goes to a temporary
name in the build's own folder and is renamed into place once complete, so a
crash mid-copy never leaves a half file under an artifact's name.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
import shutil
import tempfile

# One artifact may be this large; a bigger file is not archived.
MAX_ARTIFACT_BYTES = 64 * 1024 * 1024

# What ESPHome leaves, by kind, where its ``firmware_bin`` logic puts it.
# Paths are relative to ``.esphome/build/<name>``; ``{name}`` is the node.
_CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ota", ("build/{name}.ota.bin", ".pioenvs/{name}/firmware.ota.bin")),
    ("firmware", ("build/{name}.bin", ".pioenvs/{name}/firmware.bin")),
    ("factory", ("build/{name}.factory.bin", ".pioenvs/{name}/firmware.factory.bin")),
    ("uf2", (".pioenvs/{name}/firmware.uf2",)),
    ("program", (".pioenvs/{name}/program",)),
)


def build_folder(configs_dir: Path, name: str) -> Path:
    """Return where ESPHome builds the node ``name``."""
    return configs_dir / ".esphome" / "build" / name


def find_artifacts(configs_dir: Path, name: str) -> list[tuple[str, Path]]:
    """Return ``(kind, path)`` of each image the last build of ``name`` left."""
    folder = build_folder(configs_dir, name)
    found = []
    for kind, paths in _CANDIDATES:
        for relative in paths:
            path = folder / relative.format(name=name)
            if path.is_file():
                found.append((kind, path))
                break
    return found


def read_build_info(configs_dir: Path, name: str) -> dict[str, str]:
    """Return the build's ESPHome version and compilation time, as far as known."""
    path = build_folder(configs_dir, name) / "build_info.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: value
        for key in ("esphome_version", "build_time_str")
        if isinstance(value := data.get(key), str)
    }


def copy_atomic(source: Path, target: Path) -> int:
    """Copy ``source`` to ``target`` all or nothing; return its size.

    Raises OSError, or ValueError for a file over the size cap.
    """
    size = source.stat().st_size
    if size > MAX_ARTIFACT_BYTES:
        raise ValueError(f"{source.name} is larger than {MAX_ARTIFACT_BYTES} bytes")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return size


class PartialFile:
    """A file written under a temporary name, renamed into place once complete.

    Each method blocks: run them in the executor.
    """

    def __init__(self, target: Path) -> None:
        """Open a temporary file next to ``target`` (its folder is made)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
        self._target = target
        self._temporary = Path(temporary)
        self._file = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        """Append ``data``."""
        self._file.write(data)

    def commit(self) -> None:
        """Write it to disk and give it the target's name."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._temporary, self._target)

    def discard(self) -> None:
        """Close and delete the temporary file; nothing of it is left."""
        self._file.close()
        self._temporary.unlink(missing_ok=True)


def remove_folder(folder: Path) -> None:
    """Delete a build's folder and what is in it; a missing one is fine."""
    shutil.rmtree(folder, ignore_errors=True)


def remove_partials(root: Path) -> None:
    """Delete half copies a crash left (their names say they are partial)."""
    if not root.is_dir():
        return
    for partial in root.glob("*/.partial-*"):
        partial.unlink(missing_ok=True)
