// End-to-end check of fleet updates in the panel, in Debian's chromium.
// Started by tests/test_panel_batches_e2e.py, which runs a real Home Assistant
// with the fake ESPHome and four configurations (FLEET, comma-separated, one
// of them FAILING and one named like HTML), and passes in the environment:
//   HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, FLEET, FAILING
// Protocol on stdout/stdin: "@@fix" asks the test to make FAILING pass (the
// user fixed the configuration); it answers with one line.
// Any failed check throws: the process exits non-zero with the reason.
import assert from "node:assert/strict";

import { DESKTOP, PHONE, assertClean, assertNoOverflow, darkShot, driverEnv, failureShots, launch, loggedIn, screenshots, step, testChannel, watchPage } from "./browser.mjs";

const { HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, FLEET, FAILING } = driverEnv("HA_URL", "HA_TOKEN", "SHOTS_DIR", "CHROMIUM", "BROWSER_HOME", "FLEET", "FAILING");
const fleet = FLEET.split(",");
const passing = fleet.filter((name) => name !== FAILING);
const UNKNOWN_TO_HA = "Home Assistant does not know this device, so it counts as offline";

const { stdin, lines: stdinLines } = testChannel();
const started = Date.now();

const browser = await launch(CHROMIUM, BROWSER_HOME);
const alerts = [];
const pageErrors = [];
try {
  const context = await loggedIn(browser, HA_URL, HA_TOKEN);
  const page = await context.newPage();
  watchPage(page, alerts, pageErrors);

  const shot = screenshots(page, SHOTS_DIR);
  const noOverflow = (what) => assertNoOverflow(page, what);
  const device = (name) => page.locator(`esphome-builder-devices .device[data-configuration="${name}"]`);
  const dialog = page.locator("esphome-builder-batch-dialog dialog");
  const runList = dialog.locator("ul.run li");
  const skippedList = dialog.locator("ul.skipped li");
  const confirm = dialog.locator("button.confirm");
  const view = page.locator("esphome-builder-batch");
  const header = view.locator(".header");
  const row = (name) => view.locator(`.row[data-configuration="${name}"]`);
  const summary = view.locator(".summary");
  const openDevices = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Devices" }).click();
  const openJobs = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Jobs" }).click();
  const names = (list) => list.locator(".name").allTextContents();
  const batchId = () => decodeURIComponent(new URL(page.url()).pathname.split("/").pop());

  // -- Update all: the preview says what runs and what is skipped, and why ------
  step("open the panel");
  await page.goto(`${HA_URL}/esphome-builder`);
  for (const name of fleet) await device(name).waitFor({ timeout: 60_000 });
  await shot("batches-devices-desktop");

  step("Update all: preview");
  await page.locator("esphome-builder-devices button.update-all").click();
  await dialog.waitFor();
  await dialog.locator("h3", { hasText: "Skipped (4)" }).waitFor({ timeout: 10_000 });
  assert.equal(await runList.count(), 0, "nothing runs: HA knows none of these devices");
  assert.ok(await confirm.isDisabled(), "nothing to confirm");
  assert.equal((await confirm.innerText()).trim(), "Install");
  assert.deepEqual((await names(skippedList)).sort(), [...fleet].sort(), "each configuration is listed literally");
  for (const reason of await skippedList.locator(".reason").allTextContents()) assert.equal(reason.trim(), UNKNOWN_TO_HA);
  await shot("batches-update-all-preview-desktop");
  // Include offline devices: now all of them would run, none is skipped.
  await dialog.locator('input[name="include_offline"]').check();
  await dialog.locator("h3", { hasText: "Will run (4)" }).waitFor({ timeout: 10_000 });
  assert.equal(await skippedList.count(), 0);
  assert.deepEqual((await names(runList)).sort(), [...fleet].sort());
  assert.equal((await confirm.innerText()).trim(), "Install 4");
  // A canary runs first: the preview marks it. (This run goes without one.)
  await dialog.locator('input[name="canary"]').fill("1");
  await runList.first().locator(".chip", { hasText: "canary" }).waitFor({ timeout: 10_000 });
  assert.equal(await runList.locator(".chip").count(), 1, "one canary");
  await dialog.locator('input[name="canary"]').fill("0");
  await runList.locator(".chip").first().waitFor({ state: "detached", timeout: 10_000 });
  await dialog.locator("h3", { hasText: "Will run (4)" }).waitFor({ timeout: 10_000 });
  await shot("batches-update-all-include-offline-desktop");

  // -- Confirm: the batch view, live rows ----------------------------------------
  step("Update all: start, live rows");
  await confirm.click();
  await dialog.waitFor({ state: "hidden" });
  await page.waitForURL(/\/esphome-builder\/batches\/.+/);
  const firstBatch = batchId();
  for (const name of fleet) await row(name).waitFor({ timeout: 10_000 });
  assert.equal(await view.locator(".row").count(), 4);
  // Watch the rows move: a running row with a live bar, others still queued.
  const seen = new Set();
  let shotRunning = false;
  for (let i = 0; i < 200; i++) {
    const statuses = await view.locator(".row").evaluateAll((els) => els.map((el) => el.dataset.status));
    statuses.forEach((s) => seen.add(s));
    if (!shotRunning && statuses.includes("running") && statuses.includes("queued")) {
      assert.equal(await header.getAttribute("data-status"), "running");
      await view.locator('.row[data-status="running"] .progress').first().waitFor();
      await view.locator("button.cancel").waitFor();
      assert.ok(await view.locator("button.retry").isDisabled(), "no retry while it runs");
      await shot("batches-running-desktop");
      shotRunning = true;
    }
    if ((await header.getAttribute("data-status")) !== "running") break;
    await page.waitForTimeout(100);
  }
  assert.ok(seen.has("running") && seen.has("queued"), `rows moved live: ${[...seen]}`);

  // -- The outcome: summary, the failure, links to the logs -----------------------
  step("Update all: summary");
  await header.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 30_000 });
  await summary.filter({ hasText: "3 completed · 1 failed" }).waitFor({ timeout: 5_000 });
  for (const name of passing) assert.equal(await row(name).getAttribute("data-status"), "completed", name);
  assert.equal(await row(FAILING).getAttribute("data-status"), "failed");
  assert.match(await row(FAILING).locator(".error").innerText(), /exited with code 1/);
  assert.equal(await view.locator("button.cancel").count(), 0, "no cancel once finished");
  assert.ok(await view.locator("button.retry").isEnabled(), "retry failed is offered");
  await shot("batches-finished-desktop");
  // The failed row links to its job's log; the log links back to the batch.
  await row(FAILING).locator("a.log").click();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  const status = page.locator("esphome-builder-job .header .meta [data-status]");
  await status.filter({ hasText: /^Failed$/ }).waitFor({ timeout: 10_000 });
  await page.locator("esphome-builder-job esphome-builder-log .row", { hasText: `fake compile` }).first().waitFor();
  await page.locator("esphome-builder-job button.batch").click();
  await page.waitForURL(new RegExp(`/batches/${firstBatch}$`));
  await summary.filter({ hasText: "3 completed · 1 failed" }).waitFor({ timeout: 10_000 });

  // -- Retry failed: only the failed one runs again ----------------------------------
  step("Retry failed");
  console.log("@@fix");
  assert.ok(!(await stdinLines.next()).done, "the test fixed the configuration");
  await view.locator("button.retry").click();
  await dialog.waitFor();
  // A retry selects the failed one, reaching the devices the first run did:
  // "include offline" starts ticked; unticked, it would be skipped, saying why.
  const offlineBox = dialog.locator('input[name="include_offline"]');
  await dialog.locator("h3", { hasText: "Will run (1)" }).waitFor({ timeout: 10_000 });
  assert.ok(await offlineBox.isChecked(), "the retry keeps include offline");
  await offlineBox.uncheck();
  await dialog.locator("h3", { hasText: "Skipped (1)" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await names(skippedList), [FAILING]);
  await offlineBox.check();
  await dialog.locator("h3", { hasText: "Will run (1)" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await names(runList), [FAILING], "only the failed configuration runs again");
  await shot("batches-retry-preview-desktop");
  await confirm.click();
  await page.waitForURL((url) => url.pathname.includes("/batches/") && !url.pathname.endsWith(firstBatch));
  const retryBatch = batchId();
  await header.and(page.locator('[data-status="completed"]')).waitFor({ timeout: 30_000 });
  await summary.filter({ hasText: /^1 completed$/ }).waitFor({ timeout: 5_000 });
  assert.equal(await view.locator(".row").count(), 1);
  assert.equal(await row(FAILING).getAttribute("data-status"), "completed");
  assert.ok(await view.locator("button.retry").isDisabled(), "nothing left to retry");
  await view.locator("a", { hasText: "retry of an earlier batch" }).waitFor();
  await shot("batches-retry-finished-desktop");

  // -- Validate all, cancelled while it runs: the reason, and what was cancelled ---
  step("Validate all, then cancel");
  await openDevices();
  await page.locator("esphome-builder-devices button.validate-all").click();
  await dialog.waitFor();
  await dialog.locator("h3", { hasText: "Will run (4)" }).waitFor({ timeout: 10_000 });
  assert.equal(await skippedList.count(), 0, "validating skips nobody");
  assert.equal(await dialog.locator('input[name="include_offline"]').count(), 0, "no offline option for validate");
  await confirm.click();
  await page.waitForURL((url) => url.pathname.includes("/batches/") && !url.pathname.endsWith(retryBatch));
  await view.locator('.row[data-status="running"]').first().waitFor({ timeout: 10_000 });
  await view.locator("button.cancel").click();
  await header.and(page.locator('[data-status="cancelled"]')).waitFor({ timeout: 30_000 });
  await view.locator(".stopped").waitFor({ timeout: 5_000 });
  assert.match(await summary.innerText(), /cancelled/);
  assert.ok(await view.locator("button.retry").isEnabled(), "cancelled ones can be retried");
  await shot("batches-cancelled-desktop");

  // -- The jobs view lists the batches -----------------------------------------------
  step("recent batches in the jobs view");
  await openJobs();
  const listed = page.locator("esphome-builder-batches a.batch");
  await listed.nth(2).waitFor({ timeout: 10_000 });
  assert.equal(await listed.nth(2).getAttribute("data-batch-id"), firstBatch, "newest first");
  await shot("batches-jobs-desktop");

  // -- Phone width: nothing overflows, rows wrap ---------------------------------------
  step("phone width");
  await page.setViewportSize(PHONE);
  await page.locator("esphome-builder-panel[narrow]").waitFor({ timeout: 10_000 });
  await listed.nth(2).click();
  await page.waitForURL(new RegExp(`/batches/${firstBatch}$`));
  await summary.filter({ hasText: "3 completed · 1 failed" }).waitFor({ timeout: 10_000 });
  await noOverflow("batch view");
  await shot("batches-finished-phone");
  await darkShot(page, shot, "batches-finished-phone-dark");
  await openDevices();
  await device(fleet[0]).waitFor();
  await noOverflow("devices view");
  await shot("batches-devices-phone");
  await page.locator("esphome-builder-devices button.update-all").click();
  await dialog.locator("h3", { hasText: "Skipped (4)" }).waitFor({ timeout: 10_000 });
  await noOverflow("update all preview");
  await shot("batches-update-all-preview-phone");
  await dialog.locator("button", { hasText: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });

  // A configuration named like HTML stayed text everywhere.
  assert.equal(await page.locator("esphome-builder-panel img").count(), 0, "no element was made from a name");
  assertClean(alerts, pageErrors);
  await context.close();
  console.log(`e2e: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  await failureShots(browser, SHOTS_DIR);
  console.log(`page errors: ${JSON.stringify(pageErrors)}`);
  throw err;
} finally {
  stdin.close();
  await browser.close();
}
