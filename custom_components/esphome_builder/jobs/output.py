"""A job's retained output, capped while the job runs (lesson 1)."""

from __future__ import annotations

from ..const import INFLIGHT, RETAINED


def trimmed_notice(elided: int) -> str:
    """Return the first line shown when earlier output was dropped."""
    return f"... [output trimmed: {elided} earlier line(s) elided]"


class OutputBuffer:
    """Holds the last lines of a job with hysteresis trimming.

    The buffer grows to ``inflight`` lines and is then cut back to ``retained``,
    so the slice copy is paid once per ``inflight - retained`` appends.
    """

    __slots__ = ("_inflight", "_lines", "_retained", "_transient", "elided")

    def __init__(self, retained: int = RETAINED, inflight: int = INFLIGHT) -> None:
        """Initialize an empty buffer."""
        self._retained = retained
        self._inflight = inflight
        self._lines: list[str] = []
        # True when the last line ended with a bare \r: the next one replaces it.
        self._transient = False
        self.elided = 0

    def __len__(self) -> int:
        """Return the number of lines held now (without the notice)."""
        return len(self._lines)

    @property
    def transient(self) -> bool:
        """Return True when the last line is a progress bar the next one replaces."""
        return self._transient

    def append(self, lines: list[str], has_cr: bool) -> None:
        """Add lines from the splitter; transient lines end with ``\\r``."""
        if not lines:
            return
        store = self._lines
        if not has_cr:
            if self._transient:
                store[-1] = lines[0]
                self._transient = False
                lines = lines[1:]
            if len(lines) > self._inflight:
                # Only the tail can survive the trim; skip copying the rest.
                skip = len(lines) - self._retained
                self.elided += skip
                lines = lines[skip:]
            store.extend(lines)
        else:
            transient = self._transient
            for line in lines:
                is_cr = line.endswith("\r")
                text = line[:-1] if is_cr else line
                if transient:
                    store[-1] = text
                else:
                    store.append(text)
                transient = is_cr
            self._transient = transient
        if len(store) > self._inflight:
            self._trim_to(self._retained)

    def finalize(self) -> None:
        """Trim to the retained window once the job has ended."""
        self._transient = False
        if len(self._lines) > self._retained:
            self._trim_to(self._retained)

    def _trim_to(self, keep: int) -> None:
        drop = len(self._lines) - keep
        del self._lines[:drop]
        self.elided += drop

    def snapshot(self) -> list[str]:
        """Return a copy of the output, led by the trimmed notice when needed."""
        if self.elided:
            return [trimmed_notice(self.elided), *self._lines]
        return list(self._lines)

    def tail(self, count: int) -> list[str]:
        """Return the last ``count`` lines."""
        return self._lines[-count:] if count > 0 else []

    def lines(self) -> list[str]:
        """Return a copy of the retained lines, without the notice."""
        return list(self._lines)

    @classmethod
    def restore(cls, lines: list[str], elided: int) -> OutputBuffer:
        """Rebuild a finished job's buffer from history."""
        buffer = cls()
        buffer._lines = list(lines[-buffer._retained :])
        buffer.elided = elided + max(0, len(lines) - buffer._retained)
        return buffer
