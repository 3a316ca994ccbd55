"""The one small interface between the engine and whatever runs ESPHome.

A runner executes one ESPHome invocation at a time for a job: it feeds raw
output bytes to a callback and returns the exit code. The engine owns the
buffer, verdicts and caps, so a local subprocess and a remote ESPHome Device
Builder produce identical jobs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

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

    @abstractmethod
    async def cancel(self) -> None:
        """Stop the running invocation; ``run`` then returns soon after.

        Returns once nothing of the invocation is left running.
        """
