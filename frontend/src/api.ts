/**
 * The part of esphome_builder's websocket contract that the panel speaks (the
 * README lists all of it), and a subscription helper that survives Home
 * Assistant restarts.
 */

export type JobStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type JobAction = "validate" | "compile" | "upload" | "install" | "clean" | "logs";

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
}

export interface Device {
  configuration: string;
  name: string | null;
  friendly_name: string | null;
  platform: string | null;
  ha_device_id?: string | null;
  online?: boolean | null;
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
  | { type: "initial_state"; devices: Device[]; jobs: Job[] }
  | { type: "device_added" | "device_updated"; device: Device }
  | { type: "device_removed"; device: Device }
  | { type: JobEventType; job: Job }
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
  startJob: (conn: Connection, action: JobAction, configuration: string, device?: string) =>
    conn.sendMessagePromise<{ job_id: string }>({
      type: "esphome_builder/jobs/start",
      action,
      configuration,
      ...(device ? { device } : {}),
    }),
  cancelJob: (conn: Connection, jobId: string) =>
    conn.sendMessagePromise<{ job: Job }>({ type: "esphome_builder/jobs/cancel", job_id: jobId }),
};

export type LiveState = "connecting" | "live" | "retrying" | "ended";

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
 * A stale unsubscribe function must never be called after a reconnect: the
 * library restarts message ids at 1, so it would end some other subscription.
 */
export class LiveSubscription<T> {
  state: LiveState = "connecting";
  lastError: string | null = null;

  private _unsub: Unsubscribe | null = null;
  private _generation = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _attempt = 0;
  private _stopped = false;

  constructor(
    private readonly _conn: Connection,
    private readonly _message: Record<string, unknown>,
    private readonly _onMessage: (message: T) => void,
    private readonly _onState: (sub: LiveSubscription<T>) => void = () => {},
    /** Errors that will not heal by retrying (e.g. an unknown job). */
    private readonly _isFatal: (err: unknown) => boolean = () => false,
  ) {
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
  }

  private _release(): void {
    this._generation++;
    const unsub = this._unsub;
    this._unsub = null;
    // The server may have ended the stream already (result, resync): then it
    // answers "not found", which is fine.
    if (unsub) unsub().catch(() => undefined);
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
      const unsub = await this._conn.subscribeMessage<T>(
        (message) => {
          if (generation === this._generation && !this._stopped) this._onMessage(message);
        },
        this._message,
        { resubscribe: false },
      );
      if (generation !== this._generation || this._stopped) {
        // Superseded while the answer was on its way.
        if (this._conn.connected) unsub().catch(() => undefined);
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
