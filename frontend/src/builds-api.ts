/**
 * Archived builds as the websocket contract shapes them (`builds/list`,
 * `builds/download`), and the small decisions the builds view makes: sizes,
 * what can be rolled back, and when a job's end asks for the list again.
 */

import type { Connection, Job, JobStatus } from "./api.js";

export interface Artifact {
  artifact_id: string;
  /** ota, firmware, factory, uf2 or program (a `host:` build). */
  kind: string;
  size: number;
}

export interface Build {
  build_id: string;
  configuration: string;
  created_at: string;
  esphome_version: string | null;
  config_hash: string | null;
  build_time?: string | null;
  job_id: string;
  builder: string;
  /** The newest build that was flashed and not refused by its device. */
  last_known_good: boolean;
  artifacts: Artifact[];
}

export const buildsApi = {
  /** Newest first. */
  list: (conn: Connection, configuration: string) =>
    conn.sendMessagePromise<{ builds: Build[] }>({ type: "esphome_builder/builds/list", configuration }),
  /** A signed, short-lived, same-origin URL. */
  download: (conn: Connection, artifactId: string) =>
    conn.sendMessagePromise<{ url: string }>({ type: "esphome_builder/builds/download", artifact_id: artifactId }),
};

export const ARTIFACT_LABELS: Record<string, string> = {
  ota: "OTA image",
  firmware: "Firmware",
  factory: "Factory image",
  uf2: "UF2 image",
  program: "Program",
};

// What a rollback can send over the air (the server picks in this order).
const FLASHABLE = new Set(["ota", "firmware", "uf2", "program"]);

export function canRollBack(build: Build): boolean {
  return build.artifacts.some((artifact) => FLASHABLE.has(artifact.kind));
}

export function buildSize(build: Build): number {
  return build.artifacts.reduce((sum, artifact) => sum + artifact.size, 0);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * When a build was made: with seconds today (two compiles a minute apart
 * must read differently), with the date otherwise.
 */
export function formatBuildTime(iso: string, language?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const sameDay = new Date().toDateString() === date.toDateString();
  return date.toLocaleString(language, sameDay ? { timeStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" });
}

/** Each job of one configuration by its status: what the view saw last. */
export function statusesOf(jobs: readonly Job[], configuration: string): Map<string, JobStatus> {
  return new Map(jobs.filter((job) => job.configuration === configuration).map((job) => [job.job_id, job.status]));
}

// Jobs whose success moves the last known good (the server marks it when the
// job completes, before the event goes out).
const FLASHES: ReadonlySet<string> = new Set(["upload", "install", "rollback"]);

/**
 * Whether a flash of the configuration completed since `before`: the last
 * known good may have moved, which no build event says. New and pruned
 * builds come as `build_archived` / `build_removed` (the builds revision).
 */
export function flashedSince(before: ReadonlyMap<string, JobStatus>, jobs: readonly Job[], configuration: string): boolean {
  return jobs.some(
    (job) =>
      job.configuration === configuration &&
      job.status === "completed" &&
      FLASHES.has(job.action) &&
      // Unseen before: queued and completed between two updates.
      before.get(job.job_id) !== "completed",
  );
}

/**
 * Download a URL the way a link with `download` does: the browser saves it
 * under the name the server offers. The URL is same-origin and signed.
 */
export function startDownload(url: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = "";
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
