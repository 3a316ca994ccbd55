/// <reference types="node" />
// Unit tests of the builds view's decisions: sizes, what can be rolled back,
// when a job's end asks for the list again,
// and the builds route.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { Job } from "../src/api.js";
import {
  type Build,
  buildSize,
  canRollBack,
  flashedSince,
  formatBuildTime,
  formatBytes,
  statusesOf,
} from "../src/builds-api.js";
import { buildsPath, parseRoute } from "../src/routing.js";

function job(id: string, action: Job["action"], status: Job["status"], extra: Partial<Job> = {}): Job {
  return {
    job_id: id,
    action,
    configuration: "kitchen.yaml",
    status,
    progress: 0,
    exit_code: null,
    error: null,
    created_at: "2026-01-01T00:00:00+00:00",
    started_at: null,
    finished_at: null,
    elided: 0,
    builder: "local",
    ...extra,
  };
}

function build(kinds: [string, number][]): Build {
  return {
    build_id: "b1",
    configuration: "kitchen.yaml",
    created_at: "2026-01-01T00:00:00+00:00",
    esphome_version: "2026.10.0",
    config_hash: null,
    job_id: "j1",
    builder: "local",
    last_known_good: false,
    artifacts: kinds.map(([kind, size], i) => ({ artifact_id: `a${i}`, kind, size })),
  };
}

test("sizes read like a person says them", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1536), "1.5 KB");
  assert.equal(formatBytes(512 * 1024), "512 KB");
  assert.equal(formatBytes(3.25 * 1024 * 1024), "3.3 MB");
  assert.equal(formatBytes(-1), "");
  assert.equal(buildSize(build([["ota", 100], ["factory", 50]])), 150);
});

test("a build's time has seconds today, a date otherwise", () => {
  assert.match(formatBuildTime(new Date().toISOString(), "en-US"), /\d:\d\d:\d\d/);
  assert.match(formatBuildTime("2025-03-04T05:06:07+00:00", "en-US"), /2025/);
  assert.equal(formatBuildTime("not a time"), "");
});

test("a build rolls back when it has an image to send over the air", () => {
  assert.ok(canRollBack(build([["program", 10]])));
  assert.ok(canRollBack(build([["factory", 10], ["firmware", 10]])));
  assert.ok(!canRollBack(build([["factory", 10]])));
  assert.ok(!canRollBack(build([])));
});

test("a flash of the configuration that completes asks for the list again", () => {
  const before = statusesOf(
    [job("u1", "upload", "running"), job("c1", "compile", "running"), job("x", "rollback", "running", { configuration: "other.yaml" })],
    "kitchen.yaml",
  );
  assert.deepEqual([...before.keys()], ["u1", "c1"]);
  // Still running, or waiting for the device: nothing moved.
  assert.equal(flashedSince(before, [job("u1", "upload", "running")], "kitchen.yaml"), false);
  assert.equal(flashedSince(before, [job("u1", "upload", "waiting")], "kitchen.yaml"), false);
  // A completed upload, install or rollback: the last known good may move.
  assert.equal(flashedSince(before, [job("u1", "upload", "completed")], "kitchen.yaml"), true);
  assert.equal(flashedSince(before, [job("i1", "install", "completed")], "kitchen.yaml"), true, "queued and done between two updates");
  assert.equal(flashedSince(new Map(), [job("r1", "rollback", "completed", { build_id: "b1" })], "kitchen.yaml"), true);
  // A compile's build arrives as build_archived; a failed flash moves nothing.
  assert.equal(flashedSince(before, [job("c1", "compile", "completed", { build_id: "b9" })], "kitchen.yaml"), false);
  assert.equal(flashedSince(before, [job("u1", "upload", "failed")], "kitchen.yaml"), false);
  // Completed before: seen already. Another configuration: not ours.
  const ended = statusesOf([job("r1", "rollback", "completed")], "kitchen.yaml");
  assert.equal(flashedSince(ended, [job("r1", "rollback", "completed")], "kitchen.yaml"), false);
  assert.equal(flashedSince(new Map(), [job("x", "install", "completed", { configuration: "other.yaml" })], "kitchen.yaml"), false);
});

test("the builds route carries the configuration as text", () => {
  const name = "fleet-<img src=x>.yaml";
  const path = buildsPath("/esphome-builder", name);
  assert.ok(!path.includes("<"));
  assert.deepEqual(parseRoute(path.slice("/esphome-builder".length)), { name: "builds", configuration: name });
  assert.deepEqual(parseRoute("/builds/%E0%A4%A"), { name: "builds", configuration: "%E0%A4%A" });
  assert.deepEqual(parseRoute("/builds"), { name: "devices" });
});
