/**
 * The ESPHome Builder sidebar panel (`/esphome-builder`).
 *
 * Home Assistant creates this element and sets `hass`, `narrow`, `route` and
 * `panel` on it. Views: devices (`/esphome-builder`), jobs (`/jobs`) and one
 * job's log (`/jobs/<id>`). Devices come live through `subscribe_events`, jobs
 * through `jobs/subscribe`; both resubscribe (and so resync from a fresh
 * snapshot) whenever the connection comes back, e.g. after HA restarts.
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";

import {
  type Device,
  type EventsMessage,
  type HomeAssistant,
  type Job,
  type JobAction,
  type JobsMessage,
  LiveSubscription,
  api,
  errorMessage,
  isTerminal,
} from "./api.js";
import type { ActionRequest } from "./devices-view.js";
import "./devices-view.js";
import "./job-view.js";
import "./jobs-view.js";
import { shared } from "./styles.js";
import type { EsphomeBuilderTargetDialog } from "./target-dialog.js";
import "./target-dialog.js";
import { navigate, toast, defineOnce } from "./util.js";

interface Route {
  prefix: string;
  path: string;
}

type View = { name: "devices" } | { name: "jobs" } | { name: "job"; jobId: string };

const PANEL_PATH = "/esphome-builder";
const JOBS_KEPT = 200;

export function parseRoute(path: string): View {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "jobs" && parts[1]) return { name: "job", jobId: decodeURIComponent(parts[1]) };
  if (parts[0] === "jobs") return { name: "jobs" };
  return { name: "devices" };
}

function sortJobs(jobs: Job[]): Job[] {
  // Newest first, like jobs/list.
  return jobs.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
}

export class EsphomeBuilderPanel extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ type: Boolean, reflect: true }) narrow = false;
  @property({ attribute: false }) route?: Route;
  @property({ attribute: false }) panel?: unknown;

  @state() private _devices: Device[] = [];
  @state() private _jobs: Job[] = [];
  @state() private _devicesLoaded = false;
  @state() private _jobsLoaded = false;
  @state() private _connected = true;
  @state() private _now = Date.now();
  @state() private _cancelling = new Set<string>();
  @state() private _menuButtonDefined = !!customElements.get("ha-menu-button");

  @query("esphome-builder-target-dialog") private _dialog!: EsphomeBuilderTargetDialog;

  private _events?: LiveSubscription<EventsMessage>;
  private _jobsSub?: LiveSubscription<JobsMessage>;
  private _clock?: ReturnType<typeof setInterval>;
  private _conn?: HomeAssistant["connection"];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hass) this._subscribe();
    if (!this._menuButtonDefined) {
      void customElements.whenDefined("ha-menu-button").then(() => (this._menuButtonDefined = true));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("hass") && this.hass) {
      if (this.hass.connection !== this._conn) this._unsubscribe();
      if (!this._events && this.isConnected) this._subscribe();
      this.toggleAttribute("dark", !!this.hass.themes?.darkMode);
    }
    if (changed.has("_jobs")) this._tick();
  }

  // -- live data ----------------------------------------------------------------

  private _subscribe(): void {
    const conn = this.hass!.connection;
    this._conn = conn;
    conn.addEventListener("disconnected", this._onDisconnected);
    conn.addEventListener("ready", this._onReady);
    this._connected = conn.connected;
    this._events = new LiveSubscription<EventsMessage>(conn, { type: "esphome_builder/subscribe_events" }, (msg) =>
      this._onEvent(msg),
    );
    this._jobsSub = new LiveSubscription<JobsMessage>(conn, { type: "esphome_builder/jobs/subscribe" }, (msg) =>
      this._onJobs(msg),
    );
  }

  private _unsubscribe(): void {
    this._events?.stop();
    this._jobsSub?.stop();
    this._events = this._jobsSub = undefined;
    this._conn?.removeEventListener("disconnected", this._onDisconnected);
    this._conn?.removeEventListener("ready", this._onReady);
    this._conn = undefined;
    if (this._clock) clearInterval(this._clock);
    this._clock = undefined;
  }

  private _onDisconnected = (): void => {
    this._connected = false;
  };

  private _onReady = (): void => {
    this._connected = true;
  };

  private _onEvent(msg: EventsMessage): void {
    switch (msg.type) {
      case "initial_state":
        this._devices = msg.devices;
        this._devicesLoaded = true;
        break;
      case "device_added":
      case "device_updated": {
        const others = this._devices.filter((d) => d.configuration !== msg.device.configuration);
        this._devices = [...others, msg.device];
        break;
      }
      case "device_removed":
        this._devices = this._devices.filter((d) => d.configuration !== msg.device.configuration);
        break;
      case "resync_required":
        // The server ended the stream rather than let it drift: start over.
        this._events?.restart();
        break;
      default:
        // Job events arrive through jobs/subscribe, the jobs view's source.
        break;
    }
  }

  private _onJobs(msg: JobsMessage): void {
    if (msg.type === "snapshot") {
      this._jobs = sortJobs([...msg.jobs]);
      this._jobsLoaded = true;
      return;
    }
    if (msg.type === "resync_required") {
      this._jobsSub?.restart();
      return;
    }
    if (!("job" in msg) || !msg.job) return;
    const job = msg.job;
    const index = this._jobs.findIndex((j) => j.job_id === job.job_id);
    const jobs = [...this._jobs];
    if (index >= 0) jobs[index] = job;
    else jobs.unshift(job);
    this._jobs = sortJobs(jobs).slice(0, JOBS_KEPT);
    if (isTerminal(job) && this._cancelling.has(job.job_id)) {
      const cancelling = new Set(this._cancelling);
      cancelling.delete(job.job_id);
      this._cancelling = cancelling;
    }
  }

  // Durations of running jobs tick once a second, and only while one runs.
  private _tick(): void {
    const running = this._jobs.some((job) => !isTerminal(job));
    if (running && !this._clock) {
      this._clock = setInterval(() => (this._now = Date.now()), 1000);
    } else if (!running && this._clock) {
      clearInterval(this._clock);
      this._clock = undefined;
      this._now = Date.now();
    }
  }

  // -- actions --------------------------------------------------------------------

  private async _onAction(ev: CustomEvent<ActionRequest>): Promise<void> {
    const { action, configuration } = ev.detail;
    let device: string | undefined;
    if (action === "install" || action === "logs") {
      const target = await this._dialog.ask(action, configuration);
      if (target === null) return;
      device = target;
    }
    await this._start(action, configuration, device);
  }

  private async _start(action: JobAction, configuration: string, device?: string): Promise<void> {
    if (!this.hass) return;
    try {
      const { job_id } = await api.startJob(this.hass.connection, action, configuration, device);
      navigate(`${this._prefix}/jobs/${encodeURIComponent(job_id)}`);
    } catch (err) {
      toast(this, `Could not start: ${errorMessage(err)}`);
    }
  }

  private async _onCancel(ev: CustomEvent<string>): Promise<void> {
    const jobId = ev.detail;
    if (!this.hass || this._cancelling.has(jobId)) return;
    this._cancelling = new Set([...this._cancelling, jobId]);
    try {
      await api.cancelJob(this.hass.connection, jobId);
    } catch (err) {
      toast(this, `Could not cancel: ${errorMessage(err)}`);
    } finally {
      const cancelling = new Set(this._cancelling);
      cancelling.delete(jobId);
      this._cancelling = cancelling;
    }
  }

  // -- rendering --------------------------------------------------------------------

  private get _prefix(): string {
    return this.route?.prefix || PANEL_PATH;
  }

  private get _view(): View {
    if (this.route) return parseRoute(this.route.path);
    const path = location.pathname.startsWith(PANEL_PATH) ? location.pathname.slice(PANEL_PATH.length) : "";
    return parseRoute(path);
  }

  private _latestByConfiguration(): Map<string, Job> {
    const latest = new Map<string, Job>();
    // Newest first: the first job seen for a configuration is its latest.
    for (const job of this._jobs) if (!latest.has(job.configuration)) latest.set(job.configuration, job);
    return latest;
  }

  private _renderMenuButton() {
    if (!this.narrow) return nothing;
    if (this._menuButtonDefined) {
      return html`<ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>`;
    }
    // Until HA's own element is loaded: the same event it fires.
    return html`<button class="menu" aria-label="Sidebar"
      @click=${() => this.dispatchEvent(new Event("hass-toggle-menu", { bubbles: true, composed: true }))}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z" /></svg>
    </button>`;
  }

  protected override render() {
    const view = this._view;
    const active = this._jobs.filter((job) => !isTerminal(job)).length;
    const tab = view.name === "devices" ? "devices" : "jobs";
    return html`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${tab === "devices"} class=${tab === "devices" ? "active" : ""}
            @click=${this._link}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${tab === "jobs"} class=${tab === "jobs" ? "active" : ""}
            @click=${this._link}>Jobs${active ? html`<span class="badge">${active}</span>` : nothing}</a>
        </nav>
      </header>
      ${this._connected
        ? nothing
        : html`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${view.name === "job" ? "job" : ""}>
        ${view.name === "devices"
          ? html`<esphome-builder-devices
              .devices=${this._devices}
              .latest=${this._latestByConfiguration()}
              .now=${this._now}
              .loading=${!this._devicesLoaded}
              @eb-action=${this._onAction}
              @eb-open-job=${this._openJob}
            ></esphome-builder-devices>`
          : view.name === "jobs"
            ? html`<esphome-builder-jobs
                .jobs=${this._jobs}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!this._jobsLoaded}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`
            : html`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${view.jobId}
                .job=${this._jobs.find((job) => job.job_id === view.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(view.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-back=${() => navigate(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
    `;
  }

  private _openJob = (ev: CustomEvent<string>): void => {
    navigate(`${this._prefix}/jobs/${encodeURIComponent(ev.detail)}`);
  };

  private _link = (ev: MouseEvent): void => {
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    navigate((ev.currentTarget as HTMLAnchorElement).getAttribute("href")!);
  };

  static override styles = [
    shared,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 100vh;
        background: var(--primary-background-color);
        color: var(--primary-text-color);
        font-family: var(--paper-font-body1_-_font-family, var(--ha-font-family-body, Roboto, sans-serif));
        -webkit-font-smoothing: antialiased;
      }
      .toolbar {
        /* A long device list must not squeeze the toolbar (and hide the tabs). */
        flex: none;
        position: sticky;
        top: 0;
        z-index: 2;
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 0 24px;
        padding: 0 12px;
        padding-left: max(12px, env(safe-area-inset-left));
        min-height: var(--header-height, 56px);
        background: var(--app-header-background-color, var(--primary-color));
        color: var(--app-header-text-color, var(--text-primary-color, #fff));
        border-bottom: var(--app-header-border-bottom, none);
        box-sizing: border-box;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 4px;
        height: var(--header-height, 56px);
      }
      .title {
        font-size: 20px;
        font-weight: 400;
        margin-left: 4px;
        white-space: nowrap;
      }
      .menu {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 48px;
        height: 48px;
        padding: 0;
        border: none;
        border-radius: 50%;
        background: transparent;
        color: inherit;
        cursor: pointer;
      }
      .menu svg {
        width: 24px;
        height: 24px;
        fill: currentColor;
      }
      ha-menu-button {
        color: inherit;
      }
      .tabs {
        display: flex;
        height: var(--header-height, 56px);
      }
      :host([narrow]) .tabs {
        width: 100%;
        height: 44px;
      }
      .tabs a {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 0 16px;
        color: inherit;
        opacity: 0.75;
        text-decoration: none;
        font-weight: 500;
        font-size: 14px;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        border-bottom: 2px solid transparent;
      }
      :host([narrow]) .tabs a {
        flex: 1;
        justify-content: center;
      }
      .tabs a.active {
        opacity: 1;
        border-bottom-color: currentColor;
      }
      .badge {
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        border-radius: 9px;
        box-sizing: border-box;
        background: var(--accent-color, #ff9800);
        color: var(--text-accent-color, var(--text-primary-color, #fff));
        font-size: 12px;
        line-height: 18px;
        text-align: center;
      }
      .banner {
        padding: 8px 16px;
        background: var(--warning-color, #ffa600);
        color: var(--text-primary-color, #fff);
        text-align: center;
      }
      main {
        flex: 1;
        box-sizing: border-box;
        width: 100%;
        max-width: 1400px;
        margin: 0 auto;
        padding: 16px;
      }
      main.job {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: calc(100vh - var(--header-height, 56px));
      }
      :host([narrow]) main {
        padding: 8px;
      }
      :host([narrow]) main.job {
        height: calc(100vh - var(--header-height, 56px) - 44px);
      }
      esphome-builder-job {
        flex: 1;
        min-height: 0;
      }
    `,
  ];
}

defineOnce("esphome-builder-panel", EsphomeBuilderPanel);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-panel": EsphomeBuilderPanel;
  }
}
