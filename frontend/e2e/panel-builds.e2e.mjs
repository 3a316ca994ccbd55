// End-to-end check of the Builds view (archived firmware) in Debian's chromium.
// Started by tests/test_panel_builds_e2e.py, which runs a real Home Assistant
// with the real ESPHome and one tiny `host:` configuration (CONFIG), and
// passes in the environment:
//   HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, CONFIG
// Protocol on stdout/stdin (the test answers each with one line):
//   "@@compile"  start a second compile through the websocket API: its job id
//   "@@device"   run the newest program as a device on loopback: "running"
// and it reads these lines: "download: {json}" (what the browser saved) and
// "rollback: {json}" (the rollback job the panel started).
// Any failed check throws: the process exits non-zero with the reason.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { PHONE, assertClean, assertNoOverflow, darkShot, driverEnv, failureShots, launch, loggedIn, screenshots, step, testChannel, watchPage } from "./browser.mjs";

const { HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, CONFIG } = driverEnv("HA_URL", "HA_TOKEN", "SHOTS_DIR", "CHROMIUM", "BROWSER_HOME", "CONFIG");

const { stdin, ask } = testChannel();
const started = Date.now();

const browser = await launch(CHROMIUM, BROWSER_HOME);
const alerts = [];
const pageErrors = [];
try {
  const context = await loggedIn(browser, HA_URL, HA_TOKEN, { acceptDownloads: true });
  const page = await context.newPage();
  watchPage(page, alerts, pageErrors);

  const shot = screenshots(page, SHOTS_DIR);
  const noOverflow = (what) => assertNoOverflow(page, what);
  const device = page.locator(`esphome-builder-devices .device[data-configuration="${CONFIG}"]`);
  const view = page.locator("esphome-builder-builds");
  const builds = view.locator(".build");
  const jobView = page.locator("esphome-builder-job");
  const status = jobView.locator(".header .meta [data-status]");
  const logRows = jobView.locator("esphome-builder-log .row");
  const dialog = page.locator("esphome-builder-target-dialog dialog");
  const openDevices = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Devices" }).click();
  const lastSegment = () => decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
  const jobOf = async (build) => {
    const href = await build.locator("a.log").getAttribute("href");
    return decodeURIComponent(href.split("/").pop());
  };

  // -- Before any build: the view says how builds get here --------------------------
  step("open the panel, then the Builds view");
  await page.goto(`${HA_URL}/esphome-builder`);
  await device.waitFor({ timeout: 60_000 });
  await device.locator("button.builds").click();
  await page.waitForURL(/\/esphome-builder\/builds\/.+/);
  assert.equal(lastSegment(), CONFIG);
  await view.locator(".empty.none").waitFor({ timeout: 10_000 });
  assert.equal(await view.locator(".title").innerText(), "Builds · Builds host");
  // The Devices tab stays selected: builds belong to a device.
  assert.equal(await page.locator("esphome-builder-panel .tabs a.active").innerText(), "DEVICES");
  await shot("builds-empty-desktop");

  // -- First compile from the device card; its build appears once archived ---------
  step("compile from the panel");
  await openDevices();
  await device.locator('button[data-action="compile"]').click();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  const firstJob = lastSegment();
  await status.filter({ hasText: /^(Completed|Failed)$/ }).waitFor({ timeout: 240_000 });
  const compiled = (await logRows.allTextContents()).slice(-30).join("\n");
  assert.equal((await status.innerText()).trim(), "Completed", `the compile succeeds:\n${compiled}`);
  // Straight to the Builds view: the build is archived just after the job.
  await openDevices();
  await device.locator("button.builds").click();
  await builds.first().waitFor({ timeout: 30_000 });
  assert.equal(await builds.count(), 1);
  assert.equal(await jobOf(builds.first()), firstJob, "the build links to the job that made it");
  const older = await builds.first().getAttribute("data-build-id");

  // -- Second compile (started elsewhere) while the view is open: it shows up live ---
  step("a second compile shows up live");
  const secondJob = await ask("@@compile");
  await view.locator(".active", { hasText: "Compile" }).waitFor({ timeout: 30_000 });
  await shot("builds-compiling-desktop");
  await builds.nth(1).waitFor({ timeout: 240_000 });
  await view.locator(".active").waitFor({ state: "detached", timeout: 10_000 });
  assert.equal(await builds.count(), 2);
  assert.equal(await jobOf(builds.first()), secondJob, "newest first");
  assert.equal(await builds.nth(1).getAttribute("data-build-id"), older);
  const newer = await builds.first().getAttribute("data-build-id");
  assert.match(await builds.first().locator(".version").innerText(), /^ESPHome 20\d\d\.\d+\.\d+/);
  assert.match(await builds.first().locator(".size").innerText(), /^[\d.]+ (KB|MB)$/);
  assert.equal(await view.locator(".good").count(), 0, "nothing flashed yet: no last known good");
  await shot("builds-desktop");

  // -- Download the newest program: the bytes the archive holds -----------------------
  step("download an artifact");
  const artifact = builds.first().locator('.artifact[data-kind="program"]');
  const button = artifact.locator("button.download");
  const artifactId = await button.getAttribute("data-artifact-id");
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), button.click()]);
  const saved = await download.path();
  assert.equal(await download.failure(), null, "the download completed");
  const bytes = readFileSync(saved);
  const name = download.suggestedFilename();
  assert.match(name, /^builds-host-\d{8}T\d{6}-program\.bin$/, "the server's safe file name");
  assert.ok(bytes.length > 0);
  assert.match(await artifact.innerText(), /Program/);
  console.log(
    `download: ${JSON.stringify({
      build_id: newer,
      artifact_id: artifactId,
      name,
      size: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      url: download.url().replace(/authSig=[^&]+/, "authSig=…"),
    })}`,
  );
  assert.ok(new URL(download.url()).searchParams.get("authSig"), "a signed URL");
  assert.equal(new URL(download.url()).origin, new URL(HA_URL).origin, "same origin");
  assert.ok(await button.isEnabled(), "the button is ready again");

  // -- Roll back to the older build: confirm, then the job's live log --------------
  step("roll back to the older build");
  assert.equal(await ask("@@device"), "running");
  await builds.nth(1).locator("button.rollback").click();
  await dialog.waitFor();
  assert.match(await dialog.locator("h2").innerText(), new RegExp(`^Roll back ${CONFIG.replace(".", "\\.")}$`));
  assert.match(await dialog.locator(".note").innerText(), /^Flash the build of .+ \(ESPHome .+\) again\. Nothing is compiled\.$/);
  // Cancel starts nothing.
  await dialog.locator("button", { hasText: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.match(page.url(), /\/builds\//, "still on the Builds view");
  await builds.nth(1).locator("button.rollback").click();
  await dialog.waitFor();
  await dialog.locator('input[value="address"]').check();
  await dialog.locator('input[name="address"]').fill("127.0.0.1");
  await shot("builds-rollback-confirm-desktop");
  await dialog.locator('button[type="submit"]').click();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  const rollbackJob = lastSegment();
  assert.notEqual(rollbackJob, secondJob);
  await jobView.locator(".title", { hasText: `Roll back ${CONFIG}` }).waitFor({ timeout: 10_000 });
  await logRows.first().waitFor({ timeout: 60_000 });
  await status.filter({ hasText: /^(Completed|Failed)$/ }).waitFor({ timeout: 120_000 });
  const rollbackLog = await logRows.allTextContents();
  const rollbackStatus = (await status.innerText()).trim();
  console.log(`rollback: ${JSON.stringify({ job_id: rollbackJob, build_id: older, status: rollbackStatus })}`);
  assert.equal(rollbackStatus, "Completed", `the running device takes the older build:\n${rollbackLog.slice(-30).join("\n")}`);
  assert.ok(rollbackLog.some((line) => /127\.0\.0\.1/.test(line)), "the log shows the upload to the device");
  assert.ok(!rollbackLog.some((line) => /Compiling/.test(line)), "nothing was compiled");
  await shot("builds-rollback-job-desktop");

  // -- Back in the Builds view: the older build is now the last known good ----------
  step("last known good");
  await page.goBack();
  await page.waitForURL(/\/esphome-builder\/builds\/.+/);
  await builds.nth(1).locator(".good").waitFor({ timeout: 15_000 });
  assert.equal(await builds.nth(1).getAttribute("data-build-id"), older);
  assert.equal(await view.locator(".good").count(), 1, "one last known good");
  await shot("builds-last-known-good-desktop");

  // -- Phone width: nothing overflows, the dialog fits ----------------------------------
  step("phone width");
  await page.setViewportSize(PHONE);
  await page.locator("esphome-builder-panel[narrow]").waitFor({ timeout: 10_000 });
  await builds.nth(1).locator(".good").waitFor();
  await noOverflow("builds view");
  await shot("builds-phone");
  await builds.first().locator("button.rollback").click();
  await dialog.waitFor();
  await noOverflow("rollback dialog");
  await shot("builds-rollback-confirm-phone");
  await dialog.locator("button", { hasText: "Cancel" }).click();
  await dialog.waitFor({ state: "hidden" });
  await darkShot(page, shot, "builds-phone-dark");
  await openDevices();
  await device.waitFor();
  await noOverflow("devices view");
  await shot("builds-devices-phone");

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
