/// <reference types="node" />
// Unit tests of the panel's one events stream: what it subscribes to, how
// messages change devices and jobs, and the resync.
import assert from "node:assert/strict";
import { test } from "node:test";

import type { Connection, Device, EventsMessage, Job } from "../src/api.js";
import {
  EMPTY,
  EventsFeed,
  JOBS_KEPT,
  activeCount,
  applyEvent,
  buildsRevision,
  latestByConfiguration,
} from "../src/live-data.js";

function job(id: string, created: number, status: Job["status"] = "queued", configuration = "a.yaml"): Job {
  return {
    job_id: id,
    action: "validate",
    configuration,
    status,
    progress: 0,
    exit_code: null,
    error: null,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, created)).toISOString(),
    started_at: null,
    finished_at: null,
    elided: 0,
    builder: "local",
  };
}

function device(configuration: string, name: string | null = null): Device {
  return { configuration, name, friendly_name: null, platform: "host" };
}

/** A connection that records subscriptions and lets the test push messages. */
class FakeConnection implements Connection {
  connected = true;
  subscribed: Record<string, unknown>[] = [];
  unsubscribed = 0;
  private _callbacks: ((message: unknown) => void)[] = [];
  private _listeners = new Map<string, Set<(conn: Connection) => void>>();

  sendMessagePromise<T>(): Promise<T> {
    return Promise.reject(new Error("not used"));
  }

  async subscribeMessage<T>(callback: (message: T) => void, message: Record<string, unknown>) {
    this.subscribed.push(message);
    this._callbacks.push(callback as (message: unknown) => void);
    return async () => {
      this.unsubscribed++;
    };
  }

  addEventListener(event: string, cb: (conn: Connection) => void): void {
    if (!this._listeners.has(event)) this._listeners.set(event, new Set());
    this._listeners.get(event)!.add(cb);
  }

  removeEventListener(event: string, cb: (conn: Connection) => void): void {
    this._listeners.get(event)?.delete(cb);
  }

  listenerCount(): number {
    return [...this._listeners.values()].reduce((n, set) => n + set.size, 0);
  }

  emit(event: string): void {
    this.connected = event === "ready";
    for (const cb of [...(this._listeners.get(event) ?? [])]) cb(this);
  }

  /** Deliver to the newest subscription, as the server would. */
  send(message: EventsMessage): void {
    this._callbacks[this._callbacks.length - 1](message);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("initial_state gives devices and jobs, newest job first", () => {
  const data = applyEvent(EMPTY, {
    type: "initial_state",
    devices: [device("a.yaml")],
    jobs: [job("old", 1), job("new", 2)],
  });
  assert.equal(data.loaded, true);
  assert.deepEqual(data.devices.map((d) => d.configuration), ["a.yaml"]);
  assert.deepEqual(data.jobs.map((j) => j.job_id), ["new", "old"]);
});

test("job events add and replace jobs; device events leave jobs alone", () => {
  let data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [job("one", 1)] });
  data = applyEvent(data, { type: "job_queued", job: job("two", 2) });
  data = applyEvent(data, { type: "job_started", job: job("one", 1, "running") });
  data = applyEvent(data, { type: "job_progress", job: { ...job("one", 1, "running"), progress: 40 } });
  assert.deepEqual(data.jobs.map((j) => [j.job_id, j.status, j.progress]), [
    ["two", "queued", 0],
    ["one", "running", 40],
  ]);
  for (const type of ["job_completed", "job_failed", "job_cancelled"] as const) {
    const status = type.slice(4) as Job["status"];
    const next = applyEvent(data, { type, job: job("two", 2, status) });
    assert.equal(next.jobs[0].status, status);
  }
  const jobs = data.jobs;
  data = applyEvent(data, { type: "device_added", device: device("b.yaml", "b") });
  data = applyEvent(data, { type: "device_updated", device: device("b.yaml", "bee") });
  assert.equal(data.jobs, jobs);
  assert.deepEqual(data.devices.map((d) => d.name), ["bee"]);
  data = applyEvent(data, { type: "device_removed", device: device("b.yaml") });
  assert.deepEqual(data.devices, []);
});

test("unknown event types change nothing", () => {
  const data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [] });
  const odd = { type: "builder_added", builder: "x" } as unknown as EventsMessage;
  assert.equal(applyEvent(data, odd), data);
  assert.equal(applyEvent(data, { type: "resync_required" }), data);
});

test("the list keeps at most JOBS_KEPT jobs, the newest", () => {
  let data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [] });
  for (let i = 0; i < JOBS_KEPT + 20; i++) data = applyEvent(data, { type: "job_queued", job: job(`j${i}`, i) });
  assert.equal(data.jobs.length, JOBS_KEPT);
  assert.equal(data.jobs[0].job_id, `j${JOBS_KEPT + 19}`);
});

test("latest job of each configuration, and the active count", () => {
  const jobs = [job("b2", 3, "running", "b.yaml"), job("a1", 2, "failed", "a.yaml"), job("b1", 1, "completed", "b.yaml")];
  assert.deepEqual([...latestByConfiguration(jobs)].map(([c, j]) => [c, j.job_id]), [
    ["b.yaml", "b2"],
    ["a.yaml", "a1"],
  ]);
  assert.equal(activeCount(jobs), 1);
});

