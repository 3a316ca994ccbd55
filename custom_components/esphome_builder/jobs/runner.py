"""The one small interface between the engine and whatever runs ESPHome.

A runner executes one ESPHome invocation at a time for a job: it feeds raw
output bytes to a callback and returns the exit code. The engine owns the
buffer, verdicts and caps, so a local subprocess and a remote ESPHome Device
Builder produce identical jobs. Cancelling the job's task stops a runner: it
ends its processes (or the remote job) before the cancellation propagates.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .history import ProcessStore
    from .job import Job

OutputFeed = Callable[[bytes], None]


class RunnerError(Exception):
    """The invocation could not be started or was lost; the text names why."""


class BuilderInstall(ABC):
    """A remote builder's own install: it compiles, then flashes now or on wake.

    The engine calls, in order: ``async_submit`` (False: the builder has no
    such install, and nothing was queued there), ``async_compile``; then, when
    ``deferred`` (the builder armed a queued update for the offline device),
    ``async_wait_for_flash`` (the engine bounds its time); then
    ``async_flash``. ``async_close`` always ends it: unless the flash
    completed, it clears the builder's queued update, so nothing stays armed
    behind a job that is over (timed out, cancelled, failed).
    """

    #: After a compile: the builder queued the flash for the device's wake.
    deferred: bool = False

    @abstractmethod
    async def async_submit(self) -> bool:
        """Ask the builder to install; False when it cannot (nothing queued)."""

    @abstractmethod
    async def async_compile(self, feed: OutputFeed) -> int:
        """Feed the builder's compile; return its exit code."""

    @abstractmethod
    async def async_wait_for_flash(self) -> None:
        """Return once the builder starts the upload that flashes the device."""

    @abstractmethod
    async def async_flash(self, feed: OutputFeed) -> int:
        """Feed the builder's upload job; return its exit code."""

    @abstractmethod
    async def async_close(self) -> None:
        """Disarm what the builder still holds for this job; close."""


class Runner(ABC):
    """Runs ESPHome invocations for one job."""

    #: Shown as the job's ``builder``: "local", or a remote builder's name.
    builder: str = "local"

    def builder_install(self, job: Job) -> BuilderInstall | None:
        """Return the builder's own install for ``job``, if this runner has one."""
        return None

    @abstractmethod
    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Run ``esphome <args>``, feeding its output; return its exit code.

        Raises RunnerError when it cannot start or its connection is lost.
        """


@dataclass(frozen=True, slots=True)
class EngineView:
    """What a runner factory may know of the engine, and nothing to steer it.

    ``busy`` counts the queued and running jobs per builder, so a factory can
    route to the least busy one; ``processes`` records the process groups a
    local runner starts, so a crash can be cleaned up at the next start.
    """

    command: list[str]
    configs_dir: Path
    processes: ProcessStore
    busy: Callable[[], dict[str, int]]


RunnerFactory = Callable[["Job", EngineView], Runner]
