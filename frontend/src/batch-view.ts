/**
 * One batch: a row per configuration with its live status (and progress),
 * its error or why it was skipped, and a link to its job's log; a summary
 * line, Cancel while it runs, Retry failed once it is over.
 *
 * The items come from `batches/get` when the view opens. After that the job
 * events of the one events stream move each row (joined by job id, or by the
 * job's batch id and configuration), and every batch message for this batch
 * asks for a fresh `batches/get`, at most about once a second. The
 * `batch_completed` message carries the final items itself.
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";

import { type HomeAssistant, type Job, errorMessage } from "./api.js";
import { type Batch, batchApi } from "./batch-api.js";
import {
  BATCH_STATUS_LABELS,
  type BatchRow,
  Throttle,
  batchRows,
  canRetry,
  countsText,
  isDone,
  rowCounts,
  shownBatch,
} from "./batch-model.js";
import { progressBar, statusChip } from "./job-parts.js";
import { batchPath, followLink, jobPath } from "./routing.js";
import { shared } from "./styles.js";
import { ACTION_LABELS, defineOnce, formatDuration, formatTime, toast } from "./util.js";
import { backButton, headerMetaStyles, viewHeaderStyles } from "./view-header.js";

// Error codes that mean the batch does not exist (rather than "try again").
const GONE = new Set(["not_found", "invalid_format"]);

export class EsphomeBuilderBatch extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property() batchId = "";
  @property() base = "";
  /** The batch as the events stream knows it (summary; items only when final). */
  @property({ attribute: false }) live?: Batch;
  /** The live jobs, newest first. */
  @property({ attribute: false }) jobs: Job[] = [];
  @property({ type: Number }) now = Date.now();

  @state() private _fetched?: Batch;
  @state() private _error = "";
  @state() private _cancelling = false;

  private _throttle?: Throttle;
  private _seq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM (HA keeps panels around): fetch again.
    if (this.hasUpdated && this.batchId) this._reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._throttle?.stop();
    this._throttle = undefined;
    this._seq++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected || !this.hass || !this.batchId) return;
    if (changed.has("batchId") || !this._throttle) {
      this._reset();
    } else if (changed.has("live") && this.live && changed.get("live") !== this.live) {
      // Final with its items: nothing to fetch. Otherwise the items moved.
      if (!(this.live.items && this.live.status !== "running")) this._throttle.request();
    }
  }

  private _reset(): void {
    this._throttle?.stop();
    this._fetched = undefined;
    this._error = "";
    this._cancelling = false;
    this._seq++;
    this._throttle = new Throttle(() => void this._fetch(), 1000);
    this._throttle.request();
  }

  private async _fetch(): Promise<void> {
    if (!this.hass) return;
    const seq = ++this._seq;
    try {
      const { batch } = await batchApi.get(this.hass.connection, this.batchId);
      if (seq !== this._seq) return;
      this._fetched = batch;
      this._error = "";
    } catch (err) {
      if (seq !== this._seq) return;
      const code = (err as { code?: string })?.code ?? "";
      this._error = GONE.has(code) ? `This batch is not known: ${errorMessage(err)}` : errorMessage(err);
    }
  }

  private async _cancel(): Promise<void> {
    if (!this.hass || this._cancelling) return;
    this._cancelling = true;
    try {
      const { batch } = await batchApi.cancel(this.hass.connection, this.batchId);
      this._fetched = batch;
    } catch (err) {
      toast(this, `Could not cancel: ${errorMessage(err)}`);
    } finally {
      this._cancelling = false;
    }
  }

  private _fire(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private _renderRow(row: BatchRow) {
    const running = !isDone(row.status);
    const start = row.startedAt ? Date.parse(row.startedAt) : NaN;
    const end = row.finishedAt ? Date.parse(row.finishedAt) : running ? this.now : NaN;
    const duration = Number.isNaN(start) || Number.isNaN(end) ? "" : formatDuration(end - start);
    return html`
      <div class="row" data-configuration=${row.configuration} data-status=${row.status}>
        <div class="line">
          ${statusChip(row)}
          <span class="name">${row.configuration}</span>
          ${duration ? html`<span class="secondary">${duration}</span>` : nothing}
          ${row.status === "running" && row.progress ? html`<span class="secondary">${row.progress}%</span>` : nothing}
          ${row.jobId
            ? html`<a class="log" href=${jobPath(this.base, row.jobId)} @click=${followLink}>Log</a>`
            : nothing}
        </div>
        ${row.job && running ? progressBar(row.job) : nothing}
        ${row.reason ? html`<div class="reason secondary">${row.reason}</div>` : nothing}
        ${row.error && row.status !== "completed" ? html`<div class="error">${row.error}</div>` : nothing}
      </div>
    `;
  }

  protected override render() {
    const batch = shownBatch(this.live, this._fetched);
    if (!batch) {
      return html`<div class="card header">${this._renderBack()}
        <span class=${this._error ? "error" : "secondary"}>${this._error || "Loading…"}</span></div>`;
    }
    const rows = batchRows(batch, batch.items ?? [], this.jobs);
    const counts = batch.items ? rowCounts(rows) : batch.counts;
    const total = rows.length;
    const done = rows.filter((row) => isDone(row.status)).length;
    const running = batch.status === "running";
    const chipClass = batch.status === "completed" && counts.failed ? "failed" : batch.status;
    return html`
      <div class="card header" data-status=${batch.status}>
        <div class="top">
          ${this._renderBack()}
          <div class="what">
            <div class="title">${ACTION_LABELS[batch.action] ?? batch.action} · ${total} configuration${total === 1 ? "" : "s"}</div>
            <div class="meta secondary">
              <span class="chip ${chipClass} batch-status">${BATCH_STATUS_LABELS[batch.status] ?? batch.status}</span>
              <span>${formatTime(batch.created_at, this.hass?.language)}</span>
              ${batch.retry_of
                ? html`<a href=${batchPath(this.base, batch.retry_of)} @click=${followLink}>retry of an earlier batch</a>`
                : nothing}
            </div>
          </div>
          <div class="buttons">
            ${running
              ? html`<button class="eb danger cancel" ?disabled=${this._cancelling} @click=${this._cancel}>
                  ${this._cancelling ? "Cancelling…" : "Cancel"}</button>`
              : nothing}
            <button class="eb retry" ?disabled=${!canRetry(batch, counts)}
              @click=${() => this._fire("eb-retry-batch", { batchId: batch.batch_id, includeOffline: batch.include_offline === true })}>Retry failed</button>
          </div>
        </div>
        <div class="summary" role="status">${countsText(counts)}</div>
        ${batch.reason ? html`<div class="stopped error">${batch.reason}</div>` : nothing}
        ${running
          ? html`<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${done}>
              <div style="width:${total ? (100 * done) / total : 0}%"></div>
            </div>`
          : nothing}
        ${this._error ? html`<div class="error fetch-error">${this._error}</div>` : nothing}
      </div>
      ${rows.length ? html`<div class="card list">${rows.map((row) => this._renderRow(row))}</div>` : nothing}
    `;
  }

  private _renderBack() {
    return backButton("All jobs", () => this._fire("eb-back"));
  }

  static override styles = [
    shared,
    viewHeaderStyles,
    headerMetaStyles,
    css`
      :host {
        min-width: 0;
      }
      .summary {
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      .list {
        overflow: hidden;
      }
      .row {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 10px 16px;
        min-width: 0;
      }
      .row + .row {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .line {
        display: flex;
        align-items: center;
        gap: 6px 10px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .name {
        font-weight: 500;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--primary-color);
        text-decoration: none;
        font-weight: 500;
      }
      a:hover {
        text-decoration: underline;
      }
      .log {
        margin-left: auto;
      }
      .reason {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .error {
        color: var(--error-color, #db4437);
        font-size: 13px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .progress {
        max-width: 480px;
      }
    `,
  ];
}

defineOnce("esphome-builder-batch", EsphomeBuilderBatch);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-batch": EsphomeBuilderBatch;
  }
}
