/**
 * Devices, jobs and batches as the one `esphome_builder/subscribe_events`
 * stream tells them: `initial_state` {devices, jobs, batches}, then
 * `device_*`, `job_*` and `batch_*` events. `build_archived` and
 * `build_removed` carry no build: they bump the configuration's builds
 * revision, and the builds view fetches its list again.
 *
 * The devices view, the jobs view and the job view's header all read from
 * this one stream. A second subscription for jobs alone (`jobs/subscribe`)
 * would carry every job event over the socket twice; during a burst of jobs
 * that doubles what HA's per-connection send queue must hold.
 */

import { type Connection, type Device, type EventsMessage, type Job, LiveSubscription, isTerminal } from "./api.js";
import type { Batch } from "./batch-api.js";

// The server keeps a bounded history too; this only stops a panel left open
// for weeks from growing without end.
export const JOBS_KEPT = 200;
export const BATCHES_KEPT = 50;

export interface LiveData {
  devices: Device[];
  /** Newest first, like `jobs/list`. */
  jobs: Job[];
  /**
   * Newest first. Items only as the last message carried them: batch_started
   * and batch_completed do, batch_progress does not (the old ones are kept).
   */
  batches: Batch[];
  /** An `initial_state` has arrived (until then the views say "Loading…"). */
  loaded: boolean;
  /** Per configuration: how many build_archived / build_removed arrived. */
  builds: Readonly<Record<string, number>>;
  /** How many initial_state arrived: what changed before one is not known. */
  generation: number;
}

export const EMPTY: LiveData = Object.freeze({
  devices: [],
  jobs: [],
  batches: [],
  loaded: false,
  builds: Object.freeze({}),
  generation: 0,
});

/**
 * Changes whenever the archived builds of `configuration` may have changed:
 * a build event of that configuration, or a (re)subscription, after which
 * events may have been missed.
 */
export function buildsRevision(data: LiveData, configuration: string): string {
  return `${data.generation}:${data.builds[configuration] ?? 0}`;
}

export function sortJobs(jobs: Job[]): Job[] {
  return jobs.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

function upsertJob(jobs: Job[], job: Job): Job[] {
  const index = jobs.findIndex((j) => j.job_id === job.job_id);
  const next = [...jobs];
  if (index >= 0) next[index] = job;
  else next.unshift(job);
  return sortJobs(next).slice(0, JOBS_KEPT);
}

function upsertBatch(batches: Batch[], batch: Batch): Batch[] {
  const index = batches.findIndex((b) => b.batch_id === batch.batch_id);
  if (index < 0) return [batch, ...batches].slice(0, BATCHES_KEPT);
  const next = [...batches];
  next[index] = { ...batches[index], ...batch };
  return next;
}

/**
 * The data after one message. Returns the same object when nothing changed,
 * so the caller can skip a render. `resync_required` changes nothing here:
 * the old data stays on screen until the next `initial_state` replaces it.
 */
export function applyEvent(data: LiveData, msg: EventsMessage): LiveData {
  switch (msg.type) {
    case "initial_state":
      return {
        devices: [...msg.devices],
        jobs: sortJobs([...msg.jobs]),
        batches: (msg.batches ?? []).slice(0, BATCHES_KEPT),
        loaded: true,
        builds: data.builds,
        generation: data.generation + 1,
      };
    case "device_added":
    case "device_updated": {
      const others = data.devices.filter((d) => d.configuration !== msg.device.configuration);
      return { ...data, devices: [...others, msg.device] };
    }
    case "device_removed":
      return { ...data, devices: data.devices.filter((d) => d.configuration !== msg.device.configuration) };
    case "resync_required":
      return data;
    case "build_archived":
    case "build_removed": {
      const { configuration } = msg;
      return { ...data, builds: { ...data.builds, [configuration]: (data.builds[configuration] ?? 0) + 1 } };
    }
    case "batch_started":
    case "batch_progress":
    case "batch_completed":
      return msg.batch ? { ...data, batches: upsertBatch(data.batches, msg.batch) } : data;
    default:
      // A newer server may add event types; only those that carry a job count.
      if (!msg.type.startsWith("job_") || !("job" in msg) || !msg.job) return data;
      return { ...data, jobs: upsertJob(data.jobs, msg.job) };
  }
}

/** The newest job of each configuration (jobs newest first). */
export function latestByConfiguration(jobs: readonly Job[]): Map<string, Job> {
  const latest = new Map<string, Job>();
  for (const job of jobs) if (!latest.has(job.configuration)) latest.set(job.configuration, job);
  return latest;
}

export function activeCount(jobs: readonly Job[]): number {
  return jobs.reduce((n, job) => (isTerminal(job) ? n : n + 1), 0);
}

/**
 * The subscription itself, plus whether the connection is up (for the
 * "reconnecting" banner). One per connection: a new `hass.connection` means a
 * new feed.
 */
export class EventsFeed {
  data: LiveData;
  connected: boolean;
  /** How many times the server asked for a resync (seen by tests and devtools). */
  resyncs = 0;

  private readonly _sub: LiveSubscription<EventsMessage>;
  private _stopped = false;

  constructor(
    readonly conn: Connection,
    private readonly _onChange: (feed: EventsFeed) => void,
    // What the previous feed showed: kept on screen until initial_state.
    initial: LiveData = EMPTY,
  ) {
    this.data = initial;
    this.connected = conn.connected;
    conn.addEventListener("disconnected", this._onDisconnected);
    conn.addEventListener("ready", this._onReady);
    this._sub = new LiveSubscription<EventsMessage>(conn, { type: "esphome_builder/subscribe_events" }, (msg) =>
      this._onMessage(msg),
    );
  }

  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    this._sub.stop();
    this.conn.removeEventListener("disconnected", this._onDisconnected);
    this.conn.removeEventListener("ready", this._onReady);
  }

  private _onMessage(msg: EventsMessage): void {
    if (msg.type === "resync_required") {
      // The server ended the stream rather than let it drift: start over from
      // a fresh initial_state.
      this.resyncs++;
      this._sub.restart();
      return;
    }
    const next = applyEvent(this.data, msg);
    if (next === this.data) return;
    this.data = next;
    this._onChange(this);
  }

  private _onDisconnected = (): void => {
    this.connected = false;
    this._onChange(this);
  };

  private _onReady = (): void => {
    this.connected = true;
    this._onChange(this);
  };
}
