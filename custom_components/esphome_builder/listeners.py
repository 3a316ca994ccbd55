"""Registries of callbacks in the ``async_track_*`` style of Home Assistant.

``listening`` attaches several listeners at once and releases them together:
if one subscribe raises, those already attached are released before the error
propagates, and a cancelled task leaves nothing attached.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
import logging
from types import TracebackType
from typing import Any, Self

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback

_LOGGER = logging.getLogger(__name__)

# A bus event type with its listener, or a callable that attaches a listener
# and returns its unsubscribe callable (engine registries, dispatcher signals).
type Subscription = tuple[str, Callable[[Event], Any]] | Callable[[], CALLBACK_TYPE]


class Listeners[*Args]:
    """Callbacks that each return an unsubscribe callable when added.

    One failing listener is logged and does not keep the others from running.
    Removal is a dict delete: an entity or stream going away costs the same
    with 3 or 3000 others attached.
    """

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        """Initialize an empty registry."""
        self._listeners: dict[object, Callable[[*Args], None]] = {}

    def __len__(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._listeners)

    @callback
    def add(self, listener: Callable[[*Args], None]) -> CALLBACK_TYPE:
        """Attach ``listener``; return the callable that detaches it."""
        token = object()
        self._listeners[token] = listener

        @callback
        def remove() -> None:
            self._listeners.pop(token, None)

        return remove

    @callback
    def fire(self, *args: *Args) -> None:
        """Call every listener; a copy, so one may detach itself meanwhile."""
        for listener in tuple(self._listeners.values()):
            try:
                listener(*args)
            except Exception:
                _LOGGER.exception("Error in listener %s", listener)


class KeyedListeners[*Args]:
    """Listeners grouped by a key, so an event reaches only those of its key."""

    __slots__ = ("_groups",)

    def __init__(self) -> None:
        """Initialize with no groups."""
        self._groups: dict[Hashable, Listeners[*Args]] = {}

    def __len__(self) -> int:
        """Return how many listeners are attached over all keys."""
        return sum(len(group) for group in self._groups.values())

    @callback
    def add(self, key: Hashable, listener: Callable[[*Args], None]) -> CALLBACK_TYPE:
        """Attach ``listener`` to ``key``; return the callable that detaches it."""
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = Listeners()
        remove = group.add(listener)

        @callback
        def remove_keyed() -> None:
            remove()
            # An empty group is dropped, so finished jobs leave no keys behind.
            if not group and self._groups.get(key) is group:
                del self._groups[key]

        return remove_keyed

    def count(self, key: Hashable) -> int:
        """Return how many listeners ``key`` has."""
        group = self._groups.get(key)
        return len(group) if group is not None else 0

    @callback
    def fire(self, key: Hashable, *args: *Args) -> None:
        """Call the listeners of ``key``, if any."""
        if (group := self._groups.get(key)) is not None:
            group.fire(*args)


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
