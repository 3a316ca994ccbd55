/**
 * The part of esphome_builder's websocket contract that the panel speaks (the
 * README lists all of it), and a subscription helper that survives Home
 * Assistant restarts.
 */

import type { Batch, BatchEventType } from "./batch-api.js";

/** `waiting`: compiled, waiting for the device to come online. */
export type JobStatus = "queued" | "running" | "waiting" | "completed" | "failed" | "cancelled";
/** `rollback` flashes an archived build (never compiles). */
export type JobAction = "validate" | "compile" | "upload" | "install" | "clean" | "logs" | "rollback" | "setup";

export interface Job {
  job_id: string;
  action: JobAction;
  configuration: string;
  device?: string | null;
  status: JobStatus;
  progress: number;
  exit_code: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  elided: number;
  builder: string;
  /** The batch that ran this job, if any. */
  batch_id?: string | null;
  /** The archived build it produced or flashed, if any. */
  build_id?: string | null;
  /** The ESPHome that ran it (a setup job: the version it installed). */
  esphome_version?: string | null;
}

export interface Device {
  configuration: string;
  name: string | null;
  friendly_name: string | null;
  platform: string | null;
  ha_device_id?: string | null;
  online?: boolean | null;
  /** HA's esphome integration knows the node: only then is `online: false` "offline". */
  known_to_ha?: boolean;
  /** Only a remote builder has this configuration. */
  remote?: boolean;
  /** The remote builders that list this configuration. */
  builders?: string[];
}

export const TERMINAL: ReadonlySet<JobStatus> = new Set(["completed", "failed", "cancelled"]);

export function isTerminal(job: Pick<Job, "status">): boolean {
  return TERMINAL.has(job.status);
}

export type FollowMessage =
  | { type: "history"; lines: string[]; elided: number; job: Job }
  | { type: "output"; lines: string[]; skipped: number }
  | { type: "progress"; progress: number }
  | { type: "status"; job: Job }
  | { type: "result"; status: JobStatus; exit_code: number | null; error: string | null; job?: Job }
  // The entry unloaded (e.g. reloaded after an options change): follow again.
  | { type: "resync_required" };

export type JobEventType =
  | "job_queued"
  | "job_started"
  | "job_progress"
  | "job_completed"
  | "job_failed"
  | "job_cancelled";

export type EventsMessage =
  | { type: "initial_state"; devices: Device[]; jobs: Job[]; batches?: Batch[] }
  | { type: "device_added" | "device_updated"; device: Device }
  | { type: "device_removed"; device: Device }
  | { type: JobEventType; job: Job }
  // batch_progress comes without the items, coalesced per batch.
  | { type: BatchEventType; batch: Batch }
  // The firmware archive of one configuration gained or dropped a build.
  | { type: "build_archived" | "build_removed"; configuration: string; build_id: string }
  | { type: "resync_required" };

// The part of home-assistant-js-websocket's Connection the panel uses.
export type Unsubscribe = () => Promise<void>;
type ConnectionEvent = "ready" | "disconnected" | "reconnect-error";
export interface Connection {
  connected: boolean;
  sendMessagePromise<T>(message: Record<string, unknown>): Promise<T>;
  subscribeMessage<T>(
    callback: (message: T) => void,
    message: Record<string, unknown>,
    options?: { resubscribe?: boolean },
  ): Promise<Unsubscribe>;
  addEventListener(event: ConnectionEvent, cb: (conn: Connection, data?: unknown) => void): void;
  removeEventListener(event: ConnectionEvent, cb: (conn: Connection, data?: unknown) => void): void;
}

export interface HomeAssistant {
  connection: Connection;
  connected?: boolean;
  language?: string;
  themes?: { darkMode?: boolean };
  user?: { is_admin: boolean };
}

export interface WsError {
  code: string;
  message: string;
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err) return String((err as WsError).message);
  return String(err);
}

export const api = {
  startJob: (conn: Connection, action: JobAction, configuration: string, device?: string, buildId?: string) =>
    conn.sendMessagePromise<{ job_id: string }>({
      type: "esphome_builder/jobs/start",
      action,
      configuration,
      ...(device ? { device } : {}),
      ...(buildId ? { build_id: buildId } : {}),
    }),
  cancelJob: (conn: Connection, jobId: string) =>
    conn.sendMessagePromise<{ job: Job }>({ type: "esphome_builder/jobs/cancel", job_id: jobId }),
};

