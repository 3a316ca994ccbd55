/**
 * One configuration's archived builds, newest first: when, which ESPHome,
 * how large, the last known good one, a Download per image and a Roll back
 * per build (the panel confirms it, starts the job and opens its log).
 *
 * The list comes from `builds/list` when the view opens, and again when
 * `revision` changes (the panel's live data bumps it when the server says
 * the configuration's archive gained or dropped a build, or after a
 * resubscription) and when a flash of the configuration completes (the last
 * known good may move).
 */

import { LitElement, type PropertyValues, css, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";

import { type Device, type HomeAssistant, type Job, type JobStatus, errorMessage, isTerminal } from "./api.js";
import {
  ARTIFACT_LABELS,
  type Artifact,
  type Build,
  buildSize,
  buildsApi,
  canRollBack,
  formatBuildTime,
  formatBytes,
  flashedSince,
  startDownload,
  statusesOf,
} from "./builds-api.js";
import { statusChip } from "./job-parts.js";
import { followLink, jobPath } from "./routing.js";
import { shared } from "./styles.js";
import { ACTION_LABELS, defineOnce, toast } from "./util.js";
import { backButton, viewHeaderStyles } from "./view-header.js";

/** What the panel is asked to roll back, with the line its confirm step shows. */
export interface RollbackRequest {
  configuration: string;
  buildId: string;
  note: string;
}

export class EsphomeBuilderBuilds extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property() configuration = "";
  @property() base = "";
  /** The configuration's device, for its name (undefined until known). */
  @property({ attribute: false }) device?: Device;
  /** The live jobs, newest first. */
  @property({ attribute: false }) jobs: Job[] = [];
  /** Changes when the configuration's builds may have changed (live-data's buildsRevision). */
  @property() revision = "";

  @state() private _builds?: Build[];
  @state() private _error = "";
  @state() private _downloading = new Set<string>();

  private _seen = new Map<string, JobStatus>();
  private _seq = 0;
  private _shown = "";

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM (HA keeps panels around): fetch again.
    if (this.hasUpdated && this.configuration) this._reset();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._seq++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.isConnected || !this.hass || !this.configuration) return;
    if (this._shown !== this.configuration) {
      this._reset();
      return;
    }
    let refetch = changed.has("revision");
    if (changed.has("jobs")) {
      refetch ||= flashedSince(this._seen, this.jobs, this.configuration);
      this._seen = statusesOf(this.jobs, this.configuration);
    }
    if (refetch) void this._fetch();
  }

  private _reset(): void {
    this._shown = this.configuration;
    this._builds = undefined;
    this._error = "";
    this._seen = statusesOf(this.jobs, this.configuration);
    void this._fetch();
  }

  private async _fetch(): Promise<void> {
    if (!this.hass) return;
    // Only the newest answer counts: an older one may miss a later change.
    const seq = ++this._seq;
    try {
      const { builds } = await buildsApi.list(this.hass.connection, this.configuration);
      if (seq !== this._seq) return;
      this._builds = builds;
      this._error = "";
    } catch (err) {
      if (seq !== this._seq) return;
      this._error = errorMessage(err);
    }
  }

  private async _download(artifact: Artifact): Promise<void> {
    if (!this.hass || this._downloading.has(artifact.artifact_id)) return;
    this._downloading = new Set([...this._downloading, artifact.artifact_id]);
    try {
      const { url } = await buildsApi.download(this.hass.connection, artifact.artifact_id);
      startDownload(url);
    } catch (err) {
      toast(this, `Could not download: ${errorMessage(err)}`);
    } finally {
      const downloading = new Set(this._downloading);
      downloading.delete(artifact.artifact_id);
      this._downloading = downloading;
    }
  }

  private _fire(name: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private _rollback(build: Build): void {
    const version = build.esphome_version ? ` (ESPHome ${build.esphome_version})` : "";
    const when = formatBuildTime(build.created_at, this.hass?.language);
    const request: RollbackRequest = {
      configuration: this.configuration,
      buildId: build.build_id,
      note: `Flash the build of ${when}${version} again. Nothing is compiled.`,
    };
    this._fire("eb-rollback", request);
  }

  private _renderArtifact(artifact: Artifact) {
    const busy = this._downloading.has(artifact.artifact_id);
    return html`<div class="artifact" data-kind=${artifact.kind}>
      <span class="kind">${ARTIFACT_LABELS[artifact.kind] ?? artifact.kind}</span>
      <span class="secondary">${formatBytes(artifact.size)}</span>
      <button class="eb download" data-artifact-id=${artifact.artifact_id} ?disabled=${busy}
        @click=${() => void this._download(artifact)}>${busy ? "Preparing…" : "Download"}</button>
    </div>`;
  }

  private _renderBuild(build: Build) {
    const job = this.jobs.find((j) => j.job_id === build.job_id);
    const flashable = canRollBack(build);
    return html`
      <div class="build" data-build-id=${build.build_id} ?data-last-known-good=${build.last_known_good}>
        <div class="line">
          <span class="when" title=${build.created_at}>${formatBuildTime(build.created_at, this.hass?.language)}</span>
          ${build.last_known_good
            ? html`<span class="chip completed good" title="The newest build that was flashed and ran">Last known good</span>`
            : nothing}
          <span class="secondary version">${build.esphome_version ? `ESPHome ${build.esphome_version}` : "ESPHome version unknown"}</span>
          <span class="secondary size">${formatBytes(buildSize(build))}</span>
          <button class="eb rollback" ?disabled=${!flashable} @click=${() => this._rollback(build)}
            title=${flashable ? "Flash this build again" : "This build has no image to send over the air"}>Roll back…</button>
        </div>
        <div class="artifacts">${build.artifacts.map((artifact) => this._renderArtifact(artifact))}</div>
        <div class="details secondary">
          ${build.config_hash ? html`<span title="Hash of the configuration it was built from">config ${build.config_hash.slice(0, 8)}</span>` : nothing}
          ${build.builder && build.builder !== "local" ? html`<span>on ${build.builder}</span>` : nothing}
          ${job ? html`<a class="log" href=${jobPath(this.base, job.job_id)} @click=${followLink}>Build log</a>` : nothing}
        </div>
      </div>
    `;
  }

  private _renderActive() {
    const job = this.jobs.find((j) => j.configuration === this.configuration && !isTerminal(j));
    if (!job) return nothing;
    return html`<div class="active secondary">
      ${statusChip(job)} <span>${ACTION_LABELS[job.action] ?? job.action}${job.action === "compile" || job.action === "install" ? ": its build appears here once it completes." : ""}</span>
      <a href=${jobPath(this.base, job.job_id)} @click=${followLink}>Log</a>
    </div>`;
  }

  protected override render() {
    const device = this.device;
    const title = device?.friendly_name || device?.name || this.configuration;
    const builds = this._builds;
    return html`
      <div class="card header">
        <div class="top">
          ${backButton("All devices", () => this._fire("eb-back"))}
          <div class="what">
            <div class="title">Builds · ${title}</div>
            <div class="secondary meta">${this.configuration}${builds ? ` · ${builds.length} build${builds.length === 1 ? "" : "s"}` : ""}</div>
          </div>
        </div>
        <div class="secondary intro">Each successful compile or install on this machine keeps its images here.
          <i>Roll back</i> flashes an archived build again, without compiling.</div>
        ${this._renderActive()}
        ${this._error ? html`<div class="error fetch-error">${this._error}</div>` : nothing}
      </div>
      ${builds === undefined
        ? this._error ? nothing : html`<div class="empty">Loading…</div>`
        : builds.length
          ? html`<div class="card list">${builds.map((build) => this._renderBuild(build))}</div>`
          : html`<div class="empty none">No archived builds yet. Compile or install this configuration to keep one.</div>`}
    `;
  }

  static override styles = [
    shared,
    viewHeaderStyles,
    css`
      :host {
        min-width: 0;
      }
      .top {
        flex-wrap: nowrap;
      }
      .what {
        min-width: 0;
      }
      .meta,
      .intro,
      .details {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .active {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 13px;
      }
      .list {
        overflow: hidden;
      }
      .build {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 12px 16px;
        min-width: 0;
      }
      .build + .build {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .line {
        display: flex;
        align-items: center;
        gap: 6px 12px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .when {
        font-weight: 500;
      }
      .rollback {
        margin-left: auto;
      }
      .artifacts {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .artifact {
        display: flex;
        align-items: center;
        gap: 6px 12px;
        flex-wrap: wrap;
        padding: 6px 10px;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        font-size: 14px;
      }
      .artifact .kind {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .artifact .download {
        margin-left: auto;
      }
      .details {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
      }
      a {
        color: var(--primary-color);
        text-decoration: none;
        font-weight: 500;
      }
      a:hover {
        text-decoration: underline;
      }
      .error {
        color: var(--error-color, #db4437);
        font-size: 13px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];
}

defineOnce("esphome-builder-builds", EsphomeBuilderBuilds);

declare global {
  interface HTMLElementTagNameMap {
    "esphome-builder-builds": EsphomeBuilderBuilds;
  }
}
