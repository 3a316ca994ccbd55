"""What one stream has to send before its next flush, bounded in count and size.

- log lines go into a window of the newest ``LINE_WINDOW`` lines and at most
  ``LINE_CHARS_WINDOW`` characters; older ones are dropped and counted
  (``skipped``), so a flood costs at most one window per flush;
- ``push`` drops the newest message when the buffer is full and counts it;
- ``push_priority`` evicts the oldest droppable message to make room (lifecycle
  and terminal events must arrive);
- ``push_or_terminate`` raises StreamOverflow on overflow, for state streams
  that must tell their client to resync rather than drift silently.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from .const import RETAINED
from .jobs.output import tail_fit

# Under a flood a flush sends at most the retained window: what a client that
# opened the job now would see anyway.
LINE_WINDOW = RETAINED
# And at most this much text (characters), whatever the length of the lines:
# one websocket message stays around a MiB, and so does each follower's backlog.
LINE_CHARS_WINDOW = 1024 * 1024
# Messages (not lines) that may wait for one flush. State streams that pass it
# must resync; 256 per 100 ms is far beyond any real rate of lifecycle events.
MAX_PENDING = 256

type Message = dict[str, Any]


@dataclass(slots=True)
class _Lines:
    """Consecutive output lines waiting for a flush."""

    lines: list[str] = field(default_factory=list)
    skipped: int = 0


@dataclass(slots=True)
class _Entry:
    message: Message
    priority: bool
    key: Hashable | None


class StreamOverflow(Exception):
    """A state stream overflowed; the client must resync."""


class PendingBuffer:
    """Messages and lines waiting for the next flush of one stream; bounded."""

    __slots__ = (
        "_by_key",
        "_char_window",
        "_items",
        "_line_chars",
        "_line_count",
        "_line_window",
        "_max_items",
        "_message_count",
        "dropped",
    )

    def __init__(
        self,
        max_items: int = MAX_PENDING,
        line_window: int = LINE_WINDOW,
        char_window: int = LINE_CHARS_WINDOW,
    ) -> None:
        self._max_items = max_items
        self._line_window = line_window
        self._char_window = char_window
        self._items: deque[_Entry | _Lines] = deque()
        self._by_key: dict[Hashable, _Entry] = {}
        self._message_count = 0
        self._line_count = 0
        # Characters of the pending lines (a byte for ASCII): a window of 64
        # KiB lines must not hold hundreds of MiB per follower.
        self._line_chars = 0
        # Messages lost to push (newest dropped) or push_priority (oldest evicted).
        self.dropped = 0

    @property
    def line_count(self) -> int:
        """Return how many lines wait now."""
        return self._line_count

    def __bool__(self) -> bool:
        return bool(self._items)

    def _coalesce(self, message: Message, key: Hashable | None) -> bool:
        """Replace a pending message with the same key (e.g. newer progress)."""
        if key is not None and (entry := self._by_key.get(key)) is not None:
            entry.message = message
            return True
        return False

    def _append(self, message: Message, priority: bool, key: Hashable | None) -> None:
        entry = _Entry(message, priority, key)
        self._items.append(entry)
        self._message_count += 1
        if key is not None:
            self._by_key[key] = entry

    def _remove(self, entry: _Entry) -> None:
        self._items.remove(entry)
        self._message_count -= 1
        if entry.key is not None:
            self._by_key.pop(entry.key, None)

    def push(self, message: Message, key: Hashable | None = None) -> bool:
        """Queue a droppable message; when full, drop it and count it."""
        if self._coalesce(message, key):
            return True
        if self._message_count >= self._max_items:
            self.dropped += 1
            return False
        self._append(message, False, key)
        return True

    def push_priority(self, message: Message, key: Hashable | None = None) -> None:
        """Queue a message that must arrive; evict the oldest to make room.

        Droppable messages go first; only a buffer full of priority messages
        loses its oldest priority message.
        """
        if self._coalesce(message, key):
            return
        if self._message_count >= self._max_items:
            victim = next(
                (e for e in self._items if isinstance(e, _Entry) and not e.priority),
                None,
            ) or next(e for e in self._items if isinstance(e, _Entry))
            self._remove(victim)
            self.dropped += 1
        self._append(message, True, key)

    def push_or_terminate(self, message: Message, key: Hashable | None = None) -> None:
        """Queue a message of a state stream; raise StreamOverflow when full."""
        if self._coalesce(message, key):
            return
        if self._message_count >= self._max_items:
            raise StreamOverflow
        self._append(message, False, key)

    def push_lines(self, lines: list[str]) -> None:
        """Queue output lines; keep the newest window, count what is skipped."""
        if not lines:
            return
        last = self._items[-1] if self._items else None
        if not isinstance(last, _Lines):
            last = _Lines()
            self._items.append(last)
        last.lines.extend(lines)
        self._line_count += len(lines)
        self._line_chars += sum(map(len, lines))
        # Hysteresis as in the output buffer: trim once per window of appends.
        if (
            self._line_count > 2 * self._line_window
            or self._line_chars > 2 * self._char_window
        ):
            self._trim_lines()

    def _trim_lines(self) -> None:
        if (
            self._line_count <= self._line_window
            and self._line_chars <= self._char_window
        ):
            return
        newest_first = chain.from_iterable(
            reversed(item.lines)
            for item in reversed(self._items)
            if isinstance(item, _Lines)
        )
        kept, self._line_chars = tail_fit(
            newest_first, self._line_window, self._char_window
        )
        excess = self._line_count - kept
        if excess <= 0:
            return
        self._line_count -= excess
        carried = 0
        for item in list(self._items):
            if not isinstance(item, _Lines):
                continue
            item.skipped += carried
            carried = 0
            if excess >= len(item.lines):
                # All of this batch goes; its count moves to the next batch.
                excess -= len(item.lines)
                carried = item.skipped + len(item.lines)
                self._items.remove(item)
                continue
            del item.lines[:excess]
            item.skipped += excess
            break

    def drain(self) -> list[Message]:
        """Return the messages to send now, oldest first, and empty the buffer."""
        self._trim_lines()
        messages: list[Message] = []
        for item in self._items:
            if isinstance(item, _Lines):
                messages.append(
                    {"type": "output", "lines": item.lines, "skipped": item.skipped}
                )
            else:
                messages.append(item.message)
        self.clear()
        return messages

    def clear(self) -> None:
        """Forget everything pending."""
        self._items.clear()
        self._by_key.clear()
        self._message_count = 0
        self._line_count = 0
        self._line_chars = 0
