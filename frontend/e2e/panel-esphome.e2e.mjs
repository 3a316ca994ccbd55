// End-to-end check of managed ESPHome in the panel (versions bar, version
// chips, pin dialog, a pinned build) in Debian's chromium. Started by
// tests/test_panel_esphome_e2e.py, which runs a real Home Assistant whose
// entry installs ESPHome DEFAULT_VERSION with uv when it loads, with two tiny
// `host:` configurations (PINNED, PLAIN), and passes in the environment:
//   HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, PINNED, PLAIN,
//   DEFAULT_VERSION, PINNED_VERSION
// Protocol on stdout/stdin (the test answers each with one line):
//   "@@pins"  the engine's pins now (esphome/versions), as JSON
// and it reads "compile: {json}" (the compile job the panel started).
// Any failed check throws: the process exits non-zero with the reason.
import assert from "node:assert/strict";

import { PHONE, assertClean, assertNoOverflow, darkShot, driverEnv, failureShots, launch, loggedIn, screenshots, step, testChannel, watchPage } from "./browser.mjs";

const { HA_URL, HA_TOKEN, SHOTS_DIR, CHROMIUM, BROWSER_HOME, PINNED, PLAIN, DEFAULT_VERSION, PINNED_VERSION } = driverEnv("HA_URL", "HA_TOKEN", "SHOTS_DIR", "CHROMIUM", "BROWSER_HOME", "PINNED", "PLAIN", "DEFAULT_VERSION", "PINNED_VERSION");

