/**
 * Managed ESPHome above the devices: the version builds use, how many are
 * installed, the install running now, and Upgrade (the newest release, as a
 * setup job with a live log). `pin(configuration)` opens the dialog that pins
 * one configuration to a version, or removes its pin. The versions are
 * fetched again whenever a setup job ends (`jobs` changes its key).
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";

import { type HomeAssistant, type Job, errorMessage } from "./api.js";
import {
  type EsphomeVersions,
  NO_VERSIONS,
  esphomeApi,
  isVersion,
  runningInstall,
  setupKey,
} from "./esphome-api.js";
import { dialogStyles, shared } from "./styles.js";
import { defineOnce, toast } from "./util.js";

export class EsphomeBuilderVersions extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) jobs: Job[] = [];
  @state() versions: EsphomeVersions = NO_VERSIONS;
  @state() private _pinning = "";
  @state() private _choice = "";
  @state() private _exact = false;
  @state() private _error = "";
  @query("dialog") private _dialog!: HTMLDialogElement;
  private _key?: string;

  protected override willUpdate(changed: PropertyValues): void {
    if (!this.hass) return;
    const key = setupKey(this.jobs);
    if (changed.has("hass") && this._key === undefined) {
      this._key = key;
      void this._fetch();
    } else if (changed.has("jobs") && key !== this._key) {
      this._key = key;
      void this._fetch();
    }
  }

  private async _fetch(): Promise<void> {
    if (!this.hass) return;
    try {
      this.versions = await esphomeApi.versions(this.hass.connection);
      this._fire("eb-versions", this.versions);
    } catch {
      // Not loaded yet: the next setup job or reconnect fetches again.
    }
  }

  private _fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private async _upgrade(): Promise<void> {
    if (!this.hass) return;
    try {
      const { job_id } = await esphomeApi.install(this.hass.connection);
      this._fire("eb-open-job", job_id);
    } catch (err) {
      toast(this, `Could not start the install: ${errorMessage(err)}`);
    }
  }

  /** Ask which version ``configuration`` builds with. */
  async pin(configuration: string): Promise<void> {
    this._pinning = configuration;
    this._choice = this.versions.pins[configuration] ?? "";
    this._exact = (this.versions.exact ?? []).includes(configuration);
    this._error = "";
    await this.updateComplete;
    this._dialog.showModal();
  }

  private async _save(version: string | null): Promise<void> {
    if (!this.hass) return;
    if (version !== null && !isVersion(version)) {
      this._error = "Enter an ESPHome release such as 2026.10.0.";
      return;
    }
    try {
      const exact = version !== null && this._exact;
      const { pins } = await esphomeApi.pin(this.hass.connection, this._pinning, version, exact);
      const others = (this.versions.exact ?? []).filter((c) => c !== this._pinning);
      this.versions = { ...this.versions, pins, exact: exact ? [...others, this._pinning] : others };
      this._fire("eb-versions", this.versions);
      this._dialog.close();
    } catch (err) {
      this._error = errorMessage(err);
    }
  }

  protected override render() {
    const { managed, installed } = this.versions;
    const current = this.versions.default;
    const install = runningInstall(this.jobs);
    return html`
      ${managed
        ? html`<div class="bar card">
            <span class="what">
              ${current ? html`ESPHome <b class="default">${current}</b>` : "ESPHome is not installed yet"}
              ${current && !installed.includes(current) ? html`<span class="missing">(not installed yet)</span>` : nothing}
              <span class="secondary">· managed · ${installed.length} installed</span>
            </span>
            ${install
              ? html`<button class="link installing" @click=${() => this._fire("eb-open-job", install.job_id)}>
                  Installing ${install.configuration.replace("esphome==", "ESPHome ")}…</button>`
              : html`<button class="eb upgrade" title="Install the newest ESPHome release and build with it"
                  @click=${this._upgrade}>Upgrade ESPHome</button>`}
          </div>`
        : nothing}
      <dialog @close=${() => (this._pinning = "")}>
        <form @submit=${(ev: Event) => {
          ev.preventDefault();
          void this._save(this._choice.trim());
        }}>
          <h2>ESPHome for ${this._pinning}</h2>
          <p class="secondary">A pinned configuration builds with this version, installed when needed.
            The others build with ${current ? `ESPHome ${current}` : "the default version"}.</p>
          <input name="version" type="text" list="eb-installed" autocomplete="off" spellcheck="false"
            placeholder="2026.10.0" .value=${this._choice}
            @input=${(ev: Event) => (this._choice = (ev.target as HTMLInputElement).value)} />
          <datalist id="eb-installed">${installed.map((v) => html`<option value=${v}></option>`)}</datalist>
          <label class="exact">
            <input type="checkbox" .checked=${this._exact}
              @change=${(ev: Event) => (this._exact = (ev.target as HTMLInputElement).checked)} />
            <span>Exact match: never build it on a remote builder that runs another version</span>
          </label>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          <div class="buttons">
            ${this.versions.pins[this._pinning]
              ? html`<button class="eb unpin" type="button" @click=${() => this._save(null)}>Remove pin</button>`
              : nothing}
            <span class="spacer"></span>
            <button class="eb" type="button" @click=${() => this._dialog.close()}>Cancel</button>
            <button class="eb primary" type="submit">Pin</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static override styles = [
    shared,
    dialogStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 16px;
        margin: 0 0 16px;
      }
      .what {
        flex: 1 1 220px;
        min-width: 0;
      }
      /* As tall as the Upgrade button it replaces: the bar keeps its height. */
      .installing {
        min-height: 32px;
      }
      .missing {
        color: var(--secondary-text-color);
      }
      input[name="version"] {
        box-sizing: border-box;
        width: 100%;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      .exact {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        margin: 12px 0 0;
        font-size: 14px;
        cursor: pointer;
      }
      .exact input {
        accent-color: var(--primary-color);
        margin: 2px 0 0;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        gap: 8px;
        margin-top: 20px;
      }
      .spacer {
        flex: 1;
      }
    `,
  ];
}

defineOnce("esphome-builder-versions", EsphomeBuilderVersions);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-versions": EsphomeBuilderVersions;
  }
}
