/**
 * One job with its live log, through `jobs/follow`: the history first, then
 * output batches, progress and status, and the result, after which the server
 * ends the stream. After a reconnect the follow starts over with the history.
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";

import {
  type FollowMessage,
  type HomeAssistant,
  type Job,
  LiveSubscription,
  errorMessage,
  isTerminal,
} from "./api.js";
import { progressBar, statusChip } from "./job-parts.js";
import { LogModel } from "./log-model.js";
import type { EsphomeBuilderLog } from "./log-view.js";
import "./log-view.js";
import { shared } from "./styles.js";
import { ACTION_LABELS, copyText, downloadText, formatTime, jobDuration, toast, defineOnce } from "./util.js";
import { backButton, headerMetaStyles, viewHeaderStyles } from "./view-header.js";

// Error codes that mean "this job will not come back" rather than "try again".
const RETRYABLE = new Set(["unknown_command", "timeout", "home_assistant_error", "unknown_error"]);

/** Pick the fresher of two views of the same job. */
export function mergeJob(fromList: Job | undefined, fromFollow: Job | undefined): Job | undefined {
  if (!fromList) return fromFollow;
  if (!fromFollow) return fromList;
  if (isTerminal(fromFollow) && !isTerminal(fromList)) return { ...fromList, ...fromFollow };
  return { ...fromFollow, ...fromList };
}

