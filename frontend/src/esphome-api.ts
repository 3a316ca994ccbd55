/**
 * Managed ESPHome as the websocket contract shapes it (`esphome/versions`,
 * `esphome/pin`, `esphome/install`), and the checks the panel makes before
 * it asks: the server checks again.
 */

import type { Connection, Job } from "./api.js";

export interface EsphomeVersions {
  /** The version a configuration without a pin builds with (null: none yet). */
  default: string | null;
  /** Oldest first. */
  installed: string[];
  pins: Record<string, string>;
  /** Pins no remote builder on another version may build. */
  exact?: string[];
  /** Local builds run these versions (else the user's own command). */
  managed: boolean;
}

export const NO_VERSIONS: EsphomeVersions = { default: null, installed: [], pins: {}, managed: false };

// ESPHome's release versions: 2026.10.0, 2026.11.0b2.
const VERSION = /^20\d\d\.\d{1,2}\.\d{1,3}(?:(?:a|b|rc)\d{1,3})?$/;

export function isVersion(text: string): boolean {
  return VERSION.test(text);
}

export const esphomeApi = {
  versions: (conn: Connection) =>
    conn.sendMessagePromise<EsphomeVersions>({ type: "esphome_builder/esphome/versions" }),
  /** A null version unpins. */
  pin: (conn: Connection, configuration: string, version: string | null, exact = false) =>
    conn.sendMessagePromise<{ pins: Record<string, string> }>({
      type: "esphome_builder/esphome/pin",
      configuration,
      version,
      exact,
    }),
  /** Without a version: the newest release (Upgrade). Follow the job like any other. */
  install: (conn: Connection, version?: string) =>
    conn.sendMessagePromise<{ job_id: string }>({
      type: "esphome_builder/esphome/install",
      ...(version ? { version } : {}),
    }),
};

/** The install running now, if any: the newest setup job that has not ended. */
export function runningInstall(jobs: readonly Job[]): Job | undefined {
  return jobs.find((job) => job.action === "setup" && ["queued", "running"].includes(job.status));
}

/**
 * A key that changes whenever a setup job ends: the versions are fetched
 * again then (installs and evictions change them).
 */
export function setupKey(jobs: readonly Job[]): string {
  return jobs
    .filter((job) => job.action === "setup")
    .map((job) => `${job.job_id}:${job.status}`)
    .join(",");
}
