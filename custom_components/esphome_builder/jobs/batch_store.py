"""Batches, persisted across restarts like the job history, and bounded."""

from __future__ import annotations

import logging
from typing import Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from ..const import BATCH_HISTORY_LIMIT, STORAGE_KEY_BATCHES, STORAGE_VERSION
from .batch import Batch

_LOGGER = logging.getLogger(__name__)

BATCH_SAVE_DELAY = 2.0


class BatchData(TypedDict):
    """What the batch store holds: batches, oldest first."""

    batches: list[dict[str, Any]]


class BatchStore:
    """The last batches, running ones included, so a restart can settle them."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Initialize the store."""
        self._store: Store[BatchData] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY_BATCHES, private=True
        )
        self._batches: dict[str, Batch] = {}

    async def async_load(self) -> list[Batch]:
        """Load the saved batches, oldest first; skip any of an unknown shape."""
        data = await self._store.async_load()
        stored = data.get("batches", []) if isinstance(data, dict) else []
        batches: list[Batch] = []
        for item in stored[-BATCH_HISTORY_LIMIT:] if isinstance(stored, list) else []:
            try:
                batches.append(Batch.from_stored_dict(item))
            except (KeyError, ValueError, TypeError) as err:
                _LOGGER.warning("Skipped a stored batch of an unknown shape: %s", err)
        return batches

    def track(self, batches: dict[str, Batch]) -> None:
        """Save ``batches`` (the engine's own dict) from now on."""
        self._batches = batches

    def changed(self) -> None:
        """Schedule a save: many changes within the delay cost one write."""
        self._store.async_delay_save(self._data, BATCH_SAVE_DELAY)

    def _data(self) -> BatchData:
        return {"batches": [batch.as_dict() for batch in self._batches.values()]}

    async def async_flush(self) -> None:
        """Write now; cancels a pending delayed save."""
        await self._store.async_save(self._data())
