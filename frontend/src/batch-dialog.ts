/**
 * Update all, Validate all and Retry failed: first `batches/preview`, which
 * says what would run and what would be skipped and why, then, on confirm,
 * `batches/start` with the same fields. Nothing starts before the confirm.
 */

import { LitElement, css, html, nothing } from "lit";
import { query, state } from "lit/decorators.js";

import { type Connection, errorMessage } from "./api.js";
import { type BatchPreview, type BatchRequest, batchApi } from "./batch-api.js";
import { dialogStyles, shared } from "./styles.js";
import { ACTION_LABELS, defineOnce } from "./util.js";

/** What the dialog is asked for: a title, an explanation and the request. */
export interface BatchAsk {
  title: string;
  intro: string;
  request: BatchRequest;
  /** The "include offline devices" box starts ticked (a retry of such a batch). */
  includeOffline?: boolean;
}

// Only these flash a device: they skip offline ones, and may start with a canary.
const FLASHING = new Set(["install", "upload"]);

export class EsphomeBuilderBatchDialog extends LitElement {
  @state() private _ask?: BatchAsk;
  @state() private _includeOffline = false;
  @state() private _canary = 0;
  @state() private _preview?: BatchPreview;
  @state() private _error = "";
  @state() private _busy = false;
  @query("dialog") private _dialog!: HTMLDialogElement;

  private _conn?: Connection;
  private _seq = 0;
  private _resolve?: (batchId: string | null) => void;

  /** Preview, then start on confirm: resolve to the batch id, or null when cancelled. */
  async open(conn: Connection, ask: BatchAsk): Promise<string | null> {
    this._resolve?.(null);
    this._conn = conn;
    this._ask = ask;
    this._includeOffline = ask.includeOffline ?? false;
    this._canary = 0;
    this._error = "";
    this._busy = false;
    await this.updateComplete;
    this._dialog.showModal();
    void this._refresh();
    return new Promise((resolve) => {
      this._resolve = resolve;
    });
  }

  private get _request(): BatchRequest {
    const request: BatchRequest = { ...this._ask!.request };
    // Always said: a retry would otherwise inherit the earlier batch's choice.
    request.include_offline = this._includeOffline;
    if (this._canary > 0) request.canary = this._canary;
    return request;
  }

  private get _flashing(): boolean {
    return FLASHING.has(this._preview?.action ?? this._ask?.request.action ?? "");
  }

  private async _refresh(): Promise<void> {
    const seq = ++this._seq;
    this._preview = undefined;
    this._error = "";
    try {
      const preview = await batchApi.preview(this._conn!, this._request);
      if (seq === this._seq) this._preview = preview;
    } catch (err) {
      if (seq === this._seq) this._error = errorMessage(err);
    }
  }

  private _finish(value: string | null): void {
    const resolve = this._resolve;
    this._resolve = undefined;
    this._seq++;
    if (this._dialog.open) this._dialog.close();
    resolve?.(value);
  }

  private async _submit(ev: Event): Promise<void> {
    ev.preventDefault();
    if (!this._preview?.run.length || this._busy) return;
    this._busy = true;
    this._error = "";
    try {
      const { batch_id } = await batchApi.start(this._conn!, this._request);
      this._finish(batch_id);
    } catch (err) {
      this._error = `Could not start: ${errorMessage(err)}`;
    } finally {
      this._busy = false;
    }
  }

  private _renderOptions() {
    if (!this._flashing) return nothing;
    return html`<div class="options">
      <label class="option">
        <input type="checkbox" name="include_offline" .checked=${this._includeOffline}
          @change=${(ev: Event) => {
            this._includeOffline = (ev.target as HTMLInputElement).checked;
            void this._refresh();
          }} />
        <span>Include offline devices <span class="secondary">(and those Home Assistant does not know)</span></span>
      </label>
      ${this._ask?.request.retry_failed
        ? nothing
        : html`<label class="option canary">
            <span>Canary</span>
            <input type="number" name="canary" min="0" max="99" inputmode="numeric" .value=${String(this._canary)}
              @input=${(ev: Event) => {
                const value = Math.floor(Number((ev.target as HTMLInputElement).value));
                this._canary = Number.isFinite(value) && value > 0 ? Math.min(value, 99) : 0;
                void this._refresh();
              }} />
            <span class="secondary">run this many first; the rest only if they all succeed</span>
          </label>`}
    </div>`;
  }

