/**
 * What the batch view shows, worked out without the DOM: each item joined
 * with its live job, the counts, the summary line, and when Retry failed
 * applies. Also the throttle that spaces the view's `batches/get` refetches.
 */

import type { Job } from "./api.js";
import type { Batch, BatchCounts, BatchItem, ItemStatus } from "./batch-api.js";

/** One row of the batch view. */
export interface BatchRow {
  configuration: string;
  status: ItemStatus;
  /** Percent, while the job runs. */
  progress: number;
  error: string | null;
  /** Why it did not run (skipped). */
  reason: string | null;
  jobId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The live job, when the events stream knows it. */
  job?: Job;
}

const DONE: ReadonlySet<string> = new Set(["completed", "failed", "cancelled", "skipped"]);

export function isDone(status: string): boolean {
  return DONE.has(status);
}

/**
 * Join the items with the live jobs (newest first): by the item's job id, or,
 * for an item whose job id the fetched batch did not have yet, by the job's
 * batch id, action and configuration. A settled item wins over its job; a job
 * is fresher than an item still queued or running.
 */
export function batchRows(batch: Pick<Batch, "batch_id" | "action">, items: readonly BatchItem[], jobs: readonly Job[]): BatchRow[] {
  const byId = new Map<string, Job>();
  const byConfiguration = new Map<string, Job>();
  for (const job of jobs) {
    byId.set(job.job_id, job);
    if (job.batch_id === batch.batch_id && job.action === batch.action && !byConfiguration.has(job.configuration)) {
      byConfiguration.set(job.configuration, job);
    }
  }
  return items.map((item) => {
    const job = item.job_id ? byId.get(item.job_id) : byConfiguration.get(item.configuration);
    const row: BatchRow = {
      configuration: item.configuration,
      status: item.status,
      progress: 0,
      error: item.error,
      reason: item.skipped_reason,
      jobId: item.job_id ?? job?.job_id ?? null,
      startedAt: item.started_at ?? job?.started_at ?? null,
      finishedAt: item.finished_at ?? null,
      job,
    };
    if (job && !isDone(item.status)) {
      row.status = job.status;
      row.progress = job.status === "running" ? job.progress || 0 : 0;
      row.error = job.error;
      row.startedAt = job.started_at ?? row.startedAt;
      row.finishedAt = job.finished_at;
    }
    return row;
  });
}

/** Counts from the rows (fresher than the batch's own while it runs). */
export function rowCounts(rows: readonly BatchRow[]): Required<BatchCounts> {
  const counts = { completed: 0, failed: 0, cancelled: 0, skipped: 0, queued: 0, running: 0 };
  for (const row of rows) if (row.status in counts) counts[row.status as keyof typeof counts]++;
  return counts;
}

const COUNT_ORDER: (keyof BatchCounts)[] = ["completed", "failed", "cancelled", "skipped", "running", "queued"];

/** "2 completed · 1 failed · 3 skipped", leaving out the zeros. */
export function countsText(counts: BatchCounts): string {
  const parts = COUNT_ORDER.filter((key) => (counts[key] ?? 0) > 0).map((key) => `${counts[key]} ${key}`);
  return parts.length ? parts.join(" · ") : "nothing selected";
}

export const BATCH_STATUS_LABELS: Record<string, string> = {
  running: "Running",
  completed: "Finished",
  cancelled: "Stopped early",
};

/** Retry failed: once the batch is over, when something failed or was cancelled. */
export function canRetry(batch: Pick<Batch, "status">, counts: BatchCounts): boolean {
  return batch.status !== "running" && counts.failed + counts.cancelled > 0;
}

/**
 * Pick what the view shows: the events stream's copy when it is final and has
 * the items (batch_completed carries them), else the last `batches/get`
 * answer, else whatever the stream has. Summary fields come from the stream.
 */
export function shownBatch(live: Batch | undefined, fetched: Batch | undefined): Batch | undefined {
  if (live?.items && live.status !== "running") return live;
  if (fetched && live) return { ...fetched, ...live, items: fetched.items };
  return fetched ?? live;
}

/**
 * Runs `fn` at once when idle, else once at the end of the interval: any
 * number of requests within `ms` cost one call now and at most one later.
 */
export class Throttle {
  private _last = -Infinity;
  private _timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly _fn: () => void,
    private readonly _ms: number,
    private readonly _now: () => number = Date.now,
  ) {}

  request(): void {
    if (this._timer !== null) return;
    const wait = this._last + this._ms - this._now();
    if (wait <= 0) this._run();
    else this._timer = setTimeout(() => this._run(), wait);
  }

  stop(): void {
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
  }

  private _run(): void {
    this._timer = null;
    this._last = this._now();
    this._fn();
  }
}
