/// <reference types="node" />
// Unit tests of the managed ESPHome helpers: which versions pass, the install
// running now, and when the versions are fetched again.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { Job } from "../src/api.js";
import { isVersion, runningInstall, setupKey } from "../src/esphome-api.js";

function job(job_id: string, action: Job["action"], status: Job["status"], configuration = "esphome"): Job {
  return {
    job_id,
    action,
    configuration,
    status,
    progress: 0,
    exit_code: null,
    error: null,
    created_at: "2026-12-01T00:00:00+00:00",
    started_at: null,
    finished_at: null,
    elided: 0,
    builder: "local",
  };
}

test("only ESPHome release versions pass", () => {
  for (const good of ["2026.10.0", "2026.11.0b2", "2025.1.12", "2026.10.0rc1"]) assert.ok(isVersion(good), good);
  for (const bad of ["latest", "1.0", "2026.10", "--index-url=x", "2026.10.0; rm -rf /", " 2026.10.0", ""]) {
    assert.ok(!isVersion(bad), bad);
  }
});

test("the running install is the setup job that has not ended", () => {
  const jobs = [job("c", "compile", "running", "a.yaml"), job("s2", "setup", "running"), job("s1", "setup", "completed")];
  assert.equal(runningInstall(jobs)?.job_id, "s2");
  assert.equal(runningInstall([job("s1", "setup", "failed")]), undefined);
});

test("the versions are fetched again when a setup job ends, not on other jobs", () => {
  const before = [job("s1", "setup", "running"), job("c", "compile", "running", "a.yaml")];
  const compileMoved = [job("s1", "setup", "running"), job("c", "compile", "completed", "a.yaml")];
  const setupEnded = [job("s1", "setup", "completed"), job("c", "compile", "running", "a.yaml")];
  assert.equal(setupKey(compileMoved), setupKey(before));
  assert.notEqual(setupKey(setupEnded), setupKey(before));
});