const { stdin, ask } = testChannel();
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
  const card = (configuration) => page.locator(`esphome-builder-devices .device[data-configuration="${configuration}"]`);
  const chip = (configuration) => card(configuration).locator("button.version");
  const bar = page.locator("esphome-builder-versions .bar");
  const barText = bar.locator(".what");
  const pinDialog = page.locator("esphome-builder-versions dialog");
  const versionInput = pinDialog.locator('input[name="version"]');
  const jobView = page.locator("esphome-builder-job");
  const status = jobView.locator(".header .meta [data-status]");
  const logRows = jobView.locator("esphome-builder-log .row");
  const logText = () => jobView.evaluate((el) => el.model.plainText());
  const openDevices = () => page.locator("esphome-builder-panel .tabs a", { hasText: "Devices" }).click();
  const lastSegment = () => decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
  const installedText = (n) => new RegExp(`^ESPHome ${escape(DEFAULT_VERSION)} · managed · ${n} installed$`);
  const pins = async () => JSON.parse(await ask("@@pins"));
  // Wait until the element's shown text (trimmed) matches.
  const untilText = async (locator, pattern, timeout = 15_000) => {
    const deadline = Date.now() + timeout;
    let text = "";
    while (Date.now() < deadline) {
      text = (await locator.innerText().catch(() => "")).trim();
      if (pattern.test(text)) return text;
      await page.waitForTimeout(200);
    }
    assert.fail(`waited for ${pattern}, the page shows ${JSON.stringify(text)}`);
  };

  // -- The entry's install runs: the bar shows it and opens its live log ----------------
  step("open the panel: the versions bar");
  await page.goto(`${HA_URL}/esphome-builder`);
  await card(PINNED).waitFor({ timeout: 60_000 });
  await bar.waitFor({ timeout: 30_000 });
  const installing = bar.locator("button.installing");
  const live = await installing.isVisible();
  if (live) {
    step("the install runs: open its log from the bar");
    assert.equal((await installing.innerText()).trim(), `Installing ESPHome ${DEFAULT_VERSION}…`);
    // The entry names the version: it is the default before it is installed.
    assert.equal(
      (await barText.innerText()).trim(),
      `ESPHome ${DEFAULT_VERSION} (not installed yet) · managed · 0 installed`,
    );
    await installing.click();
  } else {
    // Only when the install ended before the page was up (a fast machine).
    step("the install already ended: open it from the Jobs list");
    await page.locator("esphome-builder-panel .tabs a", { hasText: "Jobs" }).click();
    await page.locator("esphome-builder-jobs .job", { hasText: `esphome==${DEFAULT_VERSION}` }).first().locator("button.open").click();
  }
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  const setupJob = lastSegment();
  await jobView.locator(".title", { hasText: `esphome==${DEFAULT_VERSION}` }).waitFor({ timeout: 10_000 });
  await logRows.first().waitFor({ timeout: 60_000 });
  if (live) {
    // uv's lines arrive while the job runs, not only once it ended.
    await logRows.filter({ hasText: /Creating a virtual environment with/ }).first().waitFor({ timeout: 30_000 });
    const seenWhile = (await status.innerText()).trim();
    console.log(`install log opened while the job was: ${seenWhile}`);
  }
  await status.filter({ hasText: /^(Completed|Failed)$/ }).waitFor({ timeout: 180_000 });
  const installLog = await logText();
  assert.equal((await status.innerText()).trim(), "Completed", `the install succeeds:\n${installLog.slice(-3000)}`);
  assert.match(installLog, /Creating a virtual environment with \S*uv/, "the builder says it runs uv");
  assert.match(installLog, /Resolved \d+ packages? in/, "uv's resolver output");
  assert.match(installLog, new RegExp(`\\+ esphome==${escape(DEFAULT_VERSION)}`), "uv's install output");
  assert.match(installLog, new RegExp(`ESPHome ${escape(DEFAULT_VERSION)} is installed`));
  assert.equal((await jobView.locator(".esphome-version").innerText()).trim(), `ESPHome ${DEFAULT_VERSION}`);
  await shot("esphome-install-log-desktop");

  // -- Installed: the bar and the chips show the default ----------------------------------
  step("installed: bar and chips");
  await openDevices();
  await untilText(barText, installedText(1));
  assert.equal((await bar.locator(".default").innerText()).trim(), DEFAULT_VERSION);
  await bar.locator("button.upgrade").waitFor();
  for (const configuration of [PINNED, PLAIN]) {
    await untilText(chip(configuration), new RegExp(`^${escape(DEFAULT_VERSION)}$`));
    assert.equal(await chip(configuration).evaluate((el) => el.classList.contains("pinned")), false);
  }
  await shot("esphome-installed-desktop");

  // -- Pin through the chip: a bad version first, then a real one -----------------------
  step("pin: a bad version is refused in the dialog");
  await chip(PINNED).click();
  await pinDialog.waitFor();
  assert.equal((await pinDialog.locator("h2").innerText()).trim(), `ESPHome for ${PINNED}`);
  assert.equal(await pinDialog.locator("button.unpin").count(), 0, "nothing to unpin yet");
  await versionInput.fill("2026.10");
  await pinDialog.locator('button[type="submit"]').click();
  const error = pinDialog.locator(".error");
  await error.waitFor();
  assert.match(await error.innerText(), /^Enter an ESPHome release such as 2026\.10\.0\.$/);
  assert.ok(await pinDialog.isVisible(), "the dialog stays open");
  await shot("esphome-pin-error-desktop");
  assert.deepEqual(await pins(), {}, "nothing pinned");

  step("pin a real version");
  await versionInput.fill(PINNED_VERSION);
  await pinDialog.locator('button[type="submit"]').click();
  await pinDialog.waitFor({ state: "hidden" });
  await chip(PINNED).and(page.locator(".pinned")).filter({ hasText: PINNED_VERSION }).waitFor({ timeout: 10_000 });
  assert.match(await chip(PINNED).getAttribute("title"), new RegExp(`^Pinned to ESPHome ${escape(PINNED_VERSION)}`));
  assert.equal((await chip(PLAIN).innerText()).trim(), DEFAULT_VERSION, "the other device is not pinned");
  assert.deepEqual(await pins(), { [PINNED]: PINNED_VERSION });

  step("unpin, then pin again");
  await chip(PINNED).click();
  await pinDialog.waitFor();
  assert.equal(await versionInput.inputValue(), PINNED_VERSION, "the dialog starts from the pin");
  assert.equal(await pinDialog.locator(".error").count(), 0, "the old error is gone");
  await pinDialog.locator("button.unpin").click();
  await pinDialog.waitFor({ state: "hidden" });
  await untilText(chip(PINNED), new RegExp(`^${escape(DEFAULT_VERSION)}$`));
  assert.equal(await chip(PINNED).evaluate((el) => el.classList.contains("pinned")), false);
  assert.deepEqual(await pins(), {});
  await chip(PINNED).click();
  await pinDialog.waitFor();
  assert.equal(await versionInput.inputValue(), "");
  await versionInput.fill(PINNED_VERSION);
  await versionInput.press("Enter");
  await pinDialog.waitFor({ state: "hidden" });
  await chip(PINNED).and(page.locator(".pinned")).filter({ hasText: PINNED_VERSION }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await pins(), { [PINNED]: PINNED_VERSION });
  await shot("esphome-pinned-desktop");

  // -- Compile the pinned device: it waits for its version's install, then builds --------
  step("compile the pinned device");
  await card(PINNED).locator('button[data-action="compile"]').click();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  const compileJob = lastSegment();
  assert.notEqual(compileJob, setupJob);
  console.log(`compile: ${JSON.stringify({ job_id: compileJob })}`);
  await jobView.locator(".title", { hasText: `Compile ${PINNED}` }).waitFor({ timeout: 10_000 });
  const waiting = new RegExp(`Waiting for ESPHome ${escape(PINNED_VERSION)} to be installed \\(job [^)]+\\)`);
  await logRows.filter({ hasText: waiting }).first().waitFor({ timeout: 30_000 });

  step("the bar shows the pinned version's install");
  await openDevices();
  const pinInstall = bar.locator("button.installing");
  const pinInstallSeen = await pinInstall
    .filter({ hasText: `Installing ESPHome ${PINNED_VERSION}…` })
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (pinInstallSeen) await shot("esphome-installing-pin-desktop");
  else console.log("the pinned version's install ended before the Devices view was up");
  // Back to the compile through its card.
  await card(PINNED).locator("button.job").click();
  await page.waitForURL(/\/esphome-builder\/jobs\/.+/);
  assert.equal(lastSegment(), compileJob);
  await jobView.locator(".esphome-version").filter({ hasText: `ESPHome ${PINNED_VERSION}` }).waitFor({ timeout: 240_000 });
  await status.filter({ hasText: /^(Completed|Failed)$/ }).waitFor({ timeout: 600_000 });
  const compileLog = await logText();
  assert.equal((await status.innerText()).trim(), "Completed", `the compile succeeds:\n${compileLog.slice(-3000)}`);
  assert.match(compileLog, waiting);
  assert.match(compileLog, new RegExp(`ESPHome ${escape(PINNED_VERSION)} \\(pinned\\)`));
  assert.equal((await jobView.locator(".esphome-version").innerText()).trim(), `ESPHome ${PINNED_VERSION}`);
  await shot("esphome-pinned-job-desktop");
  if (!pinInstallSeen) await shot("esphome-installing-pin-desktop");

  // -- Two versions installed; the default is unchanged ---------------------------------
  step("two versions installed");
  await openDevices();
  await untilText(barText, installedText(2));
  assert.equal((await chip(PINNED).innerText()).trim(), PINNED_VERSION);
  assert.equal((await chip(PLAIN).innerText()).trim(), DEFAULT_VERSION);

  // -- Phone width, then dark: nothing overflows, the dialog fits -------------------------
  step("phone width");
  await page.setViewportSize(PHONE);
  await page.locator("esphome-builder-panel[narrow]").waitFor({ timeout: 10_000 });
  await bar.waitFor();
  await noOverflow("devices view with the versions bar");
  await shot("esphome-devices-phone");
  await chip(PINNED).click();
  await pinDialog.waitFor();
  await noOverflow("pin dialog");
  const box = await pinDialog.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the dialog fits: ${JSON.stringify(box)}`);
  await shot("esphome-pin-dialog-phone");
  await pinDialog.locator("button", { hasText: "Cancel" }).click();
  await pinDialog.waitFor({ state: "hidden" });
  assert.deepEqual(await pins(), { [PINNED]: PINNED_VERSION }, "Cancel changes nothing");
  await darkShot(page, shot, "esphome-devices-phone-dark");

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
