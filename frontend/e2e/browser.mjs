// What an end-to-end driver needs to open the panel: Debian's chromium,
// headless, with a HOME of its own, and a page logged in to Home Assistant
// with a long-lived token (no typing dev/dev); and what every driver does
// around its checks: read its environment, talk to its test on stdin/stdout,
// take screenshots, and tell what the page showed when a check failed.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch(executablePath, home) {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_CACHE_HOME: join(home, ".cache") },
  });
}

/** A browser context whose pages are logged in to `url` with `token`. */
export async function loggedIn(browser, url, token, options = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, colorScheme: "light", ...options });
  await context.addInitScript(
    ({ url, token }) => {
      if (!localStorage.getItem("hassTokens")) {
        localStorage.setItem(
          "hassTokens",
          JSON.stringify({
            access_token: token,
            token_type: "Bearer",
            expires_in: 315360000,
            expires: Date.now() + 315360000000,
            refresh_token: "",
            hassUrl: url,
            clientId: `${url}/`,
          }),
        );
      }
    },
    { url, token },
  );
  return context;
}

/**
 * Elements inside `host` (through every shadow root below it) that reach past
 * the right edge of the window, or scroll sideways: at phone width, nothing may.
 */
export function overflowing(page, host = "esphome-builder-panel") {
  return page.evaluate((host) => {
    const width = window.innerWidth;
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        const rect = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // A progress bar's moving part slides inside its clipping track.
        const visible = rect.width > 0 && rect.height > 0 && style.visibility !== "hidden" && !el.parentElement?.closest(".progress");
        if (visible && (rect.right > width + 1 || rect.left < -1)) {
          found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} [${Math.round(rect.left)}, ${Math.round(rect.right)}]`);
        }
        if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== "hidden" && style.overflowX !== "clip" && el.clientWidth > 0) {
          found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    const el = document.querySelector("home-assistant");
    const find = (root) => {
      const hit = root.querySelector(host);
      if (hit) return hit;
      for (const child of root.querySelectorAll("*")) {
        const inner = child.shadowRoot && find(child.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const panel = find(el?.shadowRoot ?? document);
    if (panel?.shadowRoot) walk(panel.shadowRoot);
    return found;
  }, host);
}

/** The variables `names` from the environment, each required; SHOTS_DIR is created. */
export function driverEnv(...names) {
  const env = {};
  for (const k of names) {
    if (!process.env[k]) throw new Error(`${k} is not set`);
    env[k] = process.env[k];
  }
  if (env.SHOTS_DIR) mkdirSync(env.SHOTS_DIR, { recursive: true });
  return env;
}

/**
 * The test's answers on stdin, a line each: `lines` to read them one by one,
 * `ask(request)` to print a request and return its answer.
 */
export function testChannel() {
  const stdin = createInterface({ input: process.stdin });
  const lines = stdin[Symbol.asyncIterator]();
  const ask = async (request) => {
    console.log(request);
    const answer = await lines.next();
    assert.ok(!answer.done, `the test answered ${request}`);
    return answer.value.trim();
  };
  return { stdin, lines, ask };
}

export const step = (what) => console.log(`step: ${what}`);

/** Record the page's alert() texts in `alerts` (dismissing them) and its errors in `pageErrors`. */
export function watchPage(page, alerts, pageErrors) {
  page.on("dialog", async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (err) => pageErrors.push(String(err)));
}

/** A function that saves a screenshot of `page` as `dir/{name}.png`. */
export function screenshots(page, dir) {
  return async (name) => {
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path });
    console.log(`screenshot: ${path}`);
  };
}

export async function assertNoOverflow(page, what) {
  assert.deepEqual(await overflowing(page), [], `nothing reaches past the window (${what})`);
}

/** The screenshot `name` in the dark theme, then back to light. */
export async function darkShot(page, shot, name) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.locator("esphome-builder-panel[dark]").waitFor({ timeout: 10_000 });
  await shot(name);
  await page.emulateMedia({ colorScheme: "light" });
}

/** No alert() ran (a name or a log line made into HTML) and the panel threw nothing. */
export function assertClean(alerts, pageErrors) {
  assert.deepEqual(alerts, [], "no alert() ran");
  assert.deepEqual(
    pageErrors.filter((e) => /esphome|builder/i.test(e)),
    [],
    "no error from the panel",
  );
}

/** After a failed check: a screenshot of every page, then `more(page)` for each. */
export async function failureShots(browser, dir, more = async () => {}) {
  for (const page of browser.contexts().flatMap((c) => c.pages())) {
    const path = join(dir, "failure.png");
    await page.screenshot({ path }).catch(() => undefined);
    console.log(`failure screenshot: ${path} (at ${page.url()})`);
    await more(page);
  }
}
