"""A job's retained output, capped while the job runs and when it ends.

Output is bounded twice: in lines (``RETAINED``/``INFLIGHT``) and in size,
because one line may be up to ``MAX_LINE_BYTES`` long, so 4000 lines alone can
reach 256 MiB. Sizes are counted as ``len(str)``, in characters, once per
batch (the intake passes the size of the text it joins anyway), never with a
per-line ``sys.getsizeof``. For the ASCII a build prints, a character is a
byte; text with wider characters takes up to four bytes per character, which
the budgets below leave room for (4 MiB in flight is at most 16 MiB).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, islice

from ..const import INFLIGHT, RETAINED

_MIB = 1 << 20
# A running job's buffer is cut back to RETAINED_CHARS when it passes
# INFLIGHT_CHARS: the same hysteresis as the line window, so the trim is paid
# once per 2 MiB of output, not per append.
INFLIGHT_CHARS = 4 * _MIB
RETAINED_CHARS = INFLIGHT_CHARS // 2
# What a finished job keeps (and the history stores): at most RETAINED lines
# and at most this much text. Four of the longest lines the splitter makes.
FINISHED_CHARS = 256 * 1024


def trimmed_notice(elided: int) -> str:
    """Return the first line shown when earlier output was dropped."""
    return f"... [output trimmed: {elided} earlier line(s) elided]"


def tail_fit(
    newest_first: Iterable[str], max_lines: int, max_chars: int
) -> tuple[int, int]:
    """Return how many of the newest lines fit both limits, and their size.

    Whole lines only; the newest line is always kept, whatever its size (the
    splitter caps a line at ``MAX_LINE_BYTES``, below every budget here).
    Costs C-level passes over at most ``max_lines`` lines.
    """
    sizes = list(accumulate(map(len, islice(newest_first, max(max_lines, 1)))))
    if not sizes:
        return 0, 0
    keep = max(bisect_right(sizes, max_chars), 1)
    return keep, sizes[keep - 1]


def tail_start(lines: Sequence[str], max_lines: int, max_chars: int) -> tuple[int, int]:
    """Return where the longest tail within both limits starts, and its size."""
    keep, size = tail_fit(reversed(lines), max_lines, max_chars)
    return len(lines) - keep, size


class OutputBuffer:
    """Holds the last lines of a job with hysteresis trimming.

    The buffer grows to ``inflight`` lines (or ``inflight_chars`` of text) and
    is then cut back to ``retained`` lines (and ``retained_chars``), so the
    slice copy is paid once per ``inflight - retained`` appends, or per
    ``inflight_chars - retained_chars`` of text. The size is tracked as an
    upper bound, so a size trim may come before the buffer really holds
    ``inflight_chars``; it still cuts only down to ``retained_chars``. Trimming
    drops whole lines, from the front, and ``elided`` counts every one whichever
    limit dropped it. When the job ends, ``finalize`` keeps ``retained`` lines
    and at most ``finished_chars``.
    """

    __slots__ = (
        "_bound",
        "_finished_chars",
        "_inflight",
        "_inflight_chars",
        "_lines",
        "_retained",
        "_retained_chars",
        "_transient",
        "elided",
    )

    def __init__(
        self,
        retained: int = RETAINED,
        inflight: int = INFLIGHT,
        *,
        retained_chars: int = RETAINED_CHARS,
        inflight_chars: int = INFLIGHT_CHARS,
        finished_chars: int = FINISHED_CHARS,
    ) -> None:
        """Initialize an empty buffer."""
        self._retained = retained
        self._inflight = inflight
        self._retained_chars = retained_chars
        self._inflight_chars = inflight_chars
        self._finished_chars = finished_chars
        self._lines: list[str] = []
        # An upper bound of the size of _lines, in characters: every line
        # added counts exactly, a trim by size makes it exact again, and a trim
        # by the line window leaves it as it is, so that a flood of short lines
        # pays no pass over the lines it drops. Since it never undercounts, a
        # buffer over a size limit is always trimmed.
        self._bound = 0
        # True when the last line ended with a bare \r: the next one replaces it.
        self._transient = False
        self.elided = 0

    def __len__(self) -> int:
        """Return the number of lines held now (without the notice)."""
        return len(self._lines)

    @property
    def chars(self) -> int:
        """Return the size of the lines held now, in characters (one pass)."""
        return sum(map(len, self._lines))

    @property
    def transient(self) -> bool:
        """Return True when the last line is a progress bar the next one replaces."""
        return self._transient

    def append(self, lines: list[str], has_cr: bool, chars: int | None = None) -> None:
        """Add lines from the splitter; transient lines end with ``\\r``.

        ``chars`` may give the total size of ``lines`` when the caller knows
        it already; it saves a pass over the batch.
        """
        if not lines:
            return
        if has_cr:
            self._append_with_cr(lines)
        else:
            self._append_plain(lines, chars)
        if len(self._lines) > self._inflight or self._bound > self._inflight_chars:
            self._trim_to(self._retained, self._retained_chars)

    def _append_plain(self, lines: list[str], chars: int | None) -> None:
        """Add lines none of which is transient: one extend, and a tail at most."""
        store = self._lines
        if self._transient:
            first = len(lines[0])
            self._bound += first - len(store[-1])
            store[-1] = lines[0]
            self._transient = False
            lines = lines[1:]
            if chars is not None:
                chars -= first
        size = sum(map(len, lines)) if chars is None else chars
        if len(lines) > self._inflight or size > self._inflight_chars:
            # Only the tail can survive the trim; skip copying the rest.
            if size <= self._retained_chars:
                skip = len(lines) - self._retained
            else:
                skip, size = tail_start(lines, self._retained, self._retained_chars)
            if skip > 0:
                self.elided += skip
                lines = lines[skip:]
        store.extend(lines)
        self._bound += size

    def _append_with_cr(self, lines: list[str]) -> None:
        """Add lines where a ``\r`` line is replaced by the one after it."""
        store = self._lines
        transient = self._transient
        bound = self._bound
        for line in lines:
            is_cr = line.endswith("\r")
            text = line[:-1] if is_cr else line
            if transient:
                bound -= len(store[-1])
                store[-1] = text
            else:
                store.append(text)
            bound += len(text)
            transient = is_cr
        self._bound = bound
        self._transient = transient

    def finalize(self) -> None:
        """Trim to the finished window (lines and size) once the job has ended."""
        self._transient = False
        if len(self._lines) > self._retained or self._bound > self._finished_chars:
            self._trim_to(self._retained, self._finished_chars)

    def _trim_to(self, keep_lines: int, keep_chars: int) -> None:
        store = self._lines
        if self._bound <= keep_chars:
            # Every tail fits the size: only the line window cuts.
            drop = len(store) - keep_lines
        else:
            drop, self._bound = tail_start(store, keep_lines, keep_chars)
        if drop > 0:
            del store[:drop]
            self.elided += drop

    def snapshot(self) -> list[str]:
        """Return a copy of the output, led by the trimmed notice when needed."""
        if self.elided:
            return [trimmed_notice(self.elided), *self._lines]
        return list(self._lines)

    def lines(self) -> list[str]:
        """Return a copy of the retained lines, without the notice."""
        return list(self._lines)

    @classmethod
    def restore(cls, lines: list[str], elided: int) -> OutputBuffer:
        """Rebuild a finished job's buffer from history, within the finished window."""
        buffer = cls()
        skip, buffer._bound = tail_start(
            lines, buffer._retained, buffer._finished_chars
        )
        buffer._lines = lines[skip:]
        buffer.elided = elided + skip
        return buffer