test("build events bump their configuration's builds revision, and only its", () => {
  let data = applyEvent(EMPTY, { type: "initial_state", devices: [device("a.yaml"), device("b.yaml")], jobs: [] });
  const a0 = buildsRevision(data, "a.yaml");
  const b0 = buildsRevision(data, "b.yaml");
  const jobs = data.jobs;
  data = applyEvent(data, { type: "build_archived", configuration: "a.yaml", build_id: "b1" });
  const a1 = buildsRevision(data, "a.yaml");
  assert.notEqual(a1, a0);
  assert.equal(buildsRevision(data, "b.yaml"), b0, "another configuration's builds did not change");
  assert.equal(data.jobs, jobs, "jobs untouched");
  data = applyEvent(data, { type: "build_removed", configuration: "a.yaml", build_id: "b0" });
  assert.notEqual(buildsRevision(data, "a.yaml"), a1);
  assert.notEqual(buildsRevision(data, "a.yaml"), a0);
  assert.equal(buildsRevision(data, "b.yaml"), b0);
  // Job, device and batch events say nothing about builds.
  const before = buildsRevision(data, "a.yaml");
  data = applyEvent(data, { type: "job_completed", job: job("c1", 1, "completed", "a.yaml") });
  data = applyEvent(data, { type: "device_updated", device: device("a.yaml", "a") });
  assert.equal(buildsRevision(data, "a.yaml"), before);
});

test("a new initial_state changes every builds revision: events may have been missed", () => {
  let data = applyEvent(EMPTY, { type: "initial_state", devices: [], jobs: [] });
  data = applyEvent(data, { type: "build_archived", configuration: "a.yaml", build_id: "b1" });
  const a = buildsRevision(data, "a.yaml");
  const never = buildsRevision(data, "never.yaml");
  data = applyEvent(data, { type: "initial_state", devices: [], jobs: [] });
  assert.notEqual(buildsRevision(data, "a.yaml"), a);
  assert.notEqual(buildsRevision(data, "never.yaml"), never);
  // Counting goes on: a revision never comes back.
  data = applyEvent(data, { type: "build_archived", configuration: "a.yaml", build_id: "b2" });
  assert.notEqual(buildsRevision(data, "a.yaml"), a);
});

test("the feed hands build events on", async () => {
  const conn = new FakeConnection();
  const revisions: string[] = [];
  const feed = new EventsFeed(conn, (f) => revisions.push(buildsRevision(f.data, "a.yaml")));
  await settle();
  conn.send({ type: "initial_state", devices: [], jobs: [] });
  conn.send({ type: "build_archived", configuration: "a.yaml", build_id: "b1" });
  conn.send({ type: "build_removed", configuration: "b.yaml", build_id: "b2" });
  assert.equal(revisions.length, 3, "each one is a change");
  assert.equal(new Set(revisions.slice(0, 2)).size, 2);
  assert.equal(revisions[2], revisions[1], "b.yaml's event leaves a.yaml's revision");
  feed.stop();
});

test("the feed opens one subscribe_events and nothing else", async () => {
  const conn = new FakeConnection();
  const changes: number[] = [];
  const feed = new EventsFeed(conn, (f) => changes.push(f.data.jobs.length));
  await settle();
  assert.deepEqual(conn.subscribed, [{ type: "esphome_builder/subscribe_events" }]);
  conn.send({ type: "initial_state", devices: [device("a.yaml")], jobs: [] });
  for (let i = 0; i < 100; i++) conn.send({ type: "job_queued", job: job(`j${i}`, i) });
  assert.equal(feed.data.jobs.length, 100);
  assert.equal(changes.length, 101);
  assert.equal(conn.subscribed.length, 1, "a burst of job events is no reason to resubscribe");
  feed.stop();
  assert.equal(conn.listenerCount(), 0, "stop releases the connection's listeners");
});

test("resync_required subscribes again; the old data stays until initial_state", async () => {
  const conn = new FakeConnection();
  const feed = new EventsFeed(conn, () => undefined);
  await settle();
  conn.send({ type: "initial_state", devices: [device("a.yaml")], jobs: [job("one", 1)] });
  conn.send({ type: "resync_required" });
  await settle();
  assert.equal(feed.resyncs, 1);
  assert.equal(conn.subscribed.length, 2);
  assert.equal(conn.unsubscribed, 1);
  assert.deepEqual(feed.data.jobs.map((j) => j.job_id), ["one"]);
  conn.send({ type: "initial_state", devices: [], jobs: [job("two", 2)] });
  assert.deepEqual(feed.data.jobs.map((j) => j.job_id), ["two"]);
  assert.deepEqual(feed.data.devices, []);
  feed.stop();
});

test("the feed reports the connection and subscribes again when it is back", async () => {
  const conn = new FakeConnection();
  const seen: boolean[] = [];
  const feed = new EventsFeed(conn, (f) => seen.push(f.connected));
  await settle();
  conn.emit("disconnected");
  conn.emit("ready");
  await settle();
  assert.deepEqual(seen, [false, true]);
  assert.equal(conn.subscribed.length, 2, "a new socket needs a new subscription");
  assert.equal(conn.unsubscribed, 0, "the old id means nothing on the new socket");
  feed.stop();
});
