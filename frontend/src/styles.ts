/**
 * Shared styles. Everything derives from Home Assistant's theme variables, so
 * the panel follows the user's theme, light or dark. The log palette has a
 * light and a dark variant (the host carries a `dark` attribute from
 * `hass.themes.darkMode`): ANSI yellow on white is unreadable otherwise.
 */

import { css } from "lit";

export const logPalette = css`
  :host {
    --eb-log-bg: var(--esphome-builder-log-background, #fbfbfb);
    --eb-log-fg: var(--esphome-builder-log-color, #1f2328);
    --eb-marker-bg: rgba(127, 127, 127, 0.14);
    --eb-marker-fg: var(--secondary-text-color, #666);
    --eb-c0: #000000;
    --eb-c1: #c4262e;
    --eb-c2: #107c10;
    --eb-c3: #8a6d00;
    --eb-c4: #0451a5;
    --eb-c5: #a626a4;
    --eb-c6: #0e7490;
    --eb-c7: #5c5c5c;
    --eb-c8: #6e6e6e;
    --eb-c9: #e01b24;
    --eb-c10: #138a13;
    --eb-c11: #9a7b00;
    --eb-c12: #1a66c8;
    --eb-c13: #c030c0;
    --eb-c14: #0f8aa5;
    --eb-c15: #333333;
  }
  :host([dark]) {
    --eb-log-bg: var(--esphome-builder-log-background, #121212);
    --eb-log-fg: var(--esphome-builder-log-color, #d4d4d4);
    --eb-c0: #5a5a5a;
    --eb-c1: #f14c4c;
    --eb-c2: #23d18b;
    --eb-c3: #e5e510;
    --eb-c4: #3b8eea;
    --eb-c5: #d670d6;
    --eb-c6: #29b8db;
    --eb-c7: #cccccc;
    --eb-c8: #808080;
    --eb-c9: #ff6b6b;
    --eb-c10: #3ee6a0;
    --eb-c11: #f5f543;
    --eb-c12: #6aaaf2;
    --eb-c13: #e38de3;
    --eb-c14: #5fd0ec;
    --eb-c15: #f0f0f0;
  }
  .f0 { color: var(--eb-c0); } .f1 { color: var(--eb-c1); } .f2 { color: var(--eb-c2); }
  .f3 { color: var(--eb-c3); } .f4 { color: var(--eb-c4); } .f5 { color: var(--eb-c5); }
  .f6 { color: var(--eb-c6); } .f7 { color: var(--eb-c7); } .f8 { color: var(--eb-c8); }
  .f9 { color: var(--eb-c9); } .f10 { color: var(--eb-c10); } .f11 { color: var(--eb-c11); }
  .f12 { color: var(--eb-c12); } .f13 { color: var(--eb-c13); } .f14 { color: var(--eb-c14); }
  .f15 { color: var(--eb-c15); }
  .b0 { background: var(--eb-c0); } .b1 { background: var(--eb-c1); } .b2 { background: var(--eb-c2); }
  .b3 { background: var(--eb-c3); } .b4 { background: var(--eb-c4); } .b5 { background: var(--eb-c5); }
  .b6 { background: var(--eb-c6); } .b7 { background: var(--eb-c7); } .b8 { background: var(--eb-c8); }
  .b9 { background: var(--eb-c9); } .b10 { background: var(--eb-c10); } .b11 { background: var(--eb-c11); }
  .b12 { background: var(--eb-c12); } .b13 { background: var(--eb-c13); } .b14 { background: var(--eb-c14); }
  .b15 { background: var(--eb-c15); }
  .fi { color: var(--eb-log-bg); }
  .bi { background: var(--eb-log-fg); }
  .bo { font-weight: 700; }
  .dm { opacity: 0.7; }
  .it { font-style: italic; }
  .un { text-decoration: underline; }
  .st { text-decoration: line-through; }
  .un.st { text-decoration: underline line-through; }
  /* ESPHome's log levels, for lines that carry no colour of their own. */
  .lv-e { color: var(--eb-c1); font-weight: 700; }
  .lv-w { color: var(--eb-c3); font-weight: 700; }
  .lv-i { color: var(--eb-c2); }
  .lv-c { color: var(--eb-c5); }
  .lv-d { color: var(--eb-c6); }
  .lv-v { color: var(--eb-c7); }
  .lv-s { color: var(--eb-c2); font-weight: 700; }
`;

export const shared = css`
  :host {
    color: var(--primary-text-color);
  }
  button.eb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: 16px;
    background: transparent;
    color: var(--primary-color);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  button.eb:hover:not([disabled]) {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.08);
  }
  button.eb:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  button.eb[disabled] {
    color: var(--disabled-text-color, #999);
    cursor: default;
  }
  button.eb.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  /* Hovered, a filled button stays filled: its text is white. */
  button.eb.primary:hover:not([disabled]) {
    background: var(--primary-color);
    filter: brightness(1.1);
  }
  button.link {
    padding: 0;
    border: none;
    background: none;
    color: var(--primary-color);
    font: inherit;
    cursor: pointer;
  }
  button.link:hover {
    text-decoration: underline;
  }
  button.eb.danger {
    color: var(--error-color, #db4437);
  }
  .card {
    background: var(--card-background-color, var(--ha-card-background, #fff));
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    background: rgba(127, 127, 127, 0.15);
    color: var(--primary-text-color);
  }
  .chip.running,
  .chip.queued,
  .chip.waiting {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.15);
    color: var(--primary-color);
  }
  .chip.completed {
    background: rgba(var(--rgb-success-color, 67, 160, 71), 0.15);
    color: var(--success-color, #43a047);
  }
  .chip.failed {
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.15);
    color: var(--error-color, #db4437);
  }
  .chip.cancelled {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.15);
    color: var(--warning-color, #ffa600);
  }
  .progress {
    height: 4px;
    border-radius: 2px;
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.18);
    overflow: hidden;
  }
  .progress > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.3s ease;
  }
  .progress.indeterminate > div {
    width: 30% !important;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from { transform: translateX(-100%); }
    to { transform: translateX(340%); }
  }
  .secondary {
    color: var(--secondary-text-color);
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--secondary-text-color);
  }
`;

/** A native <dialog> as a Home Assistant dialog: surface, radius, backdrop, title. */
export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    padding: 24px;
    width: min(420px, calc(100vw - 48px));
    max-width: calc(100vw - 24px);
    background: var(--mdc-theme-surface, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  dialog h2 {
    margin: 0 0 4px;
    font-size: 20px;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
`;

/** A block of lists under uppercase section headings (the jobs and batches lists). */
export const listSectionStyles = css`
  :host {
    display: block;
  }
  h2 {
    margin: 8px 4px 8px;
    font-size: 14px;
    font-weight: 500;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--secondary-text-color);
  }
  .list {
    margin-bottom: 24px;
    overflow: hidden;
  }
`;