export type LiveState = "connecting" | "live" | "retrying" | "ended";

/*
 * Stale unsubscribe functions, and why a new subscription must outnumber them.
 *
 * home-assistant-js-websocket numbers the commands of each socket from 1
 * again after a reconnect, and the function `subscribeMessage` returns
 * unsubscribes by the id its subscription had when it was made. Until a
 * resubscription is answered (and forever for one made with
 * `resubscribe: false`, or one whose resubscription failed), calling that
 * function on the new socket sends `unsubscribe_events` for the OLD id, which
 * now names whatever subscription got that number this time, and makes the
 * library forget that one's callback too. Home Assistant's own frontend does
 * this: its sidebar, seeing the connection come back, replaces its
 * persistent-notification subscription and calls the old unsubscribe
 * function at once. Whichever subscription of ours had taken that id went
 * silent while still looking live.
 *
 * The panel's own subscriptions never call an unsubscribe function made on an
 * earlier socket (LiveSubscription drops it unsent). For everyone else's,
 * StaleIds keeps, per connection, the highest id that any subscription of an
 * earlier socket had, and before subscribing moves the library's id counter
 * past it: no stale unsubscribe can name an id that high. The server only
 * asks ids to increase, so skipping some is harmless.
 */

/** What home-assistant-js-websocket's Connection has beyond our interface. */
interface LibraryConnection {
  /** The id of the last command sent on this socket. */
  commandId?: unknown;
  /** The subscriptions of the socket that just closed, by their ids. */
  oldSubscriptions?: unknown;
}

function highestId(ids: unknown): number {
  let highest = 0;
  if (ids instanceof Map) for (const id of ids.keys()) if (typeof id === "number" && id > highest) highest = id;
  return highest;
}

/** Per connection: which socket this is, and the ids earlier sockets used. */
export class StaleIds {
  private static readonly _all = new WeakMap<Connection, StaleIds>();

  /** How many times the socket closed while we listened (0: the first we saw). */
  socket = 0;
  /** No subscription of an earlier socket had a higher id than this. */
  floor = 0;
  private _users = 0;
  private _seen = 0;

  static acquire(conn: Connection): StaleIds {
    let ids = StaleIds._all.get(conn);
    if (!ids) {
      ids = new StaleIds(conn);
      StaleIds._all.set(conn, ids);
    }
    if (ids._users++ === 0) {
      conn.addEventListener("disconnected", ids._onDisconnected);
      // Opened while the socket is down: its subscriptions are still at hand.
      ids.floor = Math.max(ids.floor, highestId((conn as LibraryConnection).oldSubscriptions));
    }
    return ids;
  }

  private constructor(private readonly _conn: Connection) {}

  release(): void {
    if (--this._users === 0) this._conn.removeEventListener("disconnected", this._onDisconnected);
  }

  /** Make the next command id higher than any a stale unsubscribe may carry. */
  skip(): void {
    const lib = this._conn as LibraryConnection;
    if (typeof lib.commandId === "number" && lib.commandId < this.floor) lib.commandId = this.floor;
  }

  /** Note an id in use on this socket (a fallback where the library keeps no old subscriptions). */
  note(): void {
    const { commandId } = this._conn as LibraryConnection;
    if (typeof commandId === "number") this._seen = Math.max(this._seen, commandId);
  }

  // The library fires this after it set the closed socket's subscriptions
  // aside (to resubscribe them) and before it numbers anything anew.
  private _onDisconnected = (): void => {
    this.socket++;
    const old = (this._conn as LibraryConnection).oldSubscriptions;
    this.floor = Math.max(this.floor, old instanceof Map ? highestId(old) : this._seen);
    this._seen = 0;
  };
}

/**
 * One subscription that comes back after Home Assistant restarts.
 *
 * home-assistant-js-websocket can resubscribe by itself, but it gives up
 * silently when the first attempt fails, which is what happens while HA is
 * still loading this integration after a restart. So this helper subscribes
 * with `resubscribe: false` and does it itself: on every `ready` event, and
 * with a backoff while the command fails. The server sends a full snapshot
 * (history, initial_state) first on every subscription, so a
 * resubscription replaces the client's state rather than patching it.
 *
 * An unsubscribe function is only ever called on the socket it was made on,
 * and every subscription takes an id above those of earlier sockets (see
 * StaleIds): no stale unsubscribe, ours or anyone's, can end it.
 */