  private _renderPreview() {
    if (this._error && !this._preview) return html`<p class="error" role="alert">${this._error}</p>`;
    const preview = this._preview;
    if (!preview) return html`<p class="secondary checking">Checking what would run…</p>`;
    return html`
      <h3>Will run (${preview.run.length})</h3>
      ${preview.run.length
        ? html`<ul class="run">
            ${preview.run.map(
              (item, i) => html`<li data-configuration=${item.configuration}>
                <span class="name">${item.configuration}</span>
                ${i < preview.canary ? html`<span class="chip queued">canary</span>` : nothing}
                ${item.device ? html`<span class="secondary">→ ${item.device}</span>` : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="secondary nothing">Nothing would run.</p>`}
      ${preview.skipped.length
        ? html`<h3>Skipped (${preview.skipped.length})</h3>
            <ul class="skipped">
              ${preview.skipped.map(
                (item) => html`<li data-configuration=${item.configuration}>
                  <span class="name">${item.configuration}</span>
                  <span class="reason secondary">${item.reason}</span>
                </li>`,
              )}
            </ul>`
        : nothing}
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
    `;
  }

  protected override render() {
    const preview = this._preview;
    const label = ACTION_LABELS[preview?.action ?? this._ask?.request.action ?? ""] ?? "Start";
    return html`
      <dialog @close=${() => this._finish(null)} @cancel=${() => this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${this._ask?.title}</h2>
          <p class="secondary">${this._ask?.intro}</p>
          ${this._renderOptions()}
          <div class="preview" aria-live="polite">${this._renderPreview()}</div>
          <div class="buttons">
            <button class="eb" type="button" @click=${() => this._finish(null)}>Cancel</button>
            <button class="eb primary confirm" type="submit" ?disabled=${!preview?.run.length || this._busy}>
              ${this._busy ? "Starting…" : preview?.run.length ? `${label} ${preview.run.length}` : label}
            </button>
          </div>
        </form>
      </dialog>
    `;
  }

  static override styles = [
    shared,
    dialogStyles,
    css`
      dialog {
        padding: 20px;
        width: min(540px, calc(100vw - 24px));
      }
      h3 {
        margin: 12px 0 4px;
        font-size: 14px;
        font-weight: 500;
      }
      p {
        margin: 4px 0;
        overflow-wrap: anywhere;
      }
      .option {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        margin: 8px 0;
        cursor: pointer;
      }
      .option.canary {
        flex-wrap: wrap;
        align-items: center;
      }
      .option.canary .secondary {
        flex: 1 1 200px;
        font-size: 13px;
      }
      input[type="checkbox"] {
        flex: none;
        accent-color: var(--primary-color);
        margin: 3px 0 0;
      }
      input[name="canary"] {
        width: 4em;
        padding: 4px 8px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      .preview {
        max-height: 45vh;
        overflow-y: auto;
        margin-top: 8px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 8px;
        padding: 6px 0;
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        overflow-wrap: anywhere;
      }
      .name {
        font-weight: 500;
        min-width: 0;
      }
      .reason {
        flex-basis: 100%;
        font-size: 13px;
      }
      .error {
        color: var(--error-color, #db4437);
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 16px;
      }
    `,
  ];
}

defineOnce("esphome-builder-batch-dialog", EsphomeBuilderBatchDialog);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-batch-dialog": EsphomeBuilderBatchDialog;
  }
}
