"""Bounded, batched streams from the engine to websocket clients.

Home Assistant gives each websocket connection one send queue and drops the
whole connection (the user's frontend with it) when that queue passes 4096
messages, or 1024 for 10 s. A build log must therefore never be sent one
message per line. Every stream here collects what it has to send in a bounded
``PendingBuffer`` (``pending.py`` says what each kind of message may cost)
and flushes it at most every ``FLUSH_INTERVAL``. A state stream that overflows ends with ``resync_required``, so its client starts over
from a fresh snapshot instead of drifting silently.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Iterable
import logging

from homeassistant.components.websocket_api import ActiveConnection
from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback

from .listeners import Listening, Subscription, listening
from .pending import LINE_WINDOW, MAX_PENDING, Message, PendingBuffer, StreamOverflow

_LOGGER = logging.getLogger(__name__)

# At most one flush (one batch of messages) per stream in this many seconds.
FLUSH_INTERVAL = 0.1
# A batch this big is flushed without waiting for the coalescing delay, as
# soon as the rate limit allows.
BATCH_LINES = 500

# When the connection's own send queue holds more than this, a flush waits:
# HA drops a client whose queue passes 1024 messages for 10 s, and the client
# would lose its whole frontend, not only this stream. Lines keep collecting
# in the bounded window meanwhile (counted as skipped when they fall out).
SLOW_CLIENT_BACKLOG = 256

RESYNC_REQUIRED = "resync_required"


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
) -> Stream:
    """Start a stream: snapshot, attach, acknowledge, send the snapshot.

    ``snapshot()`` must return plain data (frozen now, not a live view), and
    ``subscribe(stream)`` the listeners that feed the stream. Both run here
    without an await between them, so every change is in one or the other, and the snapshot is sent before
    any live message, which only leaves on a later flush.
    """
    stream = Stream(hass, connection, msg_id)
    initial = snapshot()
    stream.attach(subscribe(stream))
    connection.send_result(msg_id)
    connection.send_event(msg_id, initial)
    return stream