export class LiveSubscription<T> {
  state: LiveState = "connecting";
  lastError: string | null = null;

  private _unsub: { fn: Unsubscribe; socket: number } | null = null;
  private _generation = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _attempt = 0;
  private _stopped = false;
  private readonly _ids: StaleIds;

  constructor(
    private readonly _conn: Connection,
    private readonly _message: Record<string, unknown>,
    private readonly _onMessage: (message: T) => void,
    private readonly _onState: (sub: LiveSubscription<T>) => void = () => {},
    /** Errors that will not heal by retrying (e.g. an unknown job). */
    private readonly _isFatal: (err: unknown) => boolean = () => false,
  ) {
    this._ids = StaleIds.acquire(_conn);
    this._conn.addEventListener("ready", this._onReady);
    this._conn.addEventListener("disconnected", this._onDisconnected);
    void this._subscribe();
  }

  /** Subscribe again from scratch (after `resync_required`). */
  restart(): void {
    if (this._stopped) return;
    this._release();
    void this._subscribe();
  }

  /** The server ended the stream (a follow got its result): stop, keep no retry. */
  end(): void {
    if (this._stopped) return;
    this._setState("ended");
    this.stop();
  }

  stop(): void {
    if (this._stopped) return;
    this._stopped = true;
    this._conn.removeEventListener("ready", this._onReady);
    this._conn.removeEventListener("disconnected", this._onDisconnected);
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
    this._release();
    this._ids.release();
  }

  private _release(): void {
    this._generation++;
    const unsub = this._unsub;
    this._unsub = null;
    this._unsubscribe(unsub);
  }

  /**
   * Call an unsubscribe function, but only on the socket that made it: on a
   * later one its id names some other subscription. The server may have ended
   * the stream already (result, resync): then it answers "not found", fine.
   */
  private _unsubscribe(unsub: { fn: Unsubscribe; socket: number } | null): void {
    if (!unsub || unsub.socket !== this._ids.socket || !this._conn.connected) return;
    unsub.fn().catch(() => undefined);
  }

  private _onReady = (): void => {
    if (this._stopped || this.state === "ended") return;
    this._attempt = 0;
    void this._subscribe();
  };

  private _onDisconnected = (): void => {
    // The old id means nothing on the next socket; forget it unsent.
    this._generation++;
    this._unsub = null;
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
    this._setState("retrying");
  };

  private async _subscribe(): Promise<void> {
    if (this._stopped) return;
    if (this._timer !== null) clearTimeout(this._timer);
    this._timer = null;
    const generation = ++this._generation;
    if (this.state !== "live") this._setState("connecting");
    try {
      this._ids.skip();
      const fn = await this._conn.subscribeMessage<T>(
        (message) => {
          if (generation !== this._generation || this._stopped) return;
          this._ids.note();
          this._onMessage(message);
        },
        this._message,
        { resubscribe: false },
      );
      // Answered on the socket that is up now (no answer crosses a reconnect).
      const unsub = { fn, socket: this._ids.socket };
      this._ids.note();
      if (generation !== this._generation || this._stopped) {
        // Superseded while the answer was on its way.
        this._unsubscribe(unsub);
        return;
      }
      this._unsub = unsub;
      this._attempt = 0;
      this.lastError = null;
      if (this.state !== "ended") this._setState("live");
    } catch (err) {
      if (generation !== this._generation || this._stopped) return;
      this.lastError = errorMessage(err);
      if (this._isFatal(err)) {
        this._setState("ended");
        this.stop();
        return;
      }
      this._setState("retrying");
      // While disconnected, `ready` will bring us back; otherwise back off.
      if (this._conn.connected) {
        const delay = Math.min(1000 * 2 ** this._attempt++, 10_000);
        this._timer = setTimeout(() => void this._subscribe(), delay);
      }
    }
  }

  private _setState(state: LiveState): void {
    this.state = state;
    this._onState(this);
  }
}
