/** The recent batches, above the jobs list: each a link to its batch view. */

import { LitElement, css, html, nothing } from "lit";
import { property } from "lit/decorators.js";

import type { Batch } from "./batch-api.js";
import { BATCH_STATUS_LABELS, countsText } from "./batch-model.js";
import { batchPath, followLink } from "./routing.js";
import { listSectionStyles, shared } from "./styles.js";
import { ACTION_LABELS, defineOnce, formatTime } from "./util.js";

export const BATCHES_SHOWN = 5;

export class EsphomeBuilderBatches extends LitElement {
  /** Newest first. */
  @property({ attribute: false }) batches: Batch[] = [];
  @property() base = "";
  @property() language?: string;

  protected override render() {
    if (!this.batches.length) return nothing;
    return html`
      <h2>Batches</h2>
      <div class="card list">
        ${this.batches.slice(0, BATCHES_SHOWN).map((batch) => {
          const chip = batch.status === "completed" && batch.counts.failed ? "failed" : batch.status;
          return html`<a class="batch" href=${batchPath(this.base, batch.batch_id)} @click=${followLink}
            data-batch-id=${batch.batch_id} data-status=${batch.status}>
            <span class="line">
              <span class="chip ${chip}">${BATCH_STATUS_LABELS[batch.status] ?? batch.status}</span>
              <span class="what">${ACTION_LABELS[batch.action] ?? batch.action} ${batch.retry_of ? "retry" : "batch"}</span>
              <span class="secondary">${formatTime(batch.created_at, this.language)}</span>
            </span>
            <span class="counts secondary">${countsText(batch.counts)}</span>
          </a>`;
        })}
      </div>
    `;
  }

  static override styles = [
    shared,
    listSectionStyles,
    css`
      .batch {
        display: flex;
        flex-direction: column;
        gap: 4px;
        padding: 12px 16px;
        color: inherit;
        text-decoration: none;
      }
      .batch + .batch {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .batch:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .counts {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
    `,
  ];
}

defineOnce("esphome-builder-batches", EsphomeBuilderBatches);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-batches": EsphomeBuilderBatches;
  }
}
