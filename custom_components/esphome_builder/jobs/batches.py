"""Batches: the jobs of one bulk request, run within the engine's own slots.

A batch hands the job engine only as many jobs at a time as its lanes can run
(``window``), so a fleet of 100 never floods the queue, the clients or the
event bus; the rest wait in the batch, where a stop ends them cleanly. The
adapters decide what a batch runs (targets, skips); the engine runs it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_now

from ..const import BATCH_HISTORY_LIMIT, DOMAIN, MAX_BATCH_ITEMS, MAX_RUNNING_BATCHES
from ..errors import (
    BatchTooLargeError,
    NotLoadedError,
    TooManyBatchesError,
    TranslatableError,
    UnknownBatchError,
    UnknownJobError,
)
from ..listeners import Listeners
from .batch import (
    BATCH_COMPLETED,
    BATCH_PROGRESS,
    BATCH_STARTED,
    SKIPPED,
    Batch,
    BatchItem,
    BatchRequest,
    BatchStatus,
    clip,
)
from .batch_store import BatchStore
from .job import JOB_STARTED, JOB_WAITING, Job, JobAction, JobOptions, JobStatus
from .manager import JobManager
from .plan import CANCELLED_BY_USER, STOPPED_BY_HA, UNLOADED

BatchListener = Callable[[str, Batch], None]

BATCH_STOPPED_BY_HA = "Home Assistant stopped while the batch was running"
BATCH_UNLOADED = "ESPHome Builder was unloaded while the batch was running"
_BATCH_REASON = {STOPPED_BY_HA: BATCH_STOPPED_BY_HA, UNLOADED: BATCH_UNLOADED}


def _now() -> str:
    return dt_util.utcnow().isoformat()


def _once(release: Callable[[], None]) -> Callable[[], None]:
    done = False

    def _release() -> None:
        nonlocal done
        if not done:
            done = True
            release()

    return _release


class BatchManager:
    """Runs batches of jobs and keeps the last ones across restarts."""

    def __init__(
        self, hass: HomeAssistant, jobs: JobManager, window: Callable[[], int]
    ) -> None:
        """Initialize; ``window`` says how many jobs a batch may hand over at once."""
        self.hass = hass
        self._jobs = jobs
        self._window = window
        self._batches: dict[str, Batch] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        # The batch item each handed-over job belongs to, while it runs.
        self._items: dict[str, tuple[Batch, BatchItem]] = {}
        # Frees an item's place in its batch's window (by the item's id).
        self._release: dict[int, Callable[[], None]] = {}
        self._listeners: Listeners[str, Batch] = Listeners()
        self._closing = False
        self.store = BatchStore(hass)
        self.store.track(self._batches)

    # -- setup and teardown ---------------------------------------------------

    async def async_setup(self) -> None:
        """Load the saved batches; settle those a stop or crash interrupted."""
        settled = False
        for batch in await self.store.async_load():
            if batch.status is BatchStatus.RUNNING:
                self._settle_interrupted(batch)
                settled = True
            self._batches[batch.batch_id] = batch
        if settled:
            self.store.changed()

    @callback
    def _settle_interrupted(self, batch: Batch) -> None:
        """End a batch the last run could not: its jobs say how each ended."""
        now = _now()
        for item in batch.items:
            job = self._job_or_none(item.job_id)
            if job is not None and job.status.is_terminal:
                item.end(job.status, job.error, job.finished_at or now)
            else:
                item.end(JobStatus.CANCELLED, BATCH_STOPPED_BY_HA, now)
        batch.status = BatchStatus.CANCELLED
        batch.reason = batch.reason or BATCH_STOPPED_BY_HA
        batch.finished_at = batch.finished_at or now

    def _job_or_none(self, job_id: str | None) -> Job | None:
        if job_id is None:
            return None
        try:
            return self._jobs.get(job_id)
        except UnknownJobError:
            return None

    @callback
    def async_listen_engine(self) -> CALLBACK_TYPE:
        """Follow the jobs batches hand over; return how to stop."""
        return self._jobs.async_listen_jobs(self._job_event)

    async def async_shutdown(self, reason: str = UNLOADED) -> None:
        """Stop every batch, then the jobs, and save what happened."""
        self._closing = True
        batch_reason = _BATCH_REASON.get(reason, reason)
        for batch_id in self._tasks:
            batch = self._batches[batch_id]
            batch.stopping = batch.stopping or batch_reason
        await self._jobs.async_shutdown(reason)
        if tasks := list(self._tasks.values()):
            await asyncio.wait(tasks)
        await self.store.async_flush()

    # -- queries ----------------------------------------------------------------

    def get(self, batch_id: str) -> Batch:
        """Return a batch, or raise UnknownBatchError."""
        try:
            return self._batches[batch_id]
        except KeyError:
            raise UnknownBatchError(batch_id) from None

    def batches(self) -> list[Batch]:
        """Return the known batches, newest first."""
        return list(reversed(self._batches.values()))

    def last(self) -> Batch | None:
        """Return the newest batch, if any."""
        return next(reversed(self._batches.values()), None)

    @property
    def listener_count(self) -> int:
        """Return how many listeners are attached (for leak checks)."""
        return len(self._listeners)

    @callback
    def async_listen(self, listener: BatchListener) -> CALLBACK_TYPE:
        """Call ``listener(event_type, batch)`` when a batch starts, moves or ends."""
        return self._listeners.add(listener)

    # -- starting and stopping --------------------------------------------------

    @callback
    def async_start(self, request: BatchRequest) -> Batch:
        """Start a batch and return it; raise what the user must read."""
        if self._closing:
            raise NotLoadedError
        if len(self._tasks) >= MAX_RUNNING_BATCHES:
            raise TooManyBatchesError(MAX_RUNNING_BATCHES)
        size = len(request.targets) + len(request.skipped)
        if size > MAX_BATCH_ITEMS:
            raise BatchTooLargeError(size, MAX_BATCH_ITEMS)
        items = [BatchItem(name, device=device) for name, device in request.targets]
        items += [
            BatchItem(name, status=SKIPPED, skipped_reason=reason)
            for name, reason in request.skipped
        ]
        batch = Batch(
            batch_id=ulid_now().lower(),
            action=request.action,
            created_at=_now(),
            items=items,
            canary=max(0, min(request.canary, len(request.targets))),
            max_failures=request.max_failures,
            validate_first=request.validate_first,
            include_offline=request.include_offline,
            retry_of=request.retry_of,
        )
        self._batches[batch.batch_id] = batch
        self._prune()
        task = self.hass.async_create_background_task(
            self._async_run(batch),
            f"{DOMAIN} batch {batch.batch_id} ({batch.action}, {len(items)})",
            eager_start=False,
        )
        # A task cancelled before its first step never runs its body.
        task.add_done_callback(lambda _: self._finish(batch))
        self._tasks[batch.batch_id] = task
        self.store.changed()
        self._listeners.fire(BATCH_STARTED, batch)
        return batch

    async def async_cancel(
        self, batch_id: str, reason: str = CANCELLED_BY_USER
    ) -> Batch:
        """Cancel a batch and wait until none of its jobs runs; return it."""
        batch = self.get(batch_id)
        if (task := self._tasks.get(batch_id)) is not None:
            self._stop(batch, reason, running_too=True)
            await asyncio.wait([task])
        return batch

    async def async_wait(self, batch_id: str) -> Batch:
        """Wait for a batch to end and return it."""
        batch = self.get(batch_id)
        if (task := self._tasks.get(batch_id)) is not None:
            await asyncio.wait([task])
        return batch

    # -- running ----------------------------------------------------------------

    async def _async_run(self, batch: Batch) -> None:
        try:
            if batch.validate_first and batch.action is not JobAction.VALIDATE:
                await self._async_for_each(
                    batch, self._async_validate_item, self._pending(batch.items)
                )
            todo = self._pending(batch.items)
            canary, rest = todo[: batch.canary], todo[batch.canary :]
            if canary:
                await self._async_for_each(batch, self._async_run_item, canary)
                if failed := [
                    i.configuration for i in canary if i.status != "completed"
                ]:
                    self._stop(
                        batch, f"The canary did not complete: {', '.join(failed)}"
                    )
            await self._async_for_each(batch, self._async_run_item, rest)
        finally:
            self._finish(batch)

    @staticmethod
    def _pending(items: Iterable[BatchItem]) -> list[BatchItem]:
        return [item for item in items if not item.is_done]

    async def _async_for_each(
        self,
        batch: Batch,
        run: Callable[[Batch, BatchItem], Awaitable[None]],
        items: list[BatchItem],
    ) -> None:
        """Run ``run`` for each item, with at most ``window`` of them at once."""
        limit = asyncio.Semaphore(max(1, self._window()))

        async def _one(item: BatchItem) -> None:
            await limit.acquire()
            # A job that waits for its device gives its place to the next one:
            # one sleeping node must not hold up the rest.
            self._release[id(item)] = release = _once(limit.release)
            try:
                if batch.stopping is not None:
                    self._end_item(batch, item, JobStatus.CANCELLED, batch.stopping)
                    return
                await run(batch, item)
            finally:
                self._release.pop(id(item), None)
                release()

        await asyncio.gather(*(_one(item) for item in items))

    async def _async_validate_item(self, batch: Batch, item: BatchItem) -> None:
        """Validate first; a configuration that fails is skipped, saying why."""
        try:
            job = await self._jobs.async_start_job(
                JobAction.VALIDATE,
                item.configuration,
                options=JobOptions(batch_id=batch.batch_id),
            )
        except TranslatableError as err:
            error: str | None = str(err)
        else:
            job = await self._jobs.async_wait(job.job_id)
            error = None if job.status is JobStatus.COMPLETED else job.error
            error = error or (None if job.status is JobStatus.COMPLETED else "failed")
        if error is not None and batch.stopping is None:
            item.status = SKIPPED
            item.skipped_reason = clip(f"Failed validation: {error}")
            self._changed(batch)

    async def _async_run_item(self, batch: Batch, item: BatchItem) -> None:
        try:
            job = await self._jobs.async_start_job(
                batch.action,
                item.configuration,
                item.device,
                options=JobOptions(batch_id=batch.batch_id),
            )
        except TranslatableError as err:
            if batch.stopping is not None:
                self._end_item(batch, item, JobStatus.CANCELLED, batch.stopping)
            else:
                self._end_item(batch, item, JobStatus.FAILED, str(err))
            return
        item.job_id = job.job_id
        self._items[job.job_id] = (batch, item)
        self._changed(batch)
        if batch.stopping is not None:
            # Stopped while this job was being handed over.
            self._jobs.async_request_cancel(job.job_id, batch.stopping)
        job = await self._jobs.async_wait(job.job_id)
        self._items.pop(job.job_id, None)
        self._end_item(batch, item, job.status, job.error, job.finished_at)

    @callback
    def _job_event(self, event_type: str, job: Job) -> None:
        if (found := self._items.get(job.job_id)) is None:
            return
        batch, item = found
        if job.status.is_terminal:
            del self._items[job.job_id]
            self._end_item(batch, item, job.status, job.error, job.finished_at)
        elif event_type in (JOB_STARTED, JOB_WAITING) and not item.is_done:
            item.status = str(job.status)
            item.started_at = job.started_at
            if event_type == JOB_WAITING and (free := self._release.get(id(item))):
                free()
            self._changed(batch)

    @callback
    def _end_item(
        self,
        batch: Batch,
        item: BatchItem,
        status: JobStatus,
        error: str | None,
        finished_at: str | None = None,
    ) -> None:
        if item.is_done:
            return
        item.end(status, error, finished_at or _now())
        self._changed(batch)
        failed = batch.counts()["failed"]
        if batch.max_failures is not None and failed >= batch.max_failures:
            self._stop(batch, f"Stopped after {failed} failed job(s)")

    @callback
    def _stop(self, batch: Batch, reason: str, *, running_too: bool = False) -> None:
        """Start no more jobs; end the queued ones (and the running, if asked)."""
        if batch.stopping is None or running_too:
            batch.stopping = reason
        # Its validate-first jobs too, which belong to no item.
        for job in self._jobs.active_jobs():
            if job.batch_id != batch.batch_id:
                continue
            if running_too or job.status is JobStatus.QUEUED:
                self._jobs.async_request_cancel(job.job_id, batch.stopping)

    @callback
    def _changed(self, batch: Batch) -> None:
        self.store.changed()
        self._listeners.fire(BATCH_PROGRESS, batch)

    @callback
    def _finish(self, batch: Batch) -> None:
        if self._tasks.pop(batch.batch_id, None) is None:
            return
        now = _now()
        pending = self._pending(batch.items)
        if pending and batch.stopping is None:
            # Cancelled from outside (Home Assistant ending its tasks).
            batch.stopping = BATCH_STOPPED_BY_HA
        for item in pending:
            item.end(JobStatus.CANCELLED, batch.stopping, now)
            if item.job_id is not None:
                self._items.pop(item.job_id, None)
        batch.status = (
            BatchStatus.CANCELLED if batch.stopping else BatchStatus.COMPLETED
        )
        batch.reason = batch.stopping
        batch.finished_at = now
        self.store.changed()
        self._listeners.fire(BATCH_COMPLETED, batch)

    @callback
    def _prune(self) -> None:
        """Forget finished batches beyond the limit, oldest first."""
        finished = [
            b for b in self._batches.values() if b.status is not BatchStatus.RUNNING
        ]
        for batch in finished[: max(0, len(self._batches) - BATCH_HISTORY_LIMIT)]:
            del self._batches[batch.batch_id]
