// What an end-to-end driver needs to open the panel: Debian's chromium,
// headless, with a HOME of its own, and a page logged in to Home Assistant
// with a long-lived token (no typing dev/dev).
import { chromium } from "playwright-core";
import { join } from "node:path";

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
