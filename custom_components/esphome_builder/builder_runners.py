"""Runners the builder pool hands out besides the local and remote ones."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from .jobs.job import Job
from .jobs.plan import BUILDER_LOCAL
from .jobs.runner import BuilderInstall, OutputFeed, Runner, RunnerError


class HookedInstall(BuilderInstall):
    """A builder's own install with steps of ours around its compile.

    Wrapped runners must hand their hooks to the install too: an install on a
    builder with ``firmware/install`` compiles there, never through ``run``.
    """

    def __init__(
        self,
        inner: BuilderInstall,
        *,
        before: Callable[[OutputFeed], None] | None = None,
        after: Callable[[OutputFeed, int], Awaitable[None]] | None = None,
    ) -> None:
        """Wrap ``inner``; ``before`` and ``after`` run around its compile."""
        self._inner = inner
        self._before = before
        self._after = after

    async def async_submit(self) -> bool:
        """Ask the builder to install."""
        return await self._inner.async_submit()

    async def async_compile(self, feed: OutputFeed) -> int:
        """Run our step, the builder's compile, then our step after it."""
        if self._before is not None:
            self._before(feed)
        code = await self._inner.async_compile(feed)
        # The builder says at the end of its compile whether it deferred.
        self.deferred = self._inner.deferred
        if self._after is not None:
            await self._after(feed, code)
        return code

    async def async_wait_for_flash(self) -> None:
        """Wait for the builder's wake upload."""
        await self._inner.async_wait_for_flash()

    async def async_flash(self, feed: OutputFeed) -> int:
        """Follow the builder's upload."""
        return await self._inner.async_flash(feed)

    async def async_close(self) -> None:
        """Disarm and close."""
        await self._inner.async_close()


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

    def _warn(self, feed: OutputFeed) -> None:
        if self._warning is not None:
            feed(f"{self._warning}\n".encode())
            self._warning = None

    def builder_install(self, job: Job) -> BuilderInstall | None:
        """Return the wrapped runner's install, warning before its compile."""
        session = self._inner.builder_install(job)
        return None if session is None else HookedInstall(session, before=self._warn)

    async def run(self, args: list[str], feed: OutputFeed) -> int:
        """Warn once, then run the invocation on the wrapped runner."""
        self._warn(feed)
        return await self._inner.run(args, feed)
