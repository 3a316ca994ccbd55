"""Bounded, batched streams from the engine to websocket clients.

Home Assistant gives each websocket connection one send queue and drops the
whole connection (the user's frontend with it) when that queue passes 4096
messages, or 1024 for 10 s. A build log must therefore never be sent one
message per line. Every stream here collects what it has to send in a bounded
``PendingBuffer`` and flushes it at most every ``FLUSH_INTERVAL``:

- log lines go into a window of the newest ``LINE_WINDOW`` lines; older ones are
  dropped and counted (``skipped``), so a flood costs at most one window per flush;
- ``push`` drops the newest message when the buffer is full and counts it;
- ``push_priority`` evicts the oldest droppable message to make room (lifecycle
  and terminal events must arrive);
- ``push_or_terminate`` ends the stream with ``resync_required`` on overflow, for
  state streams that must not drift silently (lesson 4).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import chain
import logging
from types import TracebackType
from typing import Any, Self

from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback

from .const import RETAINED
from .jobs.output import tail_fit

_LOGGER = logging.getLogger(__name__)

# At most one flush (one batch of messages) per stream in this many seconds.
FLUSH_INTERVAL = 0.1
# A batch this big is flushed without waiting for the coalescing delay, as
# soon as the rate limit allows.
BATCH_LINES = 500
# Under a flood a flush sends at most the retained window: what a client that
# opened the job now would see anyway.
LINE_WINDOW = RETAINED
# And at most this much text (characters), whatever the length of the lines:
# one websocket message stays around a MiB, and so does each follower's backlog.
LINE_CHARS_WINDOW = 1024 * 1024
# Messages (not lines) that may wait for one flush. State streams that pass it
# must resync; 256 per 100 ms is far beyond any real rate of lifecycle events.
MAX_PENDING = 256

# When the connection's own send queue holds more than this, a flush waits:
# HA drops a client whose queue passes 1024 messages for 10 s, and the client
# would lose its whole frontend, not only this stream. Lines keep collecting
# in the bounded window meanwhile (counted as skipped when they fall out).
SLOW_CLIENT_BACKLOG = 256

RESYNC_REQUIRED = "resync_required"

type Message = dict[str, Any]
# A bus event type with its listener, or a callable that attaches a listener
# and returns its unsubscribe callable (engine registries, dispatcher signals).
type Subscription = tuple[str, Callable[[Event], Any]] | Callable[[], CALLBACK_TYPE]


# -- listening ------------------------------------------------------------------


class Listening:
    """Unsubscribe callable for several listeners; also a context manager."""

    __slots__ = ("_unsubs",)

    def __init__(self, unsubs: list[CALLBACK_TYPE]) -> None:
        self._unsubs = unsubs

    def __call__(self) -> None:
        """Release every listener, newest first; calling again does nothing."""
        unsubs, self._unsubs = self._unsubs, []
        for unsub in reversed(unsubs):
            try:
                unsub()
            except Exception:
                _LOGGER.exception("Error releasing listener %s", unsub)

    def __len__(self) -> int:
        """Return how many listeners are still attached."""
        return len(self._unsubs)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Also on CancelledError: a cancelled task leaves nothing attached.
        self()


@callback
def listening(hass: HomeAssistant, subscriptions: Iterable[Subscription]) -> Listening:
    """Attach several listeners; return one callable that releases them all.

    Each subscription is ``(event_type, listener)`` for ``hass.bus``, or a
    callable that attaches a listener and returns its unsubscribe callable. If
    one raises, the listeners already attached are released before the error
    propagates. Use the result as ``with listening(...):`` to release on exit,
    including on cancellation.
    """
    unsubs: list[CALLBACK_TYPE] = []
    try:
        for subscription in subscriptions:
            if isinstance(subscription, tuple):
                event_type, listener = subscription
                unsubs.append(hass.bus.async_listen(event_type, listener))
            else:
                unsubs.append(subscription())
    except BaseException:
        Listening(unsubs)()
        raise
    return Listening(unsubs)


# -- the pending buffer ------------------------------------------------------------


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


# -- streams ------------------------------------------------------------------------


class Stream:
    """One subscription of one websocket connection, flushed in batches."""

    def __init__(
        self,
        hass: HomeAssistant,
        connection: ActiveConnection,
        msg_id: int,
        *,
        max_items: int = MAX_PENDING,
        line_window: int = LINE_WINDOW,
    ) -> None:
        self.hass = hass
        self.connection = connection
        self.msg_id = msg_id
        self.pending = PendingBuffer(max_items, line_window)
        self.closed = False
        # Called once when the stream ends, whatever the reason.
        self.on_close: Callable[[], None] | None = None
        self._release: Listening | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = 0.0
        self._last_flush = -FLUSH_INTERVAL

    # -- pushing ----------------------------------------------------------------

    @callback
    def push(self, message: Message, key: Hashable | None = None) -> None:
        """Queue a droppable message."""
        if not self.closed and self.pending.push(message, key):
            self._schedule(urgent=False)

    @callback
    def push_priority(self, message: Message, key: Hashable | None = None) -> None:
        """Queue a message that must arrive (lifecycle events)."""
        if not self.closed:
            self.pending.push_priority(message, key)
            self._schedule(urgent=True)

    @callback
    def push_or_terminate(self, message: Message, key: Hashable | None = None) -> None:
        """Queue a state message; on overflow end the stream with resync_required."""
        if self.closed:
            return
        try:
            self.pending.push_or_terminate(message, key)
        except StreamOverflow:
            _LOGGER.debug("Stream %s overflowed; client must resync", self.msg_id)
            self.pending.clear()
            self.finish([{"type": RESYNC_REQUIRED}])
            return
        self._schedule(urgent=False)

    @callback
    def push_lines(self, lines: list[str]) -> None:
        """Queue output lines (called by the engine once per pipe read)."""
        if not self.closed:
            self.pending.push_lines(lines)
            self._schedule(urgent=self.pending.line_count >= BATCH_LINES)

    # -- flushing -----------------------------------------------------------------

    @callback
    def _schedule(self, urgent: bool) -> None:
        """Arrange a flush: never twice within FLUSH_INTERVAL.

        A fresh item waits up to FLUSH_INTERVAL so that more can join it; a full
        batch or a lifecycle event goes as soon as the rate limit allows.
        """
        loop = self.hass.loop
        now = loop.time()
        earliest = self._last_flush + FLUSH_INTERVAL
        when = max(earliest, now) if urgent else max(earliest, now + FLUSH_INTERVAL)
        if self._timer is not None:
            if self._timer_at <= when:
                return
            self._timer.cancel()
        self._timer_at = when
        self._timer = loop.call_at(when, self._flush)

    def _client_backlog(self) -> int:
        """Return how many messages wait in the connection's send queue.

        HA keeps that queue on the handler behind ``send_message``; it has no
        public accessor, so anything unexpected reads as no backlog.
        """
        handler = getattr(self.connection.send_message, "__self__", None)
        queue = getattr(handler, "_message_queue", None)
        try:
            return len(queue) if queue is not None else 0
        except TypeError:
            return 0

    @callback
    def _flush(self) -> None:
        self._timer = None
        if self.closed:
            return
        if self._client_backlog() > SLOW_CLIENT_BACKLOG:
            # A slow reader: hold back, try again after the interval.
            self._last_flush = self.hass.loop.time()
            self._schedule(urgent=True)
            return
        self._last_flush = self.hass.loop.time()
        send = self.connection.send_event
        for message in self.pending.drain():
            send(self.msg_id, message)

    # -- ending --------------------------------------------------------------------

    @callback
    def attach(self, subscriptions: Iterable[Subscription]) -> None:
        """Attach the stream's listeners and register it with the connection.

        Call this in the same callback that took the snapshot: with no await in
        between, every change is either in the snapshot or in the stream.
        """
        stop: Subscription = (str(EVENT_HOMEASSISTANT_STOP), self._async_on_stop)
        self._release = listening(self.hass, [*subscriptions, stop])
        self.connection.subscriptions[self.msg_id] = self.close

    @callback
    def _async_on_stop(self, _: Event) -> None:
        self.close()

    @callback
    def finish(self, final: Iterable[Message] = ()) -> None:
        """End the stream from the server side: flush, send ``final``, release."""
        if self.closed:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for message in [*self.pending.drain(), *final]:
            self.connection.send_event(self.msg_id, message)
        # Remove only our own entry: the id may not have been registered yet.
        if self.connection.subscriptions.get(self.msg_id) == self.close:
            del self.connection.subscriptions[self.msg_id]
        self.close()

    @callback
    def close(self) -> None:
        """Release everything; called on unsubscribe, disconnect and HA stop."""
        if self.closed:
            return
        self.closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.pending.clear()
        if self._release is not None:
            self._release()
            self._release = None
        if self.on_close is not None:
            on_close, self.on_close = self.on_close, None
            on_close()


@callback
def stream_events(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg_id: int,
    snapshot: Callable[[], Message],
    subscribe: Callable[[Stream], Iterable[Subscription]],
    *,
    max_items: int = MAX_PENDING,
    line_window: int = LINE_WINDOW,
) -> Stream:
    """Start a stream: snapshot, attach, acknowledge, send the snapshot.

    ``snapshot()`` must return plain data (frozen now, not a live view), and
    ``subscribe(stream)`` the listeners that feed the stream. Both run here
    without an await between them (lesson 3), and the snapshot is sent before
    any live message, which only leaves on a later flush.
    """
    stream = Stream(
        hass, connection, msg_id, max_items=max_items, line_window=line_window
    )
    initial = snapshot()
    stream.attach(subscribe(stream))
    connection.send_result(msg_id)
    connection.send_event(msg_id, initial)
    return stream
