/** Small pieces of job display shared by the devices, jobs and log views. */

import { html, nothing } from "lit";

import { type Job, isTerminal } from "./api.js";

const STATUS_LABELS: Record<string, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
};

export function statusChip(job: { status: string }) {
  return html`<span class="chip ${job.status}" data-status=${job.status}>${STATUS_LABELS[job.status] ?? job.status}</span>`;
}

/** A progress bar while a job is queued or running; indeterminate without a figure. */
export function progressBar(job: Job) {
  if (isTerminal(job)) return nothing;
  const value = Math.max(0, Math.min(100, job.progress || 0));
  const indeterminate = job.status === "queued" || value === 0;
  return html`<div
    class="progress ${indeterminate ? "indeterminate" : ""}"
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${indeterminate ? nothing : value}
  >
    <div style="width:${value}%"></div>
  </div>`;
}
