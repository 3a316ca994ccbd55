/** The panel's frame: toolbar with the tabs, the connection banner, the main area. */

import { css } from "lit";

export const panelStyles = css`
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
`;
