/**
 * Batches (fleet updates) as the websocket contract shapes them: the
 * `batches/*` commands and the batch messages of `subscribe_events`.
 */

import type { Connection, JobStatus } from "./api.js";

export type BatchAction = "validate" | "compile" | "upload" | "install";
export type BatchStatus = "running" | "completed" | "cancelled";
/** A job status, or "skipped" for a configuration the batch did not run. */
export type ItemStatus = JobStatus | "skipped";

export interface BatchItem {
  configuration: string;
  device?: string | null;
  job_id: string | null;
  status: ItemStatus;
  error: string | null;
  skipped_reason: string | null;
  started_at?: string | null;
  finished_at?: string | null;
}

export interface BatchCounts {
  completed: number;
  failed: number;
  cancelled: number;
  skipped: number;
  queued?: number;
  running?: number;
}

/** A batch; `items` only where the server sends them (get, started, completed). */
export interface Batch {
  batch_id: string;
  action: BatchAction;
  status: BatchStatus;
  created_at: string;
  finished_at: string | null;
  /** Why it stopped before running everything; null otherwise. */
  reason?: string | null;
  canary?: number;
  max_failures?: number | null;
  validate_first?: boolean;
  /** Offline devices were flashed too; a retry does the same unless told. */
  include_offline?: boolean;
  retry_of?: string | null;
  counts: BatchCounts;
  items?: BatchItem[];
}

export type BatchEventType = "batch_started" | "batch_progress" | "batch_completed";

/** What `batches/preview` and `batches/start` take (a subset of the contract). */
export interface BatchRequest {
  action?: BatchAction;
  all?: boolean;
  configurations?: string[];
  include_offline?: boolean;
  canary?: number;
  retry_failed?: string;
}

export interface BatchPreview {
  action: BatchAction;
  canary: number;
  run: { configuration: string; device: string | null }[];
  skipped: { configuration: string; reason: string }[];
}

export const batchApi = {
  preview: (conn: Connection, request: BatchRequest) =>
    conn.sendMessagePromise<BatchPreview>({ type: "esphome_builder/batches/preview", ...request }),
  start: (conn: Connection, request: BatchRequest) =>
    conn.sendMessagePromise<{ batch_id: string }>({ type: "esphome_builder/batches/start", ...request }),
  get: (conn: Connection, batchId: string) =>
    conn.sendMessagePromise<{ batch: Batch }>({ type: "esphome_builder/batches/get", batch_id: batchId }),
  cancel: (conn: Connection, batchId: string) =>
    conn.sendMessagePromise<{ batch: Batch }>({ type: "esphome_builder/batches/cancel", batch_id: batchId }),
};
