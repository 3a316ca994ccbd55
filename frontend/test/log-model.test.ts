/// <reference types="node" />
// Unit tests of the log model (the renderer's data): \r, markers, bounds, levels.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LogModel, TRIMMED_RE, detectLevel, skippedMarker, trimmedMarker } from "../src/log-model.js";

const ESC = "\x1b";

function rows(model: LogModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < model.rowCount; i++) out.push(model.row(i).text);
  return out;
}

test("a \\r line is replaced by the next line", () => {
  const model = new LogModel();
  model.append(["Uploading: [=    ] 10% \r", "Uploading: [===  ] 50% \r"]);
  assert.deepEqual(rows(model), ["Uploading: [===  ] 50% "]);
  model.append(["Uploading: [=====] 100% Done...", "next"]);
  assert.deepEqual(rows(model), ["Uploading: [=====] 100% Done...", "next"]);
});

test("a transient line across batches is replaced too", () => {
  const model = new LogModel();
  model.append(["a", "50%\r"]);
  model.append(["100%"]);
  assert.deepEqual(rows(model), ["a", "100%"]);
});

test("a transient last line stays when the job ends", () => {
  const model = new LogModel();
  model.reset(["start", "99%\r"], 0);
  assert.deepEqual(rows(model), ["start", "99%"]);
});

test("a marker does not replace a transient line", () => {
  const model = new LogModel();
  model.append(["50%\r"]);
  model.append(["after"], 10);
  assert.deepEqual(rows(model), ["50%", skippedMarker(10), "after"]);
});

test("the engine's trimmed notice is shown plainly as a marker", () => {
  const notice = "... [output trimmed: 2000 earlier line(s) elided]";
  assert.equal(notice, trimmedMarker(2000));
  assert.match(notice, TRIMMED_RE);
  const model = new LogModel();
  model.reset([notice, "line 2000"], 2000);
  assert.equal(model.rowCount, 2, "the notice is not duplicated");
  assert.equal(model.row(0).kind, "marker");
  assert.equal(model.row(0).text, notice);
  assert.equal(model.row(1).kind, "text");
});

test("history with only an elided count gets the notice", () => {
  const model = new LogModel();
  model.reset(["line 5"], 5);
  assert.deepEqual(rows(model), [trimmedMarker(5), "line 5"]);
  assert.equal(model.row(0).kind, "marker");
});

test("skipped lines are marked where they were dropped", () => {
  const model = new LogModel();
  model.append(["one"]);
  model.append(["seven", "eight"], 5);
  assert.deepEqual(rows(model), ["one", "... [5 line(s) skipped: output came faster than it could be sent]", "seven", "eight"]);
  assert.equal(model.row(1).kind, "marker");
});

test("a marker ends a colour that lines we never saw left open", () => {
  const model = new LogModel();
  model.append([`${ESC}[31mred starts`]);
  model.append(["plain again"], 3);
  assert.equal(model.row(0).segments[0].cls, "f1");
  assert.equal(model.row(2).segments[0].cls, "");
});

test("colours carry across lines and batches", () => {
  const model = new LogModel();
  model.append([`${ESC}[31mERROR Failed`, "  detail"]);
  model.append([`  end${ESC}[0m`, "normal"]);
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => model.row(i).segments[0].cls),
    ["f1", "f1", "f1", ""],
  );
});

test("HTML-looking lines are kept as literal text", () => {
  const model = new LogModel();
  const evil = "<img src=x onerror=alert(1)>";
  model.append([evil, `<script>alert(1)</script>`, "&lt;b&gt;"]);
  assert.equal(model.row(0).text, evil);
  assert.equal(model.row(0).segments.map((s) => s.text).join(""), evil);
  assert.equal(model.row(1).text, "<script>alert(1)</script>");
  assert.equal(model.row(2).text, "&lt;b&gt;");
  assert.equal(model.plainText(), `${evil}\n<script>alert(1)</script>\n&lt;b&gt;\n`);
});

test("copy text has no escapes", () => {
  const model = new LogModel();
  model.append([`${ESC}[32mINFO ok${ESC}[0m`]);
  assert.equal(model.plainText(), "INFO ok\n");
});

test("ESPHome log levels", () => {
  assert.equal(detectLevel("[E][wifi:123]: failed"), "e");
  assert.equal(detectLevel("[12:01:02][W][api:100]: slow"), "w");
  assert.equal(detectLevel("[12:01:02.123][D][sensor:093]: 'Answer': 42.0"), "d");
  assert.equal(detectLevel("[VV][x:1]: y"), "v");
  assert.equal(detectLevel("[C][logger:1]: Logger:"), "c");
  assert.equal(detectLevel("INFO Reading configuration sample.yaml..."), "i");
  assert.equal(detectLevel("ERROR Error while reading config"), "e");
  assert.equal(detectLevel("WARNING GPIO2 is a strapping pin"), "w");
  assert.equal(detectLevel("========= [SUCCESS] Took 10.23 seconds ========="), "s");
  assert.equal(detectLevel("plain [E] not at start"), null);
  const model = new LogModel();
  model.append(["[E][wifi:1]: x"]);
  assert.equal(model.row(0).level, "e");
});

test("a million lines stay bounded and are counted", () => {
  const model = new LogModel(5000);
  const started = Date.now();
  let n = 0;
  const batch: string[] = new Array(2000);
  for (let b = 0; b < 500; b++) {
    for (let i = 0; i < batch.length; i++) batch[i] = `[D][flood:1]: line ${n++}`;
    model.append(batch);
    assert.ok(model.lineCount <= 10_000, "never more than twice the cap");
  }
  const elapsed = Date.now() - started;
  assert.equal(model.lineCount + model.dropped, 1_000_000);
  assert.equal(model.row(0).kind, "marker");
  assert.equal(model.row(0).text, `... [${model.dropped} earlier line(s) not kept by the viewer]`);
  assert.equal(model.row(model.rowCount - 1).text, "[D][flood:1]: line 999999");
  assert.ok(elapsed < 5000, `parsing a million lines took ${elapsed} ms`);
});

test("rowOf follows a line through trims", () => {
  const model = new LogModel(10);
  model.append(Array.from({ length: 15 }, (_, i) => `l${i}`));
  const id = model.row(14).id;
  assert.equal(model.rowOf(id), 14);
  model.append(Array.from({ length: 10 }, (_, i) => `m${i}`)); // 25 > 20: trim to 10
  assert.equal(model.dropped, 15);
  assert.equal(model.rowOf(model.row(0 + 1).id), 1);
  assert.equal(model.rowOf(id), -1, "l14 was trimmed away");
});
