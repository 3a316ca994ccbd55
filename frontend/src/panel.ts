/**
 * The ESPHome Builder sidebar panel (`/esphome-builder`).
 *
 * Home Assistant creates this element and sets `hass`, `narrow`, `route` and
 * `panel` on it. Devices, jobs and batches come live through one `subscribe_events`
 * stream (live-data.ts), which resubscribes (and so resyncs from a fresh
 * `initial_state`) whenever the connection comes back, e.g. after HA
 * restarts. Only the job view opens a second stream: `jobs/follow` for the
 * log of the job on screen.
 */

import { LitElement, type PropertyValues, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";

import { type HomeAssistant, type JobAction, api, errorMessage, isTerminal } from "./api.js";
import type { BatchAsk, EsphomeBuilderBatchDialog } from "./batch-dialog.js";
import "./batch-dialog.js";
import "./batch-list.js";
import "./batch-view.js";
import type { RollbackRequest } from "./builds-view.js";
import "./builds-view.js";
import type { ActionRequest } from "./devices-view.js";
import "./devices-view.js";
import "./job-view.js";
import "./jobs-view.js";
import {
  EMPTY,
  EventsFeed,
  type LiveData,
  activeCount,
  buildsRevision,
  latestByConfiguration,
} from "./live-data.js";
import { panelStyles } from "./panel-styles.js";
import {
  type Route,
  type View,
  batchPath,
  buildsPath,
  currentView,
  followLink,
  jobPath,
  routePrefix,
} from "./routing.js";
import { shared } from "./styles.js";
import type { EsphomeBuilderTargetDialog } from "./target-dialog.js";
import "./target-dialog.js";
import { type EsphomeVersions, NO_VERSIONS } from "./esphome-api.js";
import type { EsphomeBuilderVersions } from "./versions-bar.js";
import "./versions-bar.js";
import { navigate, toast, defineOnce } from "./util.js";

const BATCH_ASKS: Record<"install" | "validate", BatchAsk> = {
  install: {
    title: "Update all devices",
    intro: "Compile every configuration and install it over the air. Check what will run first.",
    request: { action: "install", all: true },
  },
  validate: {
    title: "Validate all configurations",
    intro: "Check every configuration. Nothing is compiled or installed.",
    request: { action: "validate", all: true },
  },
};

export class EsphomeBuilderPanel extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ type: Boolean, reflect: true }) narrow = false;
  @property({ attribute: false }) route?: Route;
  @property({ attribute: false }) panel?: unknown;

  @state() private _data: LiveData = EMPTY;
  @state() private _connected = true;
  @state() private _now = Date.now();
  @state() private _cancelling = new Set<string>();
  @state() private _versions: EsphomeVersions = NO_VERSIONS;
  @state() private _menuButtonDefined = !!customElements.get("ha-menu-button");

  @query("esphome-builder-target-dialog") private _dialog!: EsphomeBuilderTargetDialog;
  @query("esphome-builder-batch-dialog") private _batchDialog!: EsphomeBuilderBatchDialog;
  @query("esphome-builder-versions") private _versionsBar?: EsphomeBuilderVersions;

  private _feed?: EventsFeed;
  private _clock?: ReturnType<typeof setInterval>;

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
      if (this._feed && this.hass.connection !== this._feed.conn) this._unsubscribe();
      if (!this._feed && this.isConnected) this._subscribe();
      this.toggleAttribute("dark", !!this.hass.themes?.darkMode);
    }
    if (changed.has("_data")) this._tick();
  }

  // -- live data ----------------------------------------------------------------

  private _subscribe(): void {
    // HA sets `hass` many times a second with the same connection: one feed.
    if (this._feed) return;
    this._feed = new EventsFeed(this.hass!.connection, (feed) => this._onFeed(feed), this._data);
    this._connected = this._feed.connected;
  }

  private _unsubscribe(): void {
    this._feed?.stop();
    this._feed = undefined;
    if (this._clock) clearInterval(this._clock);
    this._clock = undefined;
  }

  private _onFeed(feed: EventsFeed): void {
    this._connected = feed.connected;
    if (feed.data === this._data) return;
    this._data = feed.data;
    // A job that ended is no longer being cancelled, whoever ended it.
    const ended = [...this._cancelling].filter((id) => {
      const job = feed.data.jobs.find((j) => j.job_id === id);
      return job !== undefined && isTerminal(job);
    });
    if (ended.length) this._cancelling = new Set([...this._cancelling].filter((id) => !ended.includes(id)));
  }

  // Durations of running jobs tick once a second, and only while one runs.
  private _tick(): void {
    const running = activeCount(this._data.jobs) > 0;
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

  // Roll back: the target dialog is the confirm step, then the job's log.
  private _onRollback = async (ev: CustomEvent<RollbackRequest>): Promise<void> => {
    const { configuration, buildId, note } = ev.detail;
    const device = await this._dialog.ask("rollback", configuration, note);
    if (device !== null) await this._start("rollback", configuration, device, buildId);
  };

  private async _start(action: JobAction, configuration: string, device?: string, buildId?: string): Promise<void> {
    if (!this.hass) return;
    try {
      const { job_id } = await api.startJob(this.hass.connection, action, configuration, device, buildId);
      navigate(jobPath(this._prefix, job_id));
    } catch (err) {
      toast(this, `Could not start: ${errorMessage(err)}`);
    }
  }

  // Update all, Validate all, Retry failed: preview, confirm, then the batch view.
  private async _askBatch(ask: BatchAsk): Promise<void> {
    if (!this.hass) return;
    const batchId = await this._batchDialog.open(this.hass.connection, ask);
    if (batchId !== null) navigate(batchPath(this._prefix, batchId));
  }

  private _onBatch = (ev: CustomEvent<"install" | "validate">): void => {
    void this._askBatch(BATCH_ASKS[ev.detail]);
  };

  private _onRetryBatch = (ev: CustomEvent<{ batchId: string; includeOffline: boolean }>): void => {
    void this._askBatch({
      title: "Retry failed",
      intro: "Run again what failed or was cancelled in this batch.",
      request: { retry_failed: ev.detail.batchId },
      // A retry reaches the devices the first run did, unless unticked.
      includeOffline: ev.detail.includeOffline,
    });
  };

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
    return routePrefix(this.route);
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
    const view: View = currentView(this.route);
    const { devices, jobs, batches, loaded } = this._data;
    const active = activeCount(jobs);
    const tab = view.name === "devices" || view.name === "builds" ? "devices" : "jobs";
    return html`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${tab === "devices"} class=${tab === "devices" ? "active" : ""}
            @click=${followLink}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${tab === "jobs"} class=${tab === "jobs" ? "active" : ""}
            @click=${followLink}>Jobs${active ? html`<span class="badge">${active}</span>` : nothing}</a>
        </nav>
      </header>
      ${this._connected
        ? nothing
        : html`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${view.name === "job" ? "job" : ""}>
        ${view.name === "devices"
          ? html`<esphome-builder-versions .hass=${this.hass} .jobs=${jobs}
                @eb-versions=${(ev: CustomEvent<EsphomeVersions>) => (this._versions = ev.detail)}
                @eb-open-job=${this._openJob}></esphome-builder-versions>
              <esphome-builder-devices
              .devices=${devices}
              .versions=${this._versions}
              @eb-pin=${(ev: CustomEvent<string>) => void this._versionsBar?.pin(ev.detail)}
              .latest=${latestByConfiguration(jobs)}
              .now=${this._now}
              .loading=${!loaded}
              @eb-action=${this._onAction}
              @eb-batch=${this._onBatch}
              @eb-open-job=${this._openJob}
              @eb-open-builds=${(ev: CustomEvent<string>) => navigate(buildsPath(this._prefix, ev.detail))}
            ></esphome-builder-devices>`
          : view.name === "builds"
            ? html`<esphome-builder-builds
                .hass=${this.hass}
                .configuration=${view.configuration}
                .base=${this._prefix}
                .device=${devices.find((device) => device.configuration === view.configuration)}
                .jobs=${jobs}
                .revision=${buildsRevision(this._data, view.configuration)}
                @eb-rollback=${this._onRollback}
                @eb-back=${() => navigate(this._prefix)}
              ></esphome-builder-builds>`
          : view.name === "batch"
            ? html`<esphome-builder-batch
                .hass=${this.hass}
                .batchId=${view.batchId}
                .base=${this._prefix}
                .live=${batches.find((batch) => batch.batch_id === view.batchId)}
                .jobs=${jobs}
                .now=${this._now}
                @eb-retry-batch=${this._onRetryBatch}
                @eb-back=${() => navigate(`${this._prefix}/jobs`)}
              ></esphome-builder-batch>`
          : view.name === "jobs"
            ? html`<esphome-builder-batches .batches=${batches} .base=${this._prefix}
                  .language=${this.hass?.language}></esphome-builder-batches>
                <esphome-builder-jobs
                .jobs=${jobs}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!loaded}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`
            : html`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${view.jobId}
                .job=${jobs.find((job) => job.job_id === view.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(view.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-open-batch=${(ev: CustomEvent<string>) => navigate(batchPath(this._prefix, ev.detail))}
                @eb-back=${() => navigate(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
      <esphome-builder-batch-dialog></esphome-builder-batch-dialog>
    `;
  }

  private _openJob = (ev: CustomEvent<string>): void => {
    navigate(jobPath(this._prefix, ev.detail));
  };

  static override styles = [shared, panelStyles];
}

defineOnce("esphome-builder-panel", EsphomeBuilderPanel);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-panel": EsphomeBuilderPanel;
  }
}
