/**
 * Where the panel is: devices (`/esphome-builder`), jobs (`/jobs`), one
 * job's log (`/jobs/<id>`), one batch (`/batches/<id>`) and one
 * configuration's archived builds (`/builds/<configuration>`), under whatever
 * prefix HA mounted the panel at.
 */

import { navigate } from "./util.js";

/** What Home Assistant sets as the panel's `route`. */
export interface Route {
  prefix: string;
  path: string;
}

export type View =
  | { name: "devices" }
  | { name: "jobs" }
  | { name: "job"; jobId: string }
  | { name: "batch"; batchId: string }
  | { name: "builds"; configuration: string };

export const PANEL_PATH = "/esphome-builder";

/** A path segment as text; a malformed escape stays as it is. */
function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseRoute(path: string): View {
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "jobs" && parts[1]) return { name: "job", jobId: decode(parts[1]) };
  if (parts[0] === "jobs") return { name: "jobs" };
  if (parts[0] === "batches" && parts[1]) return { name: "batch", batchId: decode(parts[1]) };
  if (parts[0] === "batches") return { name: "jobs" };
  if (parts[0] === "builds" && parts[1]) return { name: "builds", configuration: decode(parts[1]) };
  return { name: "devices" };
}

export function routePrefix(route: Route | undefined): string {
  return route?.prefix || PANEL_PATH;
}

export function currentView(route: Route | undefined): View {
  if (route) return parseRoute(route.path);
  // Before HA hands over a route (first render), the address bar knows.
  const path = location.pathname.startsWith(PANEL_PATH) ? location.pathname.slice(PANEL_PATH.length) : "";
  return parseRoute(path);
}

export function jobPath(prefix: string, jobId: string): string {
  return `${prefix}/jobs/${encodeURIComponent(jobId)}`;
}

export function batchPath(prefix: string, batchId: string): string {
  return `${prefix}/batches/${encodeURIComponent(batchId)}`;
}

export function buildsPath(prefix: string, configuration: string): string {
  return `${prefix}/builds/${encodeURIComponent(configuration)}`;
}

/**
 * Click handler for the panel's own links: navigate inside HA without a page
 * load, but leave modified clicks (new tab, new window) to the browser.
 */
export function followLink(ev: MouseEvent): void {
  if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  navigate((ev.currentTarget as HTMLAnchorElement).getAttribute("href")!);
}
