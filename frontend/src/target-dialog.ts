/**
 * Asks where Install, Logs and Roll back should go: OTA (the address in the
 * configuration) or an address / serial port the user types. For a rollback
 * it is also the confirm step: it says which build would be flashed.
 */

import { LitElement, css, html, nothing } from "lit";
import { query, state } from "lit/decorators.js";

import { dialogStyles, shared } from "./styles.js";
import { ACTION_LABELS, defineOnce } from "./util.js";

// What the server accepts too: a host name, an IP address, or a
// serial port under /dev/. The server checks again; this only catches typos.
const TARGET = /^(?:\/dev\/[\w./-]+|[A-Za-z0-9_.:[\]%-]+)$/;

export class EsphomeBuilderTargetDialog extends LitElement {
  @state() private _action = "";
  @state() private _configuration = "";
  @state() private _mode: "ota" | "address" = "ota";
  @state() private _address = "";
  @state() private _error = "";
  @state() private _note = "";
  @query("dialog") private _dialog!: HTMLDialogElement;
  @query("input[name=address]") private _input?: HTMLInputElement;
  private _resolve?: (value: string | null) => void;

  /** Resolve to "OTA", an address, or null when the user cancels. `note` says what would happen. */
  async ask(action: string, configuration: string, note = ""): Promise<string | null> {
    this._resolve?.(null);
    this._action = action;
    this._configuration = configuration;
    this._note = note;
    this._error = "";
    await this.updateComplete;
    this._dialog.showModal();
    return new Promise((resolve) => {
      this._resolve = resolve;
    });
  }

  private _finish(value: string | null): void {
    const resolve = this._resolve;
    this._resolve = undefined;
    if (this._dialog.open) this._dialog.close();
    resolve?.(value);
  }

  private _submit(ev: Event): void {
    ev.preventDefault();
    if (this._mode === "ota") {
      this._finish("OTA");
      return;
    }
    const address = this._address.trim();
    if (!address || address.startsWith("-") || !TARGET.test(address)) {
      this._error = "Enter a host name, an IP address or a serial port such as /dev/ttyUSB0.";
      this._input?.focus();
      return;
    }
    this._finish(address);
  }

  protected override render() {
    const label = ACTION_LABELS[this._action] ?? this._action;
    return html`
      <dialog @close=${() => this._finish(null)} @cancel=${() => this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${label} ${this._configuration}</h2>
          ${this._note ? html`<p class="note">${this._note}</p>` : nothing}
          <p class="secondary">${this._action === "logs" ? "Where should the logs come from?" : "Where should the firmware go?"}</p>
          <label class="option">
            <input type="radio" name="mode" value="ota" .checked=${this._mode === "ota"}
              @change=${() => (this._mode = "ota")} />
            <span>Over the air <span class="secondary">(the address in the configuration)</span></span>
          </label>
          <label class="option">
            <input type="radio" name="mode" value="address" .checked=${this._mode === "address"}
              @change=${() => {
                this._mode = "address";
                void this.updateComplete.then(() => this._input?.focus());
              }} />
            <span>This address or serial port</span>
          </label>
          <input name="address" type="text" autocomplete="off" spellcheck="false"
            placeholder="192.168.1.50, device.local or /dev/ttyUSB0"
            .value=${this._address}
            ?disabled=${this._mode !== "address"}
            @input=${(ev: Event) => (this._address = (ev.target as HTMLInputElement).value)} />
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          <div class="buttons">
            <button class="eb" type="button" @click=${() => this._finish(null)}>Cancel</button>
            <button class="eb primary" type="submit">${label}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  static override styles = [
    shared,
    dialogStyles,
    css`
      .note {
        margin: 8px 0;
        overflow-wrap: anywhere;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 10px 0;
        cursor: pointer;
      }
      input[type="radio"] {
        accent-color: var(--primary-color);
        margin: 0;
      }
      input[name="address"] {
        box-sizing: border-box;
        width: 100%;
        margin: 4px 0 0;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      input[name="address"]:disabled {
        opacity: 0.5;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 20px;
      }
    `,
  ];
}

defineOnce("esphome-builder-target-dialog", EsphomeBuilderTargetDialog);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-target-dialog": EsphomeBuilderTargetDialog;
  }
}
