#!/usr/bin/env node
// Builds the panel into one ES module that the integration serves:
//   node build.mjs                  -> ../custom_components/esphome_builder/frontend/esphome-builder-panel.js
//   node build.mjs --out FILE       -> FILE (same options, for comparisons)
//   node build.mjs --check          -> fail when the committed bundle differs from a fresh build
//   node build.mjs --tests          -> unit tests bundled into ../.cache/frontend-test/
// The output is deterministic, so a fresh build of unchanged sources is byte-identical.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const BUNDLE = join(root, "custom_components/esphome_builder/frontend/esphome-builder-panel.js");

const bundleOptions = (outfile) => ({
  entryPoints: [join(here, "src/panel.ts")],
  outfile,
  bundle: true,
  format: "esm",
  target: "es2021",
  minify: true,
  legalComments: "eof",
  charset: "utf8",
  tsconfig: join(here, "tsconfig.json"),
  banner: { js: "// ESPHome Builder panel. Generated from frontend/src by frontend/build.mjs: do not edit." },
  logLevel: "warning",
});

const args = process.argv.slice(2);

if (args.includes("--tests")) {
  const outdir = join(root, ".cache/frontend-test");
  rmSync(outdir, { recursive: true, force: true });
  const tests = readdirSync(join(here, "test")).filter((f) => f.endsWith(".test.ts"));
  await build({
    entryPoints: tests.map((f) => join(here, "test", f)),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: join(here, "tsconfig.json"),
    logLevel: "warning",
  });
} else if (args.includes("--check")) {
  const tmp = mkdtempSync(join(tmpdir(), "esphome-builder-bundle-"));
  try {
    const fresh = join(tmp, "esphome-builder-panel.js");
    await build(bundleOptions(fresh));
    const committed = existsSync(BUNDLE) ? readFileSync(BUNDLE) : null;
    if (committed === null || !committed.equals(readFileSync(fresh))) {
      console.error(
        "error: the committed panel bundle is stale: " +
          "custom_components/esphome_builder/frontend/esphome-builder-panel.js does not match frontend/src.\n" +
          "       Rebuild it with `npm --prefix frontend run build` (or `node frontend/build.mjs`) and commit the result.",
      );
      process.exit(1);
    }
    console.log("panel bundle is up to date");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  const i = args.indexOf("--out");
  const outfile = i >= 0 ? resolve(args[i + 1]) : BUNDLE;
  await build(bundleOptions(outfile));
  console.log(`built ${outfile}`);
}
