"""The images of a remote build, fetched for the firmware archive.

After a compile on a remote ESPHome Device Builder succeeds, within the same
job, the builder is asked what it built (``firmware/get_binaries``), mints a
single-use token per file (``firmware/download_token``), and serves each file
over HTTP (``GET /api/firmware/download?token=…``, authorized by the token).

Nothing of the builder's answer becomes a path here. Only the images the
archive knows (OTA, factory, plain firmware, UF2) are taken, one per kind,
from the first entries of the listing; each is stored as ``<kind>-<name>``,
where the name is the listed file's last part with every character but
letters, digits, ``.``, ``_`` and ``-`` replaced and no leading dot. Each file
and the whole build are capped in bytes while they stream, into a temporary
name that is renamed once complete.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
import re
from typing import TYPE_CHECKING, Any

import aiohttp

from .archive_files import MAX_ARTIFACT_BYTES, PartialFile
from .builder_client import (
    REQUEST_TIMEOUT,
    BuilderError,
    BuilderSocket,
    BuilderSpec,
    CommandFailed,
    ConnectionLost,
    byte_size,
)
from .builder_runners import HookedInstall
from .jobs.runner import BuilderInstall, OutputFeed, Runner

if TYPE_CHECKING:
    from .jobs.job import Job

DOWNLOAD_PATH = "/api/firmware/download"
# How many entries of a listing are looked at, and the longest name taken.
MAX_LISTED = 16
MAX_NAME = 100
# The whole fetch (every file) gives up after this long, and a command on the
# builder's /ws after this (listing a LibreTiny build runs a helper for 60 s).
FETCH_TIMEOUT = 300.0
CALL_TIMEOUT = 90.0
# Bytes gathered before one write to the temporary file (in the executor).
WRITE_CHUNK = 1024 * 1024
# The kind of an image, by the ``type`` the builder gives it or its file name.
_TYPES = {"ota": "ota", "factory": "factory", "bin": "firmware", "uf2": "uf2"}
_FILES = {
    "firmware.ota.bin": "ota",
    "firmware.factory.bin": "factory",
    "firmware.bin": "firmware",
    "firmware.uf2": "uf2",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
PREFIX = "[ESPHome Builder]"


class FetchError(Exception):
    """A remote build could not be archived; the text says why."""


def safe_name(file: str) -> str | None:
    """Return a file name made of plain characters from ``file``, or None.

    Only the last part of a path-like name is kept; no separator, ``..`` or
    leading dot survives.
    """
    last = file.replace("\\", "/").rsplit("/", 1)[-1]
    name = _DOTS.sub(".", _UNSAFE.sub("_", last)).lstrip(".")[:MAX_NAME]
    return name or None


@dataclass(frozen=True, slots=True)
class RemoteImage:
    """One image a builder lists: its kind, its name there and here."""

    kind: str
    # As the builder names it: only ever sent back to that builder.
    remote_file: str
    # The archived file's name: ``<kind>-<safe name>``.
    file: str


def pick_images(listing: Any) -> list[RemoteImage]:
    """Return the images of a ``firmware/get_binaries`` answer worth archiving."""
    if not isinstance(listing, list):
        return []
    images: dict[str, RemoteImage] = {}
    for entry in listing[:MAX_LISTED]:
        if not isinstance(entry, dict):
            continue
        file, kind = entry.get("file"), entry.get("type")
        if not isinstance(file, str) or not file or len(file) > 4 * MAX_NAME:
            continue
        kind = _TYPES.get(kind) if isinstance(kind, str) else None
        kind = kind or _FILES.get(file.replace("\\", "/").rsplit("/", 1)[-1])
        name = safe_name(file)
        if kind is not None and name is not None and kind not in images:
            images[kind] = RemoteImage(kind, file, f"{kind}-{name}")
    return list(images.values())


@dataclass(frozen=True, slots=True)
class RemoteSource:
    """A remote builder whose last compile of a configuration is fetched."""

    session: aiohttp.ClientSession
    spec: BuilderSpec

    async def async_fetch(
        self, configuration: str, folder: Path, max_bytes: int
    ) -> list[tuple[RemoteImage, int]]:
        """Fetch every image into ``folder``; return each with its size.

        Raises FetchError; a file it leaves on the way out is a partial one.
        """
        try:
            async with asyncio.timeout(FETCH_TIMEOUT):
                return await self._async_fetch(configuration, folder, max_bytes)
        except TimeoutError as err:
            raise FetchError("the builder did not answer in time") from err
        except (BuilderError, ConnectionLost, aiohttp.ClientError) as err:
            raise FetchError(str(err) or type(err).__name__) from err
        except CommandFailed as err:
            raise FetchError(f"the builder refused: {err}") from err
        except OSError as err:
            raise FetchError(f"could not write it: {err}") from err

    async def _async_fetch(
        self, configuration: str, folder: Path, max_bytes: int
    ) -> list[tuple[RemoteImage, int]]:
        sock = await BuilderSocket.async_open(self.session, self.spec)
        try:
            async with asyncio.timeout(CALL_TIMEOUT):
                listing = await sock.call(
                    "firmware/get_binaries", configuration=configuration
                )
            fetched: list[tuple[RemoteImage, int]] = []
            room = max_bytes
            for image in pick_images(listing):
                async with asyncio.timeout(CALL_TIMEOUT):
                    answer = await sock.call(
                        "firmware/download_token",
                        configuration=configuration,
                        file=image.remote_file,
                    )
                token = answer.get("token") if isinstance(answer, dict) else None
                if not isinstance(token, str):
                    raise FetchError(f"no download token for {image.remote_file}")
                limit = min(MAX_ARTIFACT_BYTES, room)
                too_large = FetchError(
                    f"{image.remote_file} is larger than the {byte_size(limit)} "
                    f"the archive has room for (at most {byte_size(MAX_ARTIFACT_BYTES)} "
                    f"an image, {byte_size(max_bytes)} a build)"
                )
                size = await self._async_download(
                    token, image, folder / image.file, limit, too_large
                )
                fetched.append((image, size))
                room -= size
            return fetched
        finally:
            await asyncio.shield(sock.close())

    async def _async_download(
        self,
        token: str,
        image: RemoteImage,
        target: Path,
        limit: int,
        too_large: FetchError,
    ) -> int:
        """Stream one file to ``target`` all or nothing; return its size."""
        async with self.session.get(
            f"{self.spec.base_url}{DOWNLOAD_PATH}",
            params={"token": token},
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(sock_connect=REQUEST_TIMEOUT, sock_read=60),
        ) as resp:
            if resp.status != 200:
                raise FetchError(
                    f"{image.remote_file}: the builder answered HTTP {resp.status}"
                )
            if resp.content_length is not None and resp.content_length > limit:
                raise too_large
            out = await _run(PartialFile, target)
            try:
                size = await _async_stream(resp.content, out, limit, too_large)
                await _run(out.commit)
            except BaseException:
                await asyncio.shield(_run(out.discard))
                raise
        return size


async def _async_stream(
    content: aiohttp.StreamReader, out: PartialFile, limit: int, too_large: FetchError
) -> int:
    """Write a body to ``out`` in large writes; raise ``too_large`` past ``limit``."""
    size = written = 0
    pending: list[bytes] = []
    async for chunk in content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise too_large
        pending.append(chunk)
        if size - written >= WRITE_CHUNK:
            await _run(out.write, b"".join(pending))
            pending.clear()
            written = size
    await _run(out.write, b"".join(pending))
    return size


async def _run[T](function: Callable[..., T], *args: Any) -> T:
    """Run blocking file work in the executor."""
    return await asyncio.get_running_loop().run_in_executor(
        None, partial(function, *args)
    )


# What the archive does after a remote compile: fetch its images, saying how
# it went with lines of the job's output.
AfterCompile = Callable[["Job", RemoteSource, Callable[[str], None]], Awaitable[None]]


class ArchivingRunner(Runner):
    """A remote runner whose successful compile is followed by archiving it.

    The fetch runs inside the job's compile phase, so the job's time limit,
    lane and cancellation cover it; it never changes the exit code.
    """

    def __init__(
        self, inner: Runner, job: Job, source: RemoteSource, archive: AfterCompile
    ) -> None:
        """Wrap ``inner``, which runs ``job`` on ``source``."""
        self.builder = inner.builder
        self._inner = inner
        self._job = job
        self._source = source
        self._archive = archive

    def builder_install(self, job: Job) -> BuilderInstall | None:
        """Return the builder's own install, archiving after its compile."""
        session = self._inner.builder_install(job)
        if session is None:
            return None
        return HookedInstall(session, after=self._after_compile)

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Run the invocation; after a compile that succeeded, archive it."""
        code = await self._inner.run(args, feed)
        if args[:1] == ["compile"]:
            await self._after_compile(feed, code)
        return code

    async def _after_compile(self, feed: OutputFeed, code: int) -> None:
        if code == 0 and self._job.verdict is None:
            await self._archive(self._job, self._source, partial(_say, feed))


def _say(feed: OutputFeed, line: str) -> None:
    feed(f"{line}\n".encode())
