"""A registry of callbacks in the ``async_track_*`` style of Home Assistant."""

from __future__ import annotations

from collections.abc import Callable
import logging

from homeassistant.core import CALLBACK_TYPE, callback

_LOGGER = logging.getLogger(__name__)


class Listeners[*Args]:
    """Callbacks that each return an unsubscribe callable when added.

    One failing listener is logged and does not keep the others from running.
    """

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        """Initialize an empty registry."""
        self._listeners: list[Callable[[*Args], None]] = []

    def __len__(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._listeners)

    @callback
    def add(self, listener: Callable[[*Args], None]) -> CALLBACK_TYPE:
        """Attach ``listener``; return the callable that detaches it."""
        self._listeners.append(listener)

        @callback
        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    @callback
    def fire(self, *args: *Args) -> None:
        """Call every listener; a copy, so one may detach itself meanwhile."""
        for listener in tuple(self._listeners):
            try:
                listener(*args)
            except Exception:
                _LOGGER.exception("Error in listener %s", listener)
