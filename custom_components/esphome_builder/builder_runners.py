"""Runners the builder pool hands out besides the local and remote ones."""

from __future__ import annotations

from .jobs.plan import BUILDER_LOCAL
from .jobs.runner import OutputFeed, Runner, RunnerError


class NoLocalEsphome(Runner):
    """Stands in for the local runner when this machine has no ESPHome."""

    builder = BUILDER_LOCAL

    def __init__(self, configuration: str) -> None:
        """Initialize for the job's configuration."""
        self._configuration = configuration

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Fail the job, saying why."""
        raise RunnerError(
            "ESPHome is not installed on this machine, and no remote builder "
            f"lists {self._configuration}"
        )


class WarnedRunner(Runner):
    """A runner whose first invocation starts with a warning line of ours."""

    def __init__(self, inner: Runner, warning: str) -> None:
        """Wrap ``inner``; ``warning`` is one line, without its newline."""
        self.builder = inner.builder
        self._inner = inner
        self._warning: str | None = warning

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Warn once, then run the invocation on the wrapped runner."""
        if self._warning is not None:
            feed(f"{self._warning}\n".encode())
            self._warning = None
        return await self._inner.run(args, feed)
