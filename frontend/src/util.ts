/** Small helpers: durations, navigation inside Home Assistant, events. */

import type { Job } from "./api.js";

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/** How long a job ran (or has been running, or queued, at `now`). */
export function jobDuration(job: Job, now: number): string {
  const start = Date.parse(job.started_at ?? job.created_at);
  if (Number.isNaN(start)) return "";
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return formatDuration(end - start);
}

export function formatTime(iso: string | null, language?: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const sameDay = new Date().toDateString() === date.toDateString();
  return date.toLocaleString(language, sameDay ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" });
}

export const ACTION_LABELS: Record<string, string> = {
  validate: "Validate",
  compile: "Compile",
  upload: "Upload",
  install: "Install",
  clean: "Clean",
  logs: "Logs",
  rollback: "Roll back",
  setup: "Install ESPHome",
};

/** Navigate within Home Assistant's frontend, as its own `navigate()` does. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new CustomEvent("location-changed", { detail: { replace } }));
}

/** Show a toast through Home Assistant's notification manager. */
export function toast(el: HTMLElement, message: string): void {
  el.dispatchEvent(new CustomEvent("hass-notification", { detail: { message }, bubbles: true, composed: true }));
}

/** Copy text; falls back to a hidden textarea where the Clipboard API is not available (plain http). */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand("copy")) throw new Error("copy refused");
  } finally {
    area.remove();
  }
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Define a custom element unless it exists: after an update HA may load a new
 * version of the bundle into a page that still holds the old one.
 */
export function defineOnce(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
