// End-to-end check of the panel in Debian's chromium, driven by Playwright.
// Started by tests/test_panel_e2e.py, which runs a real Home Assistant and
// passes it in the environment:
//   HA_URL, HA_TOKEN      the instance and a long-lived token of the admin dev/dev
//   SHOTS_DIR             where screenshots go
//   CHROMIUM, BROWSER_HOME  the browser and a HOME of its own
//   BURST                 how many jobs the burst queues (default 100)
// Protocol with the test on stdout/stdin: "@@restart" asks the test to restart
// Home Assistant; it answers with one line once HA is back. "@@burst" asks it
// to queue BURST validate jobs at once; it answers with their ids as JSON.
// Any failed check throws: the process exits non-zero with the reason.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { DESKTOP, PHONE, assertClean, driverEnv, failureShots, launch, loggedIn, step, testChannel, watchPage } from "./browser.mjs";

const { HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME } = driverEnv("HA_URL", "HA_TOKEN", "SHOTS_DIR", "CHROMIUM", "BROWSER_HOME");

const SAMPLE = "sample-host.yaml";
const TICKER = "panel-ticker.yaml";
const HTML = "panel-html.yaml";
const FLOOD = "panel-flood.yaml";
const EVIL = "<img src=x onerror=alert(1)>";
const BURST = Number(process.env.BURST || 100);
const SUBSCRIBE_EVENTS = "esphome_builder/subscribe_events";
const JOBS_SUBSCRIBE = "esphome_builder/jobs/subscribe";

const counts = (socket) => {
  const { ids, ...rest } = socket;
  return JSON.stringify({ ...rest, ids: [...ids] });
};

// The panel's own view of its events stream (names from live-data.ts and api.ts).
const feedState = (page) =>
  page
    .locator("esphome-builder-panel")
    .evaluate((el) => {
      const sub = el._feed?._sub;
      return JSON.stringify({ jobs: el._data?.jobs.length, connected: el._connected, state: sub?.state, lastError: sub?.lastError, resyncs: el._feed?.resyncs });
    })
    .catch((err) => String(err));

// Every frame on every socket, in short (id, type, subscription, event type),
// written to SHOTS_DIR/frames.json at the end: who subscribed and who
// unsubscribed what, on which socket, around the restart. Log batches are
// big and many: only their id and size are kept.
const started = Date.now();
const FRAMES_KEPT = 5000;
const frameLog = (socket, dir, payload) => {
  const t = Date.now() - started;
  if (typeof payload !== "string") return;
  const keep = (entry) => {
    socket.log.push(entry);
    if (socket.log.length > FRAMES_KEPT) socket.log.splice(0, socket.log.length - FRAMES_KEPT);
  };
  if (payload.length > 4096) {
    keep({ t, dir, id: Number(/"id":\s*(\d+)/.exec(payload)?.[1]), bytes: payload.length });
    return;
  }
  let data;
  try {
    data = JSON.parse(payload);
  } catch {
    keep({ t, dir, raw: payload.slice(0, 80) });
    return;
  }
  for (const msg of Array.isArray(data) ? data : [data]) {
    const entry = { t, dir, id: msg.id, type: msg.type };
    if (msg.subscription !== undefined) entry.subscription = msg.subscription;
    if (msg.success !== undefined) entry.success = msg.success;
    if (msg.error) entry.error = msg.error.code;
    if (msg.job_id) entry.job_id = msg.job_id;
    const ev = msg.event;
    if (ev && typeof ev === "object") entry.event = ev.type ?? ev.event_type ?? Object.keys(ev).join(",");
    keep(entry);
  }
};
// A page-side hook: every unsubscribe_events the page sends, with the socket
// it went on and the stack of whoever sent it.
const unsubscribeHook = () => {
  Error.stackTraceLimit = 50;
  let sockets = 0;
  const send = WebSocket.prototype.send;
  window.__ebUnsubscribes = [];
  WebSocket.prototype.send = function (data) {
    if (typeof data === "string" && data.includes("unsubscribe_events")) {
      this.__ebSocket ??= ++sockets;
      window.__ebUnsubscribes.push({ t: Date.now(), socket: this.__ebSocket, data, stack: new Error().stack });
    } else if (!this.__ebSocket) this.__ebSocket = ++sockets;
    return send.call(this, data);
  };
};
const pageUnsubscribes = (page) => page.evaluate(() => window.__ebUnsubscribes ?? []).catch((err) => [String(err)]);

