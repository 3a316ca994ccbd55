"""Where a runner's bytes become a job's lines, verdicts and progress.

One object per phase of a job. Everything here runs per chunk, never per
byte, so a flood costs the event loop a few C-level passes over each read.
"""

from __future__ import annotations

from collections.abc import Callable

from .job import Job
from .lines import LineSplitter
from .verdicts import find_fatal, last_progress

OutputListener = Callable[[list[str]], None]


class OutputIntake:
    """Feeds one phase's output into its job."""

    __slots__ = ("_base", "_job", "_listeners", "_on_progress", "_span", "_splitter")

    def __init__(
        self,
        job: Job,
        listeners: Callable[[], list[OutputListener] | None],
        on_progress: Callable[[Job], None],
        *,
        phase: int = 0,
        phases: int = 1,
    ) -> None:
        """Initialize for phase ``phase`` of ``phases`` (progress is split evenly)."""
        self._job = job
        self._listeners = listeners
        self._on_progress = on_progress
        self._splitter = LineSplitter()
        self._base = 100 * phase // phases
        self._span = 100 // phases

    def feed(self, data: bytes) -> None:
        """Take raw output bytes from the runner."""
        lines, has_cr = self._splitter.feed(data)
        if lines:
            self._take(lines, has_cr)

    def close(self) -> None:
        """Flush an unterminated last line when the phase ends."""
        lines, has_cr = self._splitter.finish()
        if lines:
            self._take(lines, has_cr)

    def _take(self, lines: list[str], has_cr: bool) -> None:
        job = self._job
        text = "\n".join(lines)
        # The joined text gives the buffer the batch's size for free.
        job.buffer.append(lines, has_cr, len(text) - len(lines) + 1)
        if job.verdict is None:
            job.verdict = find_fatal(text)
        percent = last_progress(text)
        if percent is not None:
            overall = self._base + percent * self._span // 100
            if overall > job.progress:
                job.progress = overall
                self._on_progress(job)
        listeners = self._listeners()
        if listeners:
            for listener in tuple(listeners):
                listener(lines)
