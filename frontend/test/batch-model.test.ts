/// <reference types="node" />
// Unit tests of the batch view's model: rows joined with live jobs, counts,
// the summary line, when Retry failed applies, which copy of the batch is
// shown, the refetch throttle, and batch messages in the events stream.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { Job } from "../src/api.js";
import type { Batch, BatchItem } from "../src/batch-api.js";
import { Throttle, batchRows, canRetry, countsText, rowCounts, shownBatch } from "../src/batch-model.js";
import { BATCHES_KEPT, EMPTY, applyEvent } from "../src/live-data.js";
import { batchPath, parseRoute } from "../src/routing.js";

function job(id: string, configuration: string, status: Job["status"], extra: Partial<Job> = {}): Job {
  return {
    job_id: id,
    action: "install",
    configuration,
    status,
    progress: 0,
    exit_code: null,
    error: null,
    created_at: "2026-01-01T00:00:00+00:00",
    started_at: null,
    finished_at: null,
    elided: 0,
    builder: "local",
    batch_id: "b1",
    ...extra,
  };
}

function item(configuration: string, status: BatchItem["status"], extra: Partial<BatchItem> = {}): BatchItem {
  return { configuration, job_id: null, status, error: null, skipped_reason: null, ...extra };
}

function batch(status: Batch["status"], items?: BatchItem[], extra: Partial<Batch> = {}): Batch {
  return {
    batch_id: "b1",
    action: "install",
    status,
    created_at: "2026-01-01T00:00:00+00:00",
    finished_at: null,
    reason: null,
    counts: { completed: 0, failed: 0, cancelled: 0, skipped: 0, queued: 0, running: 0 },
    ...(items ? { items } : {}),
    ...extra,
  };
}

test("rows take a live job's status and progress, by job id or by batch and configuration", () => {
  const items = [
    item("a.yaml", "running", { job_id: "j1" }),
    item("b.yaml", "queued"),
    item("c.yaml", "skipped", { skipped_reason: "offline" }),
    item("d.yaml", "failed", { job_id: "j4", error: "ESPHome exited with code 1" }),
    item("e.yaml", "queued"),
  ];
  const jobs = [
    job("j1", "a.yaml", "running", { progress: 40 }),
    job("j2", "b.yaml", "running", { progress: 10 }),
    // The same configuration in another batch, or validated first: not this row's job.
    job("x1", "e.yaml", "running", { batch_id: "other" }),
    job("x2", "e.yaml", "running", { action: "validate" }),
    // A settled item wins over its job's older view.
    job("j4", "d.yaml", "running"),
  ];
  const rows = batchRows(batch("running"), items, jobs);
  assert.deepEqual(
    rows.map((r) => [r.configuration, r.status, r.progress, r.jobId, r.reason, r.error]),
    [
      ["a.yaml", "running", 40, "j1", null, null],
      ["b.yaml", "running", 10, "j2", null, null],
      ["c.yaml", "skipped", 0, null, "offline", null],
      ["d.yaml", "failed", 0, "j4", null, "ESPHome exited with code 1"],
      ["e.yaml", "queued", 0, null, null, null],
    ],
  );
  const ended = batchRows(batch("running"), [item("a.yaml", "running", { job_id: "j1" })], [
    job("j1", "a.yaml", "failed", { error: "boom" }),
  ]);
  assert.deepEqual([ended[0].status, ended[0].error], ["failed", "boom"]);
});

test("counts, summary line and Retry failed", () => {
  const rows = batchRows(batch("running"), [
    item("a.yaml", "completed"),
    item("b.yaml", "failed"),
    item("c.yaml", "skipped"),
    item("d.yaml", "skipped"),
    item("e.yaml", "queued"),
  ], []);
  const counts = rowCounts(rows);
  assert.deepEqual(counts, { completed: 1, failed: 1, cancelled: 0, skipped: 2, queued: 1, running: 0 });
  assert.equal(countsText(counts), "1 completed · 1 failed · 2 skipped · 1 queued");
  assert.equal(countsText({ completed: 0, failed: 0, cancelled: 0, skipped: 0 }), "nothing selected");
  assert.equal(canRetry(batch("running"), counts), false, "not while it runs");
  assert.equal(canRetry(batch("completed"), counts), true);
  assert.equal(canRetry(batch("cancelled"), { ...counts, failed: 0, cancelled: 2 }), true);
  assert.equal(canRetry(batch("completed"), { ...counts, failed: 0 }), false, "nothing to retry");
});

test("the shown batch: final items from the stream, else the fetched ones with the stream's summary", () => {
  const fetched = batch("running", [item("a.yaml", "running")]);
  const progress = batch("running", undefined, { counts: { ...fetched.counts, running: 1 } });
  assert.equal(shownBatch(undefined, undefined), undefined);
  assert.equal(shownBatch(undefined, fetched), fetched);
  assert.equal(shownBatch(progress, undefined), progress);
  const merged = shownBatch(progress, fetched)!;
  assert.equal(merged.items, fetched.items);
  assert.equal(merged.counts.running, 1);
  const final = batch("completed", [item("a.yaml", "completed")]);
  assert.equal(shownBatch(final, fetched), final);
});

test("the throttle calls at once, then at most once per interval", async () => {
  let calls = 0;
  const throttle = new Throttle(() => calls++, 30);
  throttle.request();
  assert.equal(calls, 1);
  throttle.request();
  throttle.request();
  throttle.request();
  assert.equal(calls, 1, "the rest wait for the interval");
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(calls, 2, "one trailing call");
  throttle.request();
  throttle.stop();
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.ok(calls <= 3);
});

test("batch messages keep the batches, newest first; progress keeps the items it lacks", () => {
  let data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [] });
  assert.deepEqual(data.batches, [], "an older server sends no batches");
  data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [], batches: [batch("completed", undefined, { batch_id: "old" })] });
  const started = batch("running", [item("a.yaml", "queued")]);
  data = applyEvent(data, { type: "batch_started", batch: started });
  assert.deepEqual(data.batches.map((b) => b.batch_id), ["b1", "old"]);
  data = applyEvent(data, { type: "batch_progress", batch: batch("running", undefined, { counts: { ...started.counts, running: 1 } }) });
  assert.equal(data.batches[0].counts.running, 1);
  assert.equal(data.batches[0].items, started.items, "progress comes without items");
  data = applyEvent(data, { type: "batch_completed", batch: batch("completed", [item("a.yaml", "completed")]) });
  assert.equal(data.batches[0].status, "completed");
  assert.equal(data.batches[0].items?.[0].status, "completed");
  for (let i = 0; i < BATCHES_KEPT + 5; i++) data = applyEvent(data, { type: "batch_started", batch: batch("running", [], { batch_id: `n${i}` }) });
  assert.equal(data.batches.length, BATCHES_KEPT);
});

test("a batch has a route of its own", () => {
  assert.equal(batchPath("/esphome-builder", "01ab/c"), "/esphome-builder/batches/01ab%2Fc");
  assert.deepEqual(parseRoute("/batches/01ab%2Fc"), { name: "batch", batchId: "01ab/c" });
  assert.deepEqual(parseRoute("/batches"), { name: "jobs" });
  assert.deepEqual(parseRoute("/jobs/x"), { name: "job", jobId: "x" });
});