const { stdin, lines: stdinLines } = testChannel();

const browser = await launch(CHROMIUM, BROWSER_HOME);

const dialogs = [];
const pageErrors = [];
const sockets = [];
const consoleLines = [];
const marks = [];
const mark = (what) => marks.push({ t: Date.now() - started, what });
try {
  // Home Assistant's frontend reads its tokens from localStorage: hand it the
  // long-lived token of the test user instead of typing dev/dev.
  const context = await loggedIn(browser, HA_URL, HA_TOKEN, { acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: HA_URL });
  await context.addInitScript(unsubscribeHook);
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (/unknown subscription|esphome|builder/i.test(msg.text())) consoleLines.push(`${Date.now() - started} ${msg.type()}: ${msg.text()}`);
  });
  // An alert() would mean a log line ran as HTML.
  watchPage(page, dialogs, pageErrors);
  // What the page says to Home Assistant and hears back on each of its sockets
  // (a new one after every reconnect): the panel must hold one events stream.
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/api/websocket")) return;
    const socket = { subscribeEvents: 0, subscribed: 0, jobsSubscribe: 0, jobEvents: 0, resyncs: 0, ids: new Set() };
    Object.defineProperty(socket, "log", { value: [], enumerable: false });
    mark(`socket ${sockets.length} opened`);
    sockets.push(socket);
    ws.on("close", () => {
      socket.closed = true;
      mark(`socket ${sockets.indexOf(socket)} closed`);
    });
    ws.on("framesent", ({ payload }) => frameLog(socket, ">", payload));
    ws.on("framereceived", ({ payload }) => frameLog(socket, "<", payload));
    const messages = (payload) => {
      const data = JSON.parse(payload);
      return Array.isArray(data) ? data : [data];
    };
    ws.on("framesent", ({ payload }) => {
      if (typeof payload !== "string") return;
      if (payload.includes('"unsubscribe_events"')) {
        for (const msg of messages(payload)) if (socket.ids.has(msg.subscription)) socket.unsubscribed = (socket.unsubscribed ?? 0) + 1;
      }
      if (!payload.includes("esphome_builder/")) return;
      for (const msg of messages(payload)) {
        if (msg.type === SUBSCRIBE_EVENTS) {
          socket.subscribeEvents++;
          socket.ids.add(msg.id);
        } else if (msg.type === JOBS_SUBSCRIBE) socket.jobsSubscribe++;
      }
    });
    ws.on("framereceived", ({ payload }) => {
      socket.frames = (socket.frames ?? 0) + 1;
      // Log batches are big and many: parse only what can concern the stream.
      if (typeof payload !== "string" || !socket.ids.size) return;
      if (!payload.includes('"job_') && !payload.includes('"resync_required"') && !payload.includes('"result"')) return;
      for (const msg of messages(payload)) {
        if (!socket.ids.has(msg.id)) continue;
        if (msg.type === "result" && msg.success) socket.subscribed++;
        else if (msg.type === "event" && msg.event?.type === "resync_required") socket.resyncs++;
        else if (msg.type === "event" && msg.event?.type?.startsWith("job_")) socket.jobEvents++;
      }
    });
  });

  const panel = page.locator("esphome-builder-panel");
  const jobView = page.locator("esphome-builder-job");
  const rows = page.locator("esphome-builder-job esphome-builder-log .row");
  const status = page.locator("esphome-builder-job .header .meta [data-status]");
  const shot = async (name) => {
    // The toolbar holds its tabs (at phone width on a row of their own) and
    // the content starts below it, whatever the length of the content.
    const tabs = await page.locator("esphome-builder-panel .tabs").boundingBox();
    const main = await page.locator("esphome-builder-panel main").boundingBox();
    assert.ok(tabs && tabs.height >= 40 && main && main.y >= tabs.y + tabs.height, `layout of ${name}: ${JSON.stringify({ tabs, main })}`);
    const path = join(SHOTS_DIR, `${name}.png`);
    await page.screenshot({ path });
    console.log(`screenshot: ${path}`);
  };
  const rowTexts = () => rows.allTextContents();
  const device = (configuration) => page.locator(`esphome-builder-devices .device[data-configuration="${configuration}"]`);
  const openDevices = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Devices" }).click();
  const openJobs = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Jobs" }).click();

  // -- the panel in the sidebar, devices view ------------------------------------
  step("open the panel");
  await page.goto(`${HA_URL}/esphome-builder`);
  await device(SAMPLE).waitFor({ timeout: 60_000 });
  assert.equal(sockets.length, 1, "one websocket");
  assert.equal(sockets[0].subscribeEvents, 1, `one subscribe_events: ${counts(sockets[0])}`);
  assert.equal(sockets[0].jobsSubscribe, 0, `no jobs/subscribe: ${counts(sockets[0])}`);
  const sidebarItem = page.locator('ha-sidebar a[href="/esphome-builder"]');
  await sidebarItem.waitFor({ timeout: 10_000 });
  // Its title: in the item's text, or (newer frontends) in a part of its shadow DOM.
  await page.locator("ha-sidebar").getByText("ESPHome Builder", { exact: true }).first().waitFor({ timeout: 10_000 });
  assert.equal(await device(SAMPLE).locator(".title").innerText(), "Sample host device");
  assert.equal(await device(SAMPLE).locator(".platform").innerText(), "host");
  for (const action of ["validate", "install", "compile", "clean", "logs"]) {
    await device(SAMPLE).locator(`button[data-action="${action}"]`).waitFor();
  }
  // The filter box narrows the list.
  const filter = page.locator("esphome-builder-devices .filter input");
  await filter.fill("ticker");
  await device(TICKER).waitFor();
  assert.equal(await device(SAMPLE).count(), 0, "filter hides sample-host");
  await filter.fill("");
  await device(SAMPLE).waitFor();
  await shot("devices-desktop-light");

  // -- Validate the sample host: a real ESPHome ----------------------------------
  step("validate sample-host");
  await device(SAMPLE).locator('button[data-action="validate"]').click();
  await jobView.waitFor();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  await status.filter({ hasText: /^Completed$/ }).waitFor({ timeout: 90_000 });
  let texts = await rowTexts();
  assert.ok(texts.some((t) => t.includes("Configuration is valid")), `validate output: ${texts.join("\n")}`);

  // -- Install it: compile (live log), then upload over OTA, which fails --------
  step("install sample-host");
  await openDevices();
  await device(SAMPLE).locator('button[data-action="install"]').click();
  const dialog = page.locator("esphome-builder-target-dialog dialog");
  await dialog.waitFor();
  // Nothing the user types may become an ESPHome option.
  await dialog.locator('input[value="address"]').check();
  await dialog.locator('input[name="address"]').fill("--help");
  await dialog.locator('button[type="submit"]').click();
  await dialog.locator(".error").waitFor();
  assert.ok(await dialog.isVisible(), "the dialog stays open on a bad address");
  await dialog.locator('input[value="ota"]').check();
  await dialog.locator('button[type="submit"]').click();
  await jobView.waitFor();
  await status.filter({ hasText: /^Running$/ }).waitFor({ timeout: 60_000 });
  // Lines appear while the job runs: the count grows under a running status.
  // Sample the row count under a running status until the compile is well
  // under way (the README's screenshot is taken then).
  const seen = [];
  for (let i = 0; i < 240; i++) {
    const n = await rows.count();
    if ((await status.innerText()).trim() !== "Running") break;
    if (n > 0 && n !== seen[seen.length - 1]) seen.push(n);
    if (seen.length >= 2 && n >= 30) break;
    await page.waitForTimeout(250);
  }
  assert.ok(seen.length >= 2, `log lines appeared live during the install: ${seen}`);
  await shot("job-install-live-desktop-light");
  await status.filter({ hasText: /^(Failed|Completed)$/ }).waitFor({ timeout: 240_000 });
  texts = await rowTexts();
  const installStatus = (await status.innerText()).trim();
  console.log(`install ended: ${installStatus}`);
  await shot("job-install-ended-desktop-light");
  const tail = `install log:\n${texts.slice(-40).join("\n")}`;
  assert.equal(installStatus, "Failed", `with no device listening, the upload fails; ${tail}`);
  assert.ok(texts.some((t) => /Successfully compiled/.test(t)), `the compile part succeeded; ${tail}`);
  assert.ok(texts.some((t) => /^ERROR .*could not be resolved/.test(t)), `the upload error is shown; ${tail}`);

  // -- A line that looks like HTML is shown as text ------------------------------
  step("html-looking lines");
  await openDevices();
  await device(HTML).locator('button[data-action="validate"]').click();
  await jobView.waitFor();
  await status.filter({ hasText: /^Completed$/ }).waitFor({ timeout: 30_000 });
  const evilRow = rows.filter({ hasText: EVIL });
  await evilRow.first().waitFor();
  texts = await rowTexts();
  assert.ok(texts.includes(EVIL), "the line is shown literally");
  assert.ok(texts.includes(`ERROR ${EVIL}`));
  assert.ok(texts.includes("<script>alert(2)</script> &amp; still red"));
  assert.ok(texts.includes("Progress 100%") && !texts.includes("Progress 50%"), "\\r line replaced");
  const markup = await page.evaluate(() => {
    const find = (root, sel) => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) {
        const inner = find(el.shadowRoot, sel);
        if (inner) return inner;
      }
      return null;
    };
    const log = find(document, "esphome-builder-log");
    return {
      img: log.shadowRoot.querySelectorAll("img").length,
      script: log.shadowRoot.querySelectorAll("script").length,
      b: log.shadowRoot.querySelectorAll("b").length,
    };
  });
  assert.deepEqual(markup, { img: 0, script: 0, b: 0 }, "no element was made from a line");
  // The ANSI red spans the three lines up to the reset.
  const redRows = await rows.evaluateAll((els) => els.filter((el) => el.querySelector("span.f1")).map((el) => el.textContent));
  assert.deepEqual(redRows, [`ERROR ${EVIL}`, EVIL, "<script>alert(2)</script> &amp; still red"]);
  // Copy and download give the same plain text.
  await page.locator("esphome-builder-job button.copy").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(`${EVIL}\n`), `copied: ${copied}`);
  assert.ok(!copied.includes("\x1b"), "copy has no escapes");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("esphome-builder-job button.download").click()]);
  const downloaded = readFileSync(await download.path(), "utf8");
  assert.equal(downloaded, copied);
  assert.match(download.suggestedFilename(), /^panel-html-validate-.+\.log$/);

  // -- A long job: live tail, pause, jump to end, bounded DOM, cancel -------------
  step("ticker: follow, pause, cancel");
  await openDevices();
  await device(TICKER).locator('button[data-action="compile"]').click();
  await jobView.waitFor();
  await status.filter({ hasText: /^Running$/ }).waitFor({ timeout: 30_000 });
  const lastTick = async () => {
    const all = await rowTexts();
    const ticks = all.filter((t) => /^tick \d+$/.test(t));
    return ticks.length ? Number(ticks[ticks.length - 1].split(" ")[1]) : -1;
  };
  for (let i = 0; i < 120 && (await lastTick()) < 3000; i++) await page.waitForTimeout(250);
  const first = await lastTick();
  await page.waitForTimeout(1000);
  const second = await lastTick();
  assert.ok(second > first && first >= 0, `the tail follows live output: ${first} -> ${second}`);
  const domRows = await rows.count();
  assert.ok(domRows < 200, `the DOM holds a bounded number of rows: ${domRows}`);
  // Scroll up: following pauses and "Jump to end" appears; the view holds still.
  const scroller = page.locator("esphome-builder-job esphome-builder-log .scroller");
  await scroller.hover();
  await page.mouse.wheel(0, -2000);
  const jump = page.locator("esphome-builder-job esphome-builder-log button.jump");
  await jump.waitFor({ timeout: 5000 });
  const held = await lastTick();
  await page.waitForTimeout(800);
  assert.equal(await lastTick(), held, "a paused view does not move");
  await shot("job-paused-desktop-light");
  await jump.click();
  await jump.waitFor({ state: "detached", timeout: 5000 });
  await page.waitForTimeout(500);
  assert.ok((await lastTick()) > held, "jump to end follows again");
  await page.locator("esphome-builder-job button.cancel").click();
  await status.filter({ hasText: /^Cancelled$/ }).waitFor({ timeout: 30_000 });
  await openJobs();
  // The list hears of the end through the events stream, which the server
  // flushes on its own clock (every 100 ms at most), not with the job's log.
  await page.locator('esphome-builder-jobs .job[data-status="cancelled"]', { hasText: TICKER }).first().waitFor({ timeout: 10_000 });
  await shot("jobs-desktop-light");

  // -- A million lines: the server batches, the viewer stays bounded ------------
  step("flood of 1,000,000 lines");
  await openDevices();
  await device(FLOOD).locator('button[data-action="compile"]').click();
  await jobView.waitFor();
  await status.filter({ hasText: /^Completed$/ }).waitFor({ timeout: 120_000 });
  await rows.filter({ hasText: /^line 999999$/ }).first().waitFor({ timeout: 10_000 });
  const floodRows = await rows.count();
  assert.ok(floodRows < 200, `DOM rows after the flood: ${floodRows}`);
  // Live, the server left lines out under the flood: marked where it happened.
  const markers = await jobView.evaluate((el) => {
    const out = [];
    for (let i = 0; i < el.model.rowCount; i++) if (el.model.row(i).kind === "marker") out.push(el.model.row(i).text);
    return out;
  });
  assert.ok(markers.some((m) => /^\.\.\. \[\d+ line\(s\) skipped/.test(m)), `skipped markers: ${markers.slice(0, 3)}`);
  // Opened again, the finished job's history leads with the engine's trimmed notice.
  await openJobs();
  await page.locator("esphome-builder-jobs .job .open", { hasText: FLOOD }).first().click();
  await rows.filter({ hasText: /^line 999999$/ }).first().waitFor({ timeout: 10_000 });
  await page.locator("esphome-builder-job esphome-builder-log .scroller").evaluate((el) => (el.scrollTop = 0));
  const notice = rows.first().filter({ hasText: /^\.\.\. \[output trimmed: \d+ earlier line\(s\) elided\]$/ });
  await notice.waitFor();
  assert.match((await notice.getAttribute("class")) ?? "", /marker/);
  // And the viewer itself under a million lines arriving in server-sized
  // batches (2000 lines), one batch per frame: time the parsing and rendering
  // (parseAndRenderMs, the rest is waiting for frames), count the DOM rows.
  await page.locator("esphome-builder-job esphome-builder-log button.jump").click();
  const perf = await page.evaluate(async () => {
    const find = (root, sel) => {
      const hit = root.querySelector(sel);
      if (hit) return hit;
      for (const el of root.querySelectorAll("*")) {
        const inner = el.shadowRoot && find(el.shadowRoot, sel);
        if (inner) return inner;
      }
      return null;
    };
    const job = find(document, "esphome-builder-job");
    const log = job.log;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const started = performance.now();
    let last = started;
    let worst = 0;
    let maxRows = 0;
    let busy = 0;
    for (let b = 0; b < 500; b++) {
      const lines = new Array(2000);
      for (let i = 0; i < 2000; i++) lines[i] = `\x1b[0;36m[D][bench:042]: line ${b * 2000 + i}\x1b[0m`;
      const t0 = performance.now();
      job.model.append(lines);
      log.version = job.model.version;
      await log.updateComplete;
      busy += performance.now() - t0;
      await frame();
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      maxRows = Math.max(maxRows, log.renderedRows);
    }
    await log.updateComplete;
    return { ms: Math.round(performance.now() - started), parseAndRenderMs: Math.round(busy), worstFrameMs: Math.round(worst), maxRows, kept: job.model.lineCount, following: log.following };
  });
  console.log(`viewer: 1,000,000 lines in 500 batches: ${JSON.stringify(perf)}`);
  assert.ok(perf.maxRows < 200, `DOM rows stay bounded: ${perf.maxRows}`);
  assert.ok(perf.kept <= 40_000, `the viewer keeps a bounded number of lines: ${perf.kept}`);
  assert.ok(perf.following, "still following the tail");
  await rows.filter({ hasText: /^\[D\]\[bench:042\]: line 999999$/ }).first().waitFor();

  // -- Dark theme, phone width --------------------------------------------------
  step("dark theme and phone width");
  await openJobs();
  await page.emulateMedia({ colorScheme: "dark" });
  await panel.and(page.locator("[dark]")).waitFor({ timeout: 10_000 });
  await shot("jobs-desktop-dark");
  await page.locator("esphome-builder-jobs .job .open", { hasText: HTML }).first().click();
  await evilRow.first().waitFor();
  await shot("job-desktop-dark");
  await page.setViewportSize(PHONE);
  await panel.and(page.locator("[narrow]")).waitFor({ timeout: 10_000 });
  await shot("job-phone-dark");
  await openDevices();
  await device(SAMPLE).waitFor();
  // At phone width HA hides its sidebar; the panel's toolbar has the menu button.
  const menu = page.locator("esphome-builder-panel .toolbar ha-menu-button, esphome-builder-panel .toolbar button.menu").first();
  await menu.waitFor();
  assert.ok(await menu.isVisible(), "menu button visible at phone width");
  await shot("devices-phone-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await panel.and(page.locator(":not([dark])")).waitFor({ timeout: 10_000 });
  await shot("devices-phone-light");
  await openJobs();
  await page.locator("esphome-builder-jobs .job .open", { hasText: SAMPLE }).first().click();
  await rows.first().waitFor();
  await shot("job-phone-light");
  await menu.click();
  await page.locator("ha-sidebar").waitFor({ state: "visible", timeout: 5000 });
  await page.keyboard.press("Escape");
  await page.setViewportSize(DESKTOP);
  await panel.and(page.locator(":not([narrow])")).waitFor({ timeout: 10_000 });

  // Every view, a million log lines and the theme changes later: still the one
  // events stream the panel opened first, never resynced.
  console.log(`socket before the restart: ${counts(sockets[0])}`);
  assert.equal(sockets.length, 1, "still one websocket");
  assert.equal(sockets[0].subscribeEvents, 1, `one subscribe_events: ${counts(sockets[0])}`);
  assert.equal(sockets[0].jobsSubscribe, 0, `no jobs/subscribe: ${counts(sockets[0])}`);
  assert.equal(sockets[0].resyncs, 0, `no resync_required: ${counts(sockets[0])}`);
  assert.ok(sockets[0].jobEvents > 0, `job events came through subscribe_events: ${counts(sockets[0])}`);

  // -- Home Assistant restarts: the panel comes back by itself -------------------
  step("restart Home Assistant");
  await openJobs();
  const before = await page.locator("esphome-builder-jobs .job").count();
  mark("restart requested");
  console.log("@@restart");
  const banner = page.locator("esphome-builder-panel .banner");
  await banner.waitFor({ timeout: 60_000 });
  const answer = await stdinLines.next();
  mark("restart answered");
  assert.ok(!answer.done, "the test answered the restart request");
  await banner.waitFor({ state: "detached", timeout: 90_000 });
  // The jobs view resynced from a fresh snapshot, and live events flow again.
  await openDevices();
  await device(HTML).locator('button[data-action="validate"]').click();
  await jobView.waitFor();
  await status.filter({ hasText: /^Completed$/ }).waitFor({ timeout: 60_000 });
  await evilRow.first().waitFor();
  await openJobs();
  // The events stream may still be backing off from the attempts HA refused
  // while it loaded the integration (up to 10 s); the job view follows by
  // itself meanwhile.
  const live = sockets[sockets.length - 1];
  let after = 0;
  for (let i = 0; i < 120; i++) {
    after = await page.locator("esphome-builder-jobs .job").count();
    if (after === before + 1) break;
    await page.waitForTimeout(250);
  }
  assert.equal(after, before + 1, `the jobs view is live after the restart (${before} -> ${after}): ${counts(live)}, feed ${await feedState(page)}`);
  assert.ok(sockets.length >= 2, "a new socket after the restart");
  console.log(`socket after the restart: ${counts(live)}`);
  for (const u of await pageUnsubscribes(page)) {
    if (u.socket > 1) console.log(`unsubscribe_events sent after the restart: ${JSON.stringify({ ...u, stack: u.stack.split("\n").slice(1, 6).join(" | ") })}`);
  }
  // One events stream open on the new socket. Home Assistant may replace the
  // panel's element when it reloads its panels after the reconnect: the old
  // element then ends its stream and the new one opens another. What must not
  // happen is an unsubscribe that ends the one stream left open, such as the
  // stale one (an id of the old socket) that HA's sidebar sends right after
  // the reconnect when that id is ours on the new socket.
  assert.equal(live.subscribed - (live.unsubscribed ?? 0), 1, `one subscribe_events stream open on the new socket: ${counts(live)}`);
  assert.equal(live.jobsSubscribe, 0, `no jobs/subscribe: ${counts(live)}`);

  // -- A burst of jobs: all shown, through the one stream, without a resync -------
  step(`a burst of ${BURST} jobs`);
  const burstBefore = { ...live };
  console.log("@@burst");
  const burstAnswer = await stdinLines.next();
  assert.ok(!burstAnswer.done, "the test answered the burst request");
  const burstIds = JSON.parse(burstAnswer.value);
  assert.equal(new Set(burstIds).size, BURST, "distinct jobs");
  const burstStarted = Date.now();
  const listed = () =>
    page.locator("esphome-builder-jobs .job").evaluateAll((els) => els.map((el) => [el.dataset.jobId, el.dataset.status]));
  let shownMs = null;
  for (;;) {
    const statuses = new Map(await listed());
    const shownNow = burstIds.filter((id) => statuses.has(id)).length;
    if (shownMs === null && shownNow === BURST) shownMs = Date.now() - burstStarted;
    if (burstIds.every((id) => statuses.get(id) === "completed")) break;
    const waited = Date.now() - burstStarted;
    assert.ok(waited < 180_000, `burst: ${shownNow} of ${BURST} shown, not all completed after ${waited} ms: ${counts(live)}`);
    await page.waitForTimeout(250);
  }
  const burst = {
    shownMs,
    completedMs: Date.now() - burstStarted,
    jobEvents: live.jobEvents - burstBefore.jobEvents,
    subscribeEventsSent: live.subscribeEvents - burstBefore.subscribeEvents,
    resyncs: live.resyncs - burstBefore.resyncs,
  };
  console.log(`burst: ${JSON.stringify(burst)}`);
  assert.equal(burst.resyncs, 0, `no resync_required during the burst: ${JSON.stringify(burst)}`);
  assert.equal(burst.subscribeEventsSent, 0, `no new subscribe_events during the burst: ${JSON.stringify(burst)}`);
  assert.equal(live.jobsSubscribe, 0, "no jobs/subscribe");
  // Queued, started, completed for each (progress may be coalesced).
  assert.ok(burst.jobEvents >= 3 * BURST, `every job's lifecycle arrived: ${JSON.stringify(burst)}`);

  assertClean(dialogs, pageErrors);
  await context.close();
  console.log("e2e: ok");
} catch (err) {
  // What the page showed when a check failed, for whoever reads the log.
  await failureShots(browser, SHOTS_DIR, async (page) => console.log(`panel feed: ${await feedState(page)}`));
  console.log(`page errors: ${JSON.stringify(pageErrors)}`);
  console.log(`sockets: ${JSON.stringify(sockets.map(counts))}`);
  for (const page of browser.contexts().flatMap((c) => c.pages())) {
    for (const u of await pageUnsubscribes(page)) console.log(`unsubscribe_events sent: ${JSON.stringify(u)}`);
  }
  for (const line of consoleLines) console.log(`console: ${line}`);
  throw err;
} finally {
  writeFileSync(
    join(SHOTS_DIR, "frames.json"),
    JSON.stringify({ marks, sockets: sockets.map((s) => ({ ...s, ids: [...s.ids], log: s.log })) }, null, 0),
  );
  stdin.close();
  await browser.close();
}
