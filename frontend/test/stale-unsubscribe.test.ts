/// <reference types="node" />
// Unit tests: no unsubscribe function made before a reconnect can end a
// subscription made after it. The fake below numbers commands and handles
// subscriptions the way home-assistant-js-websocket's Connection does (ids
// from 1 again on every socket, unsubscribe functions that name the id they
// were made with, resubscriptions whose new unsubscribe is only swapped in
// once answered), and a fake server keeps the subscriptions of each socket.
import assert from "node:assert/strict";
import { test } from "node:test";

import { type Connection, LiveSubscription, type Unsubscribe } from "../src/api.js";
import { EventsFeed } from "../src/live-data.js";

interface Entry {
  callback: (message: unknown) => void;
  resolve: () => void;
  subscribe?: () => Promise<Unsubscribe>;
  unsubscribe: Unsubscribe;
}

type Listener = (conn: Connection, data?: unknown) => void;

class LibraryConnection implements Connection {
  // The same public fields as the library's Connection.
  commandId = 1;
  commands = new Map<number, Entry>();
  oldSubscriptions?: Map<number, Entry>;

  /** The server side of the current socket: live subscriptions by id, with their message. */
  server = new Map<number, Record<string, unknown>>();
  /** Every frame the client sent, per socket. */
  sent: Record<string, unknown>[][] = [[]];
  private _up = true;
  private _pending: (() => void)[] = [];
  private _listeners = new Map<string, Listener[]>();

  get connected(): boolean {
    return this._up;
  }

  private _send(message: Record<string, unknown>, id: number): void {
    if (!this._up) throw new Error("not connected");
    this.sent[this.sent.length - 1].push({ ...message, id });
  }

  async sendMessagePromise<T>(message: Record<string, unknown>): Promise<T> {
    const id = ++this.commandId;
    this._send(message, id);
    if (message.type === "unsubscribe_events") {
      const found = this.server.delete(message.subscription as number);
      await Promise.resolve();
      if (!found) throw { code: "not_found", message: "Subscription not found." };
    }
    return undefined as T;
  }

  async subscribeMessage<T>(
    callback: (message: T) => void,
    message: Record<string, unknown>,
    options?: { resubscribe?: boolean },
  ): Promise<Unsubscribe> {
    let entry!: Entry;
    await new Promise<void>((resolve) => {
      const id = ++this.commandId;
      entry = {
        callback: callback as (message: unknown) => void,
        resolve,
        subscribe: options?.resubscribe !== false ? () => this.subscribeMessage(callback, message, options) : undefined,
        unsubscribe: async () => {
          if (this.connected) await this.sendMessagePromise({ type: "unsubscribe_events", subscription: id });
          this.commands.delete(id);
        },
      };
      this.commands.set(id, entry);
      try {
        this._send(message, id);
      } catch {
        return; // Like the library: a reconnect picks it up (or, without resubscribe, nothing does).
      }
      // The server answers on its next turn, on the socket it was sent on.
      const socket = this.sent.length;
      this._pending.push(() => {
        if (socket !== this.sent.length) return;
        this.server.set(id, message);
        this.commands.get(id)?.resolve();
      });
    });
    return () => entry.unsubscribe();
  }

  /** The server answers what it was sent. */
  answer(): void {
    const pending = this._pending;
    this._pending = [];
    for (const fn of pending) fn();
  }

  /** The server sends an event to every subscription of this type; returns how many got it. */
  emit(type: string, event: unknown): number {
    let delivered = 0;
    for (const [id, message] of this.server) {
      if (message.type !== type) continue;
      const entry = this.commands.get(id);
      if (entry) {
        entry.callback(event);
        delivered++;
      }
    }
    return delivered;
  }

  close(): void {
    this._up = false;
    this.server = new Map();
    this._pending = [];
    this.commandId = 1;
    this.oldSubscriptions = this.commands;
    this.commands = new Map();
    this.fire("disconnected");
  }

  open(): void {
    this._up = true;
    this.sent.push([]);
    const old = this.oldSubscriptions;
    this.oldSubscriptions = undefined;
    old?.forEach((entry) => {
      if (!entry.subscribe) return;
      void entry.subscribe().then((unsub) => {
        entry.unsubscribe = unsub;
        entry.resolve();
      });
    });
    this.fire("ready");
  }

