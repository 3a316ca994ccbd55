"""Who follows each job's output, and the timer that ends an unfollowed log stream.

A log stream has no natural end: it runs until cancelled. One that nobody
watches any more would hold a device connection and a lane for ever, so it
ends after a while without a follower.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback

from .intake import OutputListener


class FollowTracker:
    """Output listeners per job, and per watched job its unfollowed timer."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Initialize with nobody following anything."""
        self._hass = hass
        self._listeners: dict[str, list[OutputListener]] = {}
        # Per watched job: how long it may go unfollowed, and what ends it.
        self._on_unfollowed: dict[str, tuple[float, Callable[[], None]]] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}

    @property
    def count(self) -> int:
        """Return how many output listeners are attached."""
        return sum(len(listeners) for listeners in self._listeners.values())

    def listeners(self, job_id: str) -> list[OutputListener] | None:
        """Return the job's output listeners, None when nobody follows it."""
        return self._listeners.get(job_id)

    @callback
    def add(self, job_id: str, listener: OutputListener) -> CALLBACK_TYPE:
        """Attach ``listener`` to the job's output; return how to detach it."""
        listeners = self._listeners.setdefault(job_id, [])
        listeners.append(listener)
        if (timer := self._timers.pop(job_id, None)) is not None:
            timer.cancel()

        @callback
        def remove() -> None:
            current = self._listeners.get(job_id)
            if current is not None and listener in current:
                current.remove(listener)
                if not current:
                    del self._listeners[job_id]
                    self._arm(job_id)

        return remove

    @callback
    def watch(
        self, job_id: str, timeout: float, on_unfollowed: Callable[[], None]
    ) -> None:
        """Call ``on_unfollowed`` once the job has had no follower for ``timeout`` s."""
        self._on_unfollowed[job_id] = (timeout, on_unfollowed)
        self._arm(job_id)

    @callback
    def forget(self, job_id: str) -> None:
        """Drop everything about a finished job."""
        if (timer := self._timers.pop(job_id, None)) is not None:
            timer.cancel()
        self._on_unfollowed.pop(job_id, None)
        self._listeners.pop(job_id, None)

    @callback
    def _arm(self, job_id: str) -> None:
        watched = self._on_unfollowed.get(job_id)
        if watched is None or job_id in self._listeners or job_id in self._timers:
            return
        timeout, on_unfollowed = watched

        @callback
        def _expired() -> None:
            self._timers.pop(job_id, None)
            if job_id not in self._listeners and job_id in self._on_unfollowed:
                on_unfollowed()

        self._timers[job_id] = self._hass.loop.call_later(timeout, _expired)
