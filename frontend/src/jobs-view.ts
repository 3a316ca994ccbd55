/** Active and recent jobs: status, duration, progress, cancel; live. */

import { LitElement, css, html, nothing } from "lit";
import { property } from "lit/decorators.js";

import { type Job, isTerminal } from "./api.js";
import { progressBar, statusChip } from "./job-parts.js";
import { listSectionStyles, shared } from "./styles.js";
import { ACTION_LABELS, formatTime, jobDuration, defineOnce } from "./util.js";

export class EsphomeBuilderJobs extends LitElement {
  @property({ attribute: false }) jobs: Job[] = [];
  @property({ attribute: false }) cancelling = new Set<string>();
  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean }) loading = false;
  @property() language?: string;

  private _fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const active = this.jobs.filter((job) => !isTerminal(job));
    const recent = this.jobs.filter((job) => isTerminal(job));
    if (!this.jobs.length) {
      return html`<div class="empty">${this.loading ? "Loading…" : "No jobs yet. Start one from the devices view."}</div>`;
    }
    return html`
      ${active.length
        ? html`<h2>Active</h2>
            <div class="card list">${active.map((job) => this._renderJob(job))}</div>`
        : nothing}
      ${recent.length
        ? html`<h2>Recent</h2>
            <div class="card list">${recent.map((job) => this._renderJob(job))}</div>`
        : nothing}
    `;
  }

  private _renderJob(job: Job) {
    const cancelling = this.cancelling.has(job.job_id);
    return html`
      <div class="job" data-job-id=${job.job_id} data-status=${job.status}>
        <button class="open" @click=${() => this._fire("eb-open-job", job.job_id)} title="Show the log">
          <span class="line">
            ${statusChip(job)}
            <span class="what">${ACTION_LABELS[job.action] ?? job.action} <b>${job.configuration}</b></span>
          </span>
          <span class="line secondary">
            <span>${formatTime(job.created_at, this.language)}</span>
            <span>${jobDuration(job, this.now)}</span>
            ${job.status === "running" && job.progress ? html`<span>${job.progress}%</span>` : nothing}
            ${job.device ? html`<span>→ ${job.device}</span>` : nothing}
            ${job.builder && job.builder !== "local" ? html`<span>on ${job.builder}</span>` : nothing}
          </span>
          ${progressBar(job)}
        </button>
        ${isTerminal(job)
          ? nothing
          : html`<button class="eb danger cancel" ?disabled=${cancelling}
              @click=${() => this._fire("eb-cancel-job", job.job_id)}>${cancelling ? "Cancelling…" : "Cancel"}</button>`}
      </div>
    `;
  }

  static override styles = [
    shared,
    listSectionStyles,
    css`
      .job {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 0;
      }
      .job + .job {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .open {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 12px 16px;
        border: none;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .what {
        overflow-wrap: anywhere;
      }
      .line.secondary {
        font-size: 13px;
      }
      .progress {
        max-width: 480px;
      }
    `,
  ];
}

defineOnce("esphome-builder-jobs", EsphomeBuilderJobs);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-jobs": EsphomeBuilderJobs;
  }
}
