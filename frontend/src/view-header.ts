/**
 * The header card that the job, batch and builds views share: a round back
 * button, then the title and a meta line beside it. Each view adds its own
 * rows and buttons; the class names (`header`, `top`, `back`, `what`,
 * `title`, `meta`, `buttons`) are what the e2e drivers select.
 */

import { css, html } from "lit";

/** The back button; `label` is its tooltip and accessible name ("All jobs"). */
export function backButton(label: string, onBack: () => void) {
  return html`<button class="eb back" @click=${onBack} title=${label} aria-label=${label}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20,11V13H8L13.5,18.5L12.08,19.92L4.16,12L12.08,4.08L13.5,5.5L8,11H20Z" /></svg>
  </button>`;
}

/** The view, a column of cards; the header card, its top row, the back button, the title column. */
export const viewHeaderStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px 12px;
  }
  .top {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
  button.eb.back {
    flex: none;
    padding: 0;
    width: 36px;
    min-height: 36px;
    border-radius: 50%;
    border: none;
    color: var(--primary-text-color);
  }
  button.eb.back svg {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }
  .what {
    flex: 1;
    min-width: 180px;
  }
  .title {
    font-size: 16px;
    overflow-wrap: anywhere;
  }
`;

/** A meta line of chips and spans under the title, and a row of buttons. */
export const headerMetaStyles = css`
  .meta {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
    margin-top: 2px;
    font-size: 13px;
  }
  .buttons {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
`;
