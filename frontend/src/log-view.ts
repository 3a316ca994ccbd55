/**
 * A virtualized log: only the rows in view (plus a small overscan) exist in
 * the DOM, whatever the size of the log, so a job printing a million lines
 * costs the browser a few dozen elements. Rows have a fixed height; a spacer
 * gives the scrollbar the full length.
 *
 * It follows the tail until the user scrolls up, then holds still (also while
 * old lines are trimmed above) and offers "Jump to end".
 *
 * Every line is bound as text: nothing here ever parses a line as HTML.
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";

import type { LogLine, LogModel } from "./log-model.js";
import { logPalette } from "./styles.js";
import { defineOnce } from "./util.js";

/** Row height in px; the stylesheet uses the same value. */
export const ROW_HEIGHT = 18;
const OVERSCAN = 20;

export class EsphomeBuilderLog extends LitElement {
  @property({ attribute: false }) model?: LogModel;
  /** Bump to re-render after the model changed. */
  @property({ type: Number }) version = 0;
  /** Shown when the log has no line yet. */
  @property() placeholder = "";

  @state() private _following = true;
  @state() private _scrollTop = 0;
  @state() private _viewport = 400;

  @query(".scroller") private _scroller?: HTMLElement;

  // The line at the top of the view while paused, so that trimming old lines
  // does not move what the user reads.
  private _anchorId = -1;
  private _anchorOffset = 0;
  private _target = 0;
  private _resize?: ResizeObserver;
  private _scrollFrame = 0;

  /** Whether new lines scroll into view (false once the user scrolls up). */
  get following(): boolean {
    return this._following;
  }

  /** How many rows the DOM holds now (for tests of the bound). */
  get renderedRows(): number {
    return this.renderRoot?.querySelectorAll(".row").length ?? 0;
  }

  jumpToEnd(): void {
    this._following = true;
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._resize = new ResizeObserver(() => {
      const height = this._scroller?.clientHeight ?? 0;
      if (height && height !== this._viewport) this._viewport = height;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    if (this._scrollFrame) cancelAnimationFrame(this._scrollFrame);
    this._scrollFrame = 0;
  }

  protected override firstUpdated(): void {
    if (this._scroller) {
      this._resize?.observe(this._scroller);
      this._viewport = this._scroller.clientHeight || this._viewport;
    }
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const total = this.model?.rowCount ?? 0;
    const max = Math.max(0, total * ROW_HEIGHT - this._viewport);
    if (this._following) {
      this._target = max;
    } else {
      const row = this._anchorId >= 0 && this.model ? this.model.rowOf(this._anchorId) : -1;
      this._target = row >= 0 ? Math.min(max, row * ROW_HEIGHT + this._anchorOffset) : Math.min(this._scrollTop, max);
    }
    this._scrollTop = this._target;
  }

  protected override updated(): void {
    const scroller = this._scroller;
    if (scroller && Math.abs(scroller.scrollTop - this._target) >= 1) {
      scroller.scrollTop = this._target;
    }
  }

  private _onScroll = (): void => {
    if (this._scrollFrame) return;
    // One read per frame however fast the wheel spins.
    this._scrollFrame = requestAnimationFrame(() => {
      this._scrollFrame = 0;
      const scroller = this._scroller;
      if (!scroller || !this.model) return;
      const top = scroller.scrollTop;
      const atEnd = top + scroller.clientHeight >= scroller.scrollHeight - ROW_HEIGHT / 2;
      this._following = atEnd;
      const index = Math.floor(top / ROW_HEIGHT);
      const row = index < this.model.rowCount ? this.model.row(index) : undefined;
      this._anchorId = row && row.id >= 0 ? row.id : -1;
      this._anchorOffset = top - index * ROW_HEIGHT;
      this._scrollTop = top;
    });
  };

  // Scrolling up is a request to stop following, even if a batch of lines
  // arrives before the scroll event is read.
  private _onWheel = {
    handleEvent: (ev: WheelEvent): void => {
      if (ev.deltaY < 0 && this._following) this._pause();
    },
    passive: true,
  };

  private _onKey = (ev: KeyboardEvent): void => {
    if (ev.key === "End") {
      ev.preventDefault();
      this.jumpToEnd();
    } else if (["ArrowUp", "PageUp", "Home"].includes(ev.key) && this._following) {
      this._pause();
    }
  };

  private _pause(): void {
    const scroller = this._scroller;
    if (!scroller || !this.model) return;
    const top = scroller.scrollTop;
    const index = Math.min(Math.floor(top / ROW_HEIGHT), this.model.rowCount - 1);
    const row = index >= 0 ? this.model.row(index) : undefined;
    this._anchorId = row && row.id >= 0 ? row.id : -1;
    this._anchorOffset = top - index * ROW_HEIGHT;
    this._following = false;
  }

  protected override render() {
    const model = this.model;
    const total = model?.rowCount ?? 0;
    const first = Math.max(0, Math.floor(this._scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this._scrollTop + this._viewport) / ROW_HEIGHT) + OVERSCAN);
    const rows: LogLine[] = [];
    for (let i = first; i < last; i++) rows.push(model!.row(i));
    return html`
      <div class="scroller" tabindex="0" role="log" aria-live="off" @scroll=${this._onScroll} @wheel=${this._onWheel}
        @keydown=${this._onKey}>
        <div class="spacer" style="height:${total * ROW_HEIGHT}px">
          <div class="rows" style="transform:translateY(${first * ROW_HEIGHT}px)">
            ${rows.map((row) => this._renderRow(row))}
          </div>
        </div>
        ${total === 0 && this.placeholder ? html`<div class="placeholder">${this.placeholder}</div>` : nothing}
      </div>
      ${this._following || total === 0
        ? nothing
        : html`<button class="jump" @click=${this.jumpToEnd}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z" /></svg>
            Jump to end
          </button>`}
    `;
  }

  private _renderRow(row: LogLine) {
    const cls = row.kind === "marker" ? "row marker" : row.level ? `row lv-${row.level}` : "row";
    return html`<div class=${cls}>${row.segments.map((seg) =>
      seg.cls || seg.style ? html`<span class=${seg.cls} style=${seg.style}>${seg.text}</span>` : seg.text,
    )}</div>`;
  }

  static override styles = [
    logPalette,
    css`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        background: var(--eb-log-bg);
        color: var(--eb-log-fg);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        border-radius: var(--ha-card-border-radius, 12px);
        overflow: hidden;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
        font-size: 12.5px;
        outline: none;
        overscroll-behavior: contain;
      }
      .spacer {
        position: relative;
        min-width: 100%;
        width: max-content;
      }
      .rows {
        padding: 0 12px;
        will-change: transform;
      }
      .row {
        height: 18px;
        line-height: 18px;
        white-space: pre;
        overflow: hidden;
      }
      .marker {
        color: var(--eb-marker-fg);
        font-style: italic;
        background: var(--eb-marker-bg);
        margin: 0 -12px;
        padding: 0 12px;
      }
      .placeholder {
        position: absolute;
        inset: 16px;
        color: var(--secondary-text-color);
        font-family: var(--paper-font-body1_-_font-family, inherit);
      }
      .jump {
        position: absolute;
        right: 16px;
        bottom: 16px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 8px 14px 8px 10px;
        border: none;
        border-radius: 18px;
        background: var(--primary-color);
        color: var(--text-primary-color, #fff);
        font: inherit;
        font-weight: 500;
        cursor: pointer;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .jump svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
    `,
  ];
}

defineOnce("esphome-builder-log", EsphomeBuilderLog);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-log": EsphomeBuilderLog;
  }
}
