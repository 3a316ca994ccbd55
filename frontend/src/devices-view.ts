/**
 * Every configuration with its platform, whether HA sees it online, the state
 * of its latest job, and the actions. Install and Logs ask for the target.
 * Builds opens the configuration's archived builds (`eb-open-builds`).
 * Update all and Validate all ask the panel for a batch (`eb-batch`).
 */

import { LitElement, css, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";

import { type Device, type Job, type JobAction, isTerminal } from "./api.js";
import { type EsphomeVersions, NO_VERSIONS } from "./esphome-api.js";
import { progressBar, statusChip } from "./job-parts.js";
import { shared } from "./styles.js";
import { ACTION_LABELS, jobDuration, defineOnce } from "./util.js";

const ACTIONS: JobAction[] = ["validate", "install", "compile", "clean", "logs"];

export interface ActionRequest {
  action: JobAction;
  configuration: string;
}

function deviceTitle(device: Device): string {
  return device.friendly_name || device.name || device.configuration;
}

export class EsphomeBuilderDevices extends LitElement {
  @property({ attribute: false }) devices: Device[] = [];
  /** The newest job of each configuration. */
  @property({ attribute: false }) latest = new Map<string, Job>();
  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean }) loading = false;
  /** Managed ESPHome: each card shows the version it builds with, and its pin. */
  @property({ attribute: false }) versions: EsphomeVersions = NO_VERSIONS;
  @state() private _filter = "";

  private _matches(device: Device, words: string[]): boolean {
    const haystack = [device.friendly_name, device.name, device.configuration, device.platform]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  }

  private _fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const words = this._filter.toLowerCase().split(/\s+/).filter(Boolean);
    const devices = [...this.devices]
      .sort((a, b) => deviceTitle(a).localeCompare(deviceTitle(b)))
      .filter((device) => this._matches(device, words));
    return html`
      <div class="top">
        <div class="filter">
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z" /></svg>
          <input type="search" placeholder="Filter devices" aria-label="Filter devices" .value=${this._filter}
            @input=${(ev: Event) => (this._filter = (ev.target as HTMLInputElement).value)} />
        </div>
        <div class="fleet">
          <button class="eb validate-all" ?disabled=${!this.devices.length} @click=${() => this._fire("eb-batch", "validate")}>
            Validate all…</button>
          <button class="eb primary update-all" ?disabled=${!this.devices.length} @click=${() => this._fire("eb-batch", "install")}>
            Update all…</button>
        </div>
      </div>
      ${devices.length
        ? html`<div class="grid">${devices.map((device) => this._renderDevice(device))}</div>`
        : html`<div class="empty">
            ${this.loading
              ? "Loading…"
              : this.devices.length
                ? "No device matches the filter."
                : "No configurations yet. Put your device YAML files into the configurations folder."}
          </div>`}
    `;
  }

  private _renderDevice(device: Device) {
    const job = this.latest.get(device.configuration);
    // Online comes from HA's esphome integration; without a linked HA device
    // "offline" would be a guess, so say what is known.
    const linked = device.known_to_ha ?? device.ha_device_id != null;
    const online = device.online === true ? true : linked && device.online === false ? false : null;
    const onlineLabel = online === true ? "Online" : online === false ? "Offline" : "Not in HA";
    const busy = job !== undefined && !isTerminal(job);
    return html`
      <div class="card device" data-configuration=${device.configuration}>
        <div class="head">
          <div class="names">
            <div class="title">${deviceTitle(device)}</div>
            <div class="secondary">${device.configuration}${device.platform ? html` · <span class="platform">${device.platform}</span>` : nothing}${device.remote
              ? html` · <span class="remote" title="Only on a remote builder">remote on ${(device.builders ?? []).join(", ")}</span>`
              : nothing}</div>
          </div>
          ${this._renderVersion(device)}
          <span class="online ${online === true ? "on" : online === false ? "off" : "unknown"}"
            title=${online == null ? "Not known to Home Assistant's ESPHome integration" : onlineLabel}>
            <span class="dot"></span>${onlineLabel}
          </span>
        </div>
        ${job
          ? html`<button class="job" @click=${() => this._fire("eb-open-job", job.job_id)} title="Show the log">
              <span class="job-line">
                <span>${ACTION_LABELS[job.action] ?? job.action}</span>
                ${statusChip(job)}
                <span class="secondary">${jobDuration(job, this.now)}</span>
                ${busy && job.progress ? html`<span class="secondary">${job.progress}%</span>` : nothing}
              </span>
              ${progressBar(job)}
            </button>`
          : html`<div class="job none secondary">No job yet</div>`}
        <div class="actions">
          ${ACTIONS.map(
            (action) => html`<button class="eb ${action === "install" ? "primary" : ""}" data-action=${action}
              @click=${() => this._fire("eb-action", { action, configuration: device.configuration } satisfies ActionRequest)}>
              ${ACTION_LABELS[action]}${action === "install" || action === "logs" ? "…" : ""}
            </button>`,
          )}
          <button class="eb builds" title="Archived builds: download, roll back"
            @click=${() => this._fire("eb-open-builds", device.configuration)}>Builds</button>
        </div>
      </div>
    `;
  }

  private _renderVersion(device: Device) {
    if (!this.versions.managed || device.remote) return nothing;
    const pinned = this.versions.pins[device.configuration];
    const version = pinned ?? this.versions.default;
    return html`<button class="version ${pinned ? "pinned" : ""}"
      title=${pinned ? `Pinned to ESPHome ${pinned}: change or remove the pin` : "Pin this device to an ESPHome version"}
      @click=${() => this._fire("eb-pin", device.configuration)}>
      ${pinned ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16,12V4H17V2H7V4H8V12L6,14V16H11.2V22H12.8V16H18V14L16,12Z" /></svg>` : nothing}
      ${version ?? "ESPHome"}
    </button>`;
  }

  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        margin: 0 0 16px;
      }
      .fleet {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-left: auto;
      }
      .filter {
        flex: 1 1 240px;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 0 12px;
        height: 44px;
        border-radius: 22px;
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
      }
      .filter svg {
        width: 20px;
        height: 20px;
        fill: var(--secondary-text-color);
        flex: none;
      }
      .filter input {
        flex: 1;
        min-width: 0;
        border: none;
        outline: none;
        background: transparent;
        color: var(--primary-text-color);
        font: inherit;
        font-size: 15px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr));
        gap: 16px;
      }
      .device {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      .names {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-size: 16px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .secondary {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .online {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--secondary-text-color);
        white-space: nowrap;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--disabled-text-color, #999);
      }
      .online.on .dot {
        background: var(--success-color, #43a047);
      }
      .online.off .dot {
        background: var(--error-color, #db4437);
      }
      .job {
        display: flex;
        flex-direction: column;
        gap: 6px;
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: none;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .job.none {
        cursor: default;
        font-size: 13px;
      }
      .job-line {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .version {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        padding: 2px 8px;
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
        border-radius: 12px;
        background: none;
        color: var(--secondary-text-color);
        font: inherit;
        font-size: 12px;
        white-space: nowrap;
        cursor: pointer;
      }
      .version.pinned {
        color: var(--primary-color);
        border-color: var(--primary-color);
      }
      .version svg {
        width: 14px;
        height: 14px;
        fill: currentColor;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `,
  ];
}

defineOnce("esphome-builder-devices", EsphomeBuilderDevices);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-devices": EsphomeBuilderDevices;
  }
}