  addEventListener(event: string, cb: Listener): void {
    this._listeners.set(event, [...(this._listeners.get(event) ?? []), cb]);
  }

  removeEventListener(event: string, cb: Listener): void {
    this._listeners.set(event, (this._listeners.get(event) ?? []).filter((l) => l !== cb));
  }

  fire(event: string): void {
    for (const cb of this._listeners.get(event) ?? []) cb(this);
  }

  listenerCount(): number {
    return [...this._listeners.values()].reduce((n, list) => n + list.length, 0);
  }

  unsubscribesSent(): number[] {
    return this.sent[this.sent.length - 1].filter((m) => m.type === "unsubscribe_events").map((m) => m.subscription as number);
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const EVENTS = "esphome_builder/subscribe_events";

/**
 * Home Assistant's sidebar: subscribed to notifications (resubscribe on, the
 * default), and when the connection is back it subscribes anew and calls the
 * old unsubscribe function at once, before the library's resubscription was
 * answered, so with the old id.
 */
class Sidebar {
  private _unsub: Promise<Unsubscribe>;
  constructor(private readonly _conn: LibraryConnection) {
    this._unsub = _conn.subscribeMessage(() => undefined, { type: "persistent_notification/subscribe" });
    _conn.addEventListener("ready", () => queueMicrotask(() => this.resubscribe()));
  }
  resubscribe(): void {
    void this._unsub.then((unsub) => unsub()).catch(() => undefined);
    this._unsub = this._conn.subscribeMessage(() => undefined, { type: "persistent_notification/subscribe" });
  }
}

/** Home Assistant's other traffic: plain commands now, and some on every reconnect. */
function haTraffic(conn: LibraryConnection, now: number, onReady: number): void {
  const send = (n: number) => {
    for (let i = 0; i < n; i++) void conn.sendMessagePromise({ type: "get_states" });
  };
  send(now);
  conn.addEventListener("ready", () => send(onReady));
}

type Internals = { _sub: LiveSubscription<unknown> };

test("the fake numbers and unsubscribes like the library: a stale unsubscribe ends a newer subscription", async () => {
  // Old socket: commands 2-5, the sidebar 6. New socket: the sidebar's
  // resubscription 2, commands 3-5, then a raw subscription gets 6.
  const conn = new LibraryConnection();
  haTraffic(conn, 4, 3);
  new Sidebar(conn);
  conn.answer();
  await settle();
  conn.close();
  conn.open();
  const got: unknown[] = [];
  void conn.subscribeMessage((m) => got.push(m), { type: EVENTS }, { resubscribe: false });
  for (let i = 0; i < 2; i++) {
    conn.answer();
    await settle();
  }
  const raw = [...conn.server].find(([, m]) => m.type === EVENTS);
  assert.equal(raw, undefined, "the stale unsubscribe ended it on the server");
  assert.deepEqual(conn.unsubscribesSent(), [6], "the sidebar's old id, sent on the new socket");
  assert.ok(!conn.commands.has(6), "and the library forgot its callback");
});

test("a stale unsubscribe from before the reconnect cannot end the events feed", async () => {
  // The same numbers (the feed had 7): without the guard it would get 6 on the new socket.
  const conn = new LibraryConnection();
  haTraffic(conn, 4, 3);
  new Sidebar(conn);
  const feed = new EventsFeed(conn, () => undefined);
  conn.answer();
  await settle();
  conn.emit(EVENTS, { type: "initial_state", devices: [], jobs: [] });
  assert.equal(feed.data.loaded, true);

  conn.close();
  assert.equal(feed.connected, false);
  conn.open();
  for (let i = 0; i < 3; i++) {
    conn.answer();
    await settle();
  }
  assert.equal(feed.connected, true);
  assert.equal((feed as unknown as Internals)._sub.state, "live");
  assert.deepEqual(conn.unsubscribesSent(), [6], "the sidebar did send its stale unsubscribe");
  const ours = [...conn.server].filter(([, m]) => m.type === EVENTS).map(([id]) => id);
  assert.equal(ours.length, 1, "one events subscription on the new socket, still there");
  assert.ok(ours[0] > 7, `above every id of the old socket: ${ours}`);
  assert.equal(conn.emit(EVENTS, { type: "initial_state", devices: [], jobs: [] }), 1);
  assert.equal(conn.emit(EVENTS, { type: "job_queued", job: { job_id: "j", created_at: "x" } }), 1);
  assert.deepEqual(feed.data.jobs.map((j) => j.job_id), ["j"], "job events arrive after the reconnect");
  feed.stop();
  assert.equal(conn.listenerCount(), 2, "only Home Assistant's listeners are left");
});

test("every id of an earlier socket stays out of reach, for subscriptions made later too", async () => {
  const conn = new LibraryConnection();
  const feed = new EventsFeed(conn, () => undefined);
  // Made with resubscribe: false elsewhere: its unsubscribe stays stale forever.
  const forever: Unsubscribe[] = [];
  for (let i = 0; i < 20; i++) {
    void conn.subscribeMessage(() => undefined, { type: "other" }, { resubscribe: false }).then((u) => forever.push(u));
  }
  conn.answer();
  await settle();
  assert.equal(forever.length, 20);
  conn.close();
  conn.open();
  conn.answer();
  await settle();
  // A job view opened after the restart follows a job: a second subscription.
  const follow = new LiveSubscription(conn, { type: "esphome_builder/jobs/follow", job_id: "j" }, () => undefined);
  conn.answer();
  await settle();
  assert.equal(follow.state, "live");
  for (const unsub of forever) await unsub().catch(() => undefined);
  const types = [...conn.server.values()].map((m) => m.type).sort();
  assert.deepEqual(types, ["esphome_builder/jobs/follow", EVENTS], "both survive twenty stale unsubscribes");
  // Across a second reconnect as well.
  conn.close();
  conn.open();
  conn.answer();
  await settle();
  for (const unsub of forever) await unsub().catch(() => undefined);
  assert.deepEqual([...conn.server.values()].map((m) => m.type).sort(), ["esphome_builder/jobs/follow", EVENTS]);
  follow.stop();
  feed.stop();
  assert.equal(conn.listenerCount(), 0);
});

test("the panel's own unsubscribe functions are never called on a later socket", async () => {
  const conn = new LibraryConnection();
  const others = [];
  for (let i = 0; i < 4; i++) others.push(conn.subscribeMessage(() => undefined, { type: "subscribe_events" }));
  const sub = new LiveSubscription(conn, { type: EVENTS }, () => undefined);
  conn.answer();
  await settle();
  // A restart requested while the answer is on its way, then the socket drops.
  sub.restart();
  conn.close();
  conn.open();
  conn.answer();
  await settle();
  conn.answer();
  await settle();
  assert.deepEqual(conn.unsubscribesSent(), [], "nothing sent on the new socket");
  assert.equal(conn.server.size, 5, "HA's four and ours");
  // Stopping now unsubscribes ours, by its new id, and nothing else.
  const ours = [...conn.server].find(([, m]) => m.type === EVENTS)![0];
  sub.stop();
  await settle();
  assert.deepEqual(conn.unsubscribesSent(), [ours]);
  assert.equal(conn.server.size, 4);
  // Stopped while disconnected: nothing is sent, on this socket or the next.
  const later = new LiveSubscription(conn, { type: EVENTS }, () => undefined);
  conn.answer();
  await settle();
  conn.close();
  later.stop();
  conn.open();
  conn.answer();
  await settle();
  assert.deepEqual(conn.unsubscribesSent(), []);
  // Stopped after a reconnect, before its new subscription was answered: the
  // old function (id 6) is not called; the answer, when it comes, is undone
  // by its own id.
  const third = new LiveSubscription(conn, { type: EVENTS }, () => undefined);
  conn.answer();
  await settle();
  const oldId = [...conn.server].find(([, m]) => m.type === EVENTS)![0];
  conn.close();
  conn.open();
  third.stop();
  conn.answer();
  await settle();
  const sent = conn.unsubscribesSent();
  assert.equal(sent.length, 1, `one unsubscribe: ${sent}`);
  assert.notEqual(sent[0], oldId, "not by the old id");
  assert.deepEqual([...conn.server.values()].filter((m) => m.type === EVENTS), [], "its new subscription is gone");
  assert.equal(conn.server.size, 4, "HA's four are untouched");
  await Promise.all(others);
});
