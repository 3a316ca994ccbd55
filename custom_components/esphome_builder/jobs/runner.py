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


class Runner(ABC):
    """Runs ESPHome invocations for one job."""

    #: Shown as the job's ``builder``: "local", or a remote builder's name.
    builder: str = "local"

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
