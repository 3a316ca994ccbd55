"""Turn a child's byte stream into lines.

Lines end on ``\\n``, ``\\r`` or ``\\r\\n`` (one terminator). A line ended by a
bare ``\\r`` is *transient*: the next line overwrites it, the way a terminal
draws a progress bar. Transient lines are returned with a trailing ``\\r`` so
that every consumer (buffer, stream, panel) applies the same rule.

Work is per chunk, not per byte or per line, and memory is bounded: text
without any terminator is cut into pieces of at most ``max_line_bytes``.
"""

from __future__ import annotations

import re

from ..const import MAX_LINE_BYTES

_CR = 0x0D
_LF = 0x0A

# ESPHome wraps inline passwords and keys in the ANSI "conceal" code, so that
# a front-end can hide them: ESC[8m secret ESC[28m, with ESC written literally
# as \033 under --dashboard. They are masked here, before anything stores,
# streams or renders the line; a span left open ends with its line.
_ESC = r"(?:\x1b|\\033)"
_CONCEALED = re.compile(
    _ESC + r"\[8m[^\r\n]*?(?:" + _ESC + r"\[(?:28|0)?m|(?=[\r\n])|$)"
)
MASK = "••••••"


def mask_concealed(text: str) -> str:
    """Replace every concealed span of ``text`` with a fixed mask."""
    return _CONCEALED.sub(MASK, text)


def _utf8_safe_cut(data: bytes | bytearray, cut: int) -> int:
    """Move a cut back so that it does not split a UTF-8 sequence."""
    low = max(cut - 3, 1)
    pos = cut
    while pos > low and (data[pos] & 0xC0) == 0x80:
        pos -= 1
    return pos if (data[pos] & 0xC0) != 0x80 else cut


class LineSplitter:
    """Incremental, linear-time splitter for one output stream."""

    __slots__ = ("_max", "_partial", "_unescape")

    def __init__(
        self, max_line_bytes: int = MAX_LINE_BYTES, *, unescape_ansi: bool = True
    ) -> None:
        """Initialize the splitter.

        ``unescape_ansi`` turns the literal ``\\033`` that ``esphome --dashboard``
        prints back into real escape characters, as ESPHome's own dashboard does.
        """
        self._max = max_line_bytes
        self._partial = b""
        self._unescape = unescape_ansi

    def feed(self, data: bytes) -> tuple[list[str], bool]:
        """Return the lines that ``data`` completes, and whether any has a ``\\r``."""
        if self._partial:
            data = self._partial + data
            self._partial = b""
        if not data:
            return [], False

        end = len(data)
        last_lf = data.rfind(b"\n")
        last_cr = data.rfind(b"\r")
        cut = max(last_lf, last_cr)
        if cut == end - 1 and last_cr == cut:
            # A trailing \r may be the first half of a \r\n split across reads:
            # keep it, with its line, until the next read decides.
            cut = max(data.rfind(b"\n", 0, cut), data.rfind(b"\r", 0, cut))
        complete = data[: cut + 1]
        rest = data[cut + 1 :]

        lines: list[str] = []
        has_cr = False
        if complete:
            has_cr = self._split_into(complete, lines)
            if len(complete) > self._max:
                lines = self._cap(lines)
        if len(rest) > self._max:
            rest = self._cut_long(rest, lines)
        self._partial = rest
        return lines, has_cr

    def finish(self) -> tuple[list[str], bool]:
        """Return what is left when the stream ends, as permanent lines."""
        rest, self._partial = self._partial, b""
        if not rest:
            return [], False
        if rest.endswith(b"\r"):
            rest = rest[:-1]
        lines: list[str] = []
        has_cr = False
        if b"\r" in rest or b"\n" in rest:
            has_cr = self._split_into(rest + b"\n", lines)
        else:
            lines.append(self._decode(rest))
        return self._cap(lines), has_cr

    def _decode(self, data: bytes) -> str:
        text = data.decode("utf-8", "replace")
        if "[8m" in text:
            text = mask_concealed(text)
        if self._unescape and "\\033" in text:
            text = text.replace("\\033", "\x1b")
        return text

    def _split_into(self, complete: bytes, lines: list[str]) -> bool:
        """Split bytes that end with a terminator; return True if any ``\\r``."""
        text = self._decode(complete)
        if "\r" not in text:
            parts = text.split("\n")
            parts.pop()
            lines.extend(parts)
            return False
        text = text.replace("\r\n", "\n")
        parts = text.split("\n")
        tail = parts.pop()  # "" when the text ends with \n, else ends with \r
        for part in parts:
            if "\r" in part:
                segments = part.split("\r")
                lines.extend(segment + "\r" for segment in segments[:-1])
                lines.append(segments[-1])
            else:
                lines.append(part)
        if tail:
            segments = tail.split("\r")
            lines.extend(segment + "\r" for segment in segments[:-1])
        return True

    def _cap(self, lines: list[str]) -> list[str]:
        """Split any line longer than the cap (in characters) into pieces."""
        limit = self._max
        if max(map(len, lines), default=0) <= limit:
            return lines
        capped: list[str] = []
        for line in lines:
            if len(line) <= limit:
                capped.append(line)
            else:
                capped.extend(line[i : i + limit] for i in range(0, len(line), limit))
        return capped

    def _cut_long(self, rest: bytes, lines: list[str]) -> bytes:
        """Emit pieces of an over-long unterminated line; return the remainder."""
        limit = self._max
        start = 0
        while len(rest) - start > limit:
            cut = _utf8_safe_cut(rest, start + limit)
            lines.append(self._decode(rest[start:cut]))
            start = cut
        return rest[start:]