export class EsphomeBuilderJob extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property() jobId = "";
  /** The job as the jobs list knows it (may be fresher than the follow). */
  @property({ attribute: false }) job?: Job;
  @property({ type: Boolean }) narrow = false;
  @property({ type: Boolean }) dark = false;
  @property({ type: Boolean }) cancelling = false;
  @property({ type: Number }) now = Date.now();

  @state() private _followed?: Job;
  @state() private _version = 0;
  @state() private _error = "";
  @state() private _live = false;

  @query("esphome-builder-log") private _log?: EsphomeBuilderLog;

  readonly model = new LogModel();
  private _sub?: LiveSubscription<FollowMessage>;
  private _frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM (HA keeps panels around): follow again from the history.
    if (this.hasUpdated && this.hass && this.jobId && !this._sub) this._follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._sub?.stop();
    this._sub = undefined;
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected || !this.hass || !this.jobId) return;
    if (changed.has("jobId") || !this._sub) this._follow();
  }

  private _follow(): void {
    this._sub?.stop();
    this._sub = undefined;
    this.model.reset();
    this._followed = undefined;
    this._error = "";
    this._live = false;
    this._version++;
    if (!this.hass || !this.jobId) return;
    const jobId = this.jobId;
    this._sub = new LiveSubscription<FollowMessage>(
      this.hass.connection,
      { type: "esphome_builder/jobs/follow", job_id: jobId },
      (message) => this._onMessage(message),
      (sub) => {
        this._live = sub.state === "live";
        if (sub.state === "ended" && sub.lastError) this._error = sub.lastError;
        else if (sub.state === "live") this._error = "";
      },
      (err) => !RETRYABLE.has((err as { code?: string })?.code ?? ""),
    );
  }

  private _onMessage(message: FollowMessage): void {
    switch (message.type) {
      case "history":
        this.model.reset(message.lines, message.elided);
        this._followed = message.job;
        break;
      case "output":
        this.model.append(message.lines, message.skipped);
        break;
      case "progress":
        if (this._followed) this._followed = { ...this._followed, progress: message.progress };
        break;
      case "status":
        this._followed = message.job;
        break;
      case "result":
        if (this._followed || message.job) {
          this._followed = {
            ...(this._followed ?? message.job!),
            ...(message.job ?? {}),
            status: message.status,
            exit_code: message.exit_code,
            error: message.error,
          };
        }
        // The server ends the stream after the result.
        this._sub?.end();
        break;
      case "resync_required":
        // The history that comes with the new subscription replaces the log.
        this._sub?.restart();
        break;
    }
    this._scheduleRender();
  }

  // Several batches may arrive within one frame; render once.
  private _scheduleRender(): void {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._version = this.model.version;
    });
  }

  private get _job(): Job | undefined {
    return mergeJob(this.job, this._followed);
  }

  private _fileName(job: Job | undefined): string {
    const stem = (job?.configuration ?? "job").replace(/\.ya?ml$/, "");
    return `${stem}-${job?.action ?? "log"}-${this.jobId}.log`.replace(/[^\w.-]+/g, "_");
  }

  private async _copy(): Promise<void> {
    try {
      await copyText(this.model.plainText());
      toast(this, "Log copied to the clipboard");
    } catch (err) {
      toast(this, `Could not copy the log: ${errorMessage(err)}`);
    }
  }

  private _download(): void {
    downloadText(this._fileName(this._job), this.model.plainText());
  }

  private _fire(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const job = this._job;
    const terminal = job ? isTerminal(job) : false;
    const placeholder = this._error
      ? ""
      : !job
        ? "Connecting…"
        : terminal
          ? "This job printed nothing."
          : "Waiting for output…";
    return html`
      <div class="card header">
        <div class="top">
          ${backButton("All jobs", () => this._fire("eb-back"))}
          <div class="what">
            <div class="title">${job ? html`${ACTION_LABELS[job.action] ?? job.action} <b>${job.configuration}</b>` : this.jobId}</div>
            ${job
              ? html`<div class="meta secondary">
                  ${statusChip(job)}
                  <span>${formatTime(job.created_at, this.hass?.language)}</span>
                  <span class="duration">${jobDuration(job, this.now)}</span>
                  ${!terminal && job.progress ? html`<span>${job.progress}%</span>` : nothing}
                  ${job.device ? html`<span>→ ${job.device}</span>` : nothing}
                  ${job.esphome_version ? html`<span class="esphome-version">ESPHome ${job.esphome_version}</span>` : nothing}
                  ${terminal && job.exit_code != null ? html`<span>exit code ${job.exit_code}</span>` : nothing}
                  ${job.batch_id
                    ? html`<button class="link batch" @click=${() => this._fire("eb-open-batch", job.batch_id)}>part of a batch</button>`
                    : nothing}
                  ${!terminal && !this._live ? html`<span class="reconnecting">reconnecting…</span>` : nothing}
                </div>`
              : nothing}
          </div>
          <div class="buttons">
            ${job && !terminal
              ? html`<button class="eb danger cancel" ?disabled=${this.cancelling}
                  @click=${() => this._fire("eb-cancel-job", this.jobId)}>${this.cancelling ? "Cancelling…" : "Cancel"}</button>`
              : nothing}
            <button class="eb copy" @click=${this._copy} title="Copy the log">Copy</button>
            <button class="eb download" @click=${this._download} title="Download the log">Download</button>
          </div>
        </div>
        ${job ? progressBar(job) : nothing}
        ${job?.error ? html`<div class="error job-error">${job.error}</div>` : nothing}
        ${this._error ? html`<div class="error follow-error">${this._error}</div>` : nothing}
      </div>
      <esphome-builder-log
        .model=${this.model}
        .version=${this._version}
        .placeholder=${placeholder}
        ?dark=${this.dark}
      ></esphome-builder-log>
    `;
  }

  /** For tests: the log element. */
  get log(): EsphomeBuilderLog | undefined {
    return this._log;
  }

  static override styles = [
    shared,
    viewHeaderStyles,
    headerMetaStyles,
    css`
      :host {
        min-height: 0;
        height: 100%;
      }
      .header {
        gap: 10px;
      }
      .reconnecting {
        color: var(--warning-color, #ffa600);
      }
      .error {
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
        color: var(--error-color, #db4437);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      esphome-builder-log {
        flex: 1;
        min-height: 240px;
      }
    `,
  ];
}

defineOnce("esphome-builder-job", EsphomeBuilderJob);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-job": EsphomeBuilderJob;
  }
}
