/// <reference types="node" />
// Unit tests of the ANSI parser: run by scripts/test through node's test runner.
import assert from "node:assert/strict";
import { test } from "node:test";

import { initialState, parseLine, stripAnsi } from "../src/ansi.js";

const ESC = "\x1b";

test("plain text is one unstyled segment", () => {
  assert.deepEqual(parseLine("hello world", initialState()), [{ text: "hello world", cls: "", style: "" }]);
});

test("SGR foreground, bold and reset", () => {
  const segs = parseLine(`a ${ESC}[1;31mred${ESC}[0m b`, initialState());
  assert.deepEqual(segs, [
    { text: "a ", cls: "", style: "" },
    { text: "red", cls: "f1 bo", style: "" },
    { text: " b", cls: "", style: "" },
  ]);
});

test("ESPHome's 0;3Xm style and bright colours", () => {
  const segs = parseLine(`${ESC}[0;32m[I][app:100]: ok${ESC}[0m ${ESC}[93mbright`, initialState());
  assert.equal(segs[0].cls, "f2");
  assert.equal(segs[0].text, "[I][app:100]: ok");
  assert.equal(segs.at(-1)!.cls, "f11");
});

test("256-colour and true-colour become inline colours", () => {
  const s = initialState();
  assert.equal(parseLine(`${ESC}[38;5;196mx`, s)[0].style, "color:rgb(255,0,0)");
  assert.equal(parseLine(`${ESC}[38;5;9mx`, initialState())[0].cls, "f9");
  assert.equal(parseLine(`${ESC}[48;2;1;2;3mx`, initialState())[0].style, "background-color:rgb(1,2,3)");
  assert.equal(parseLine(`${ESC}[38;5;244mx`, initialState())[0].style, "color:rgb(128,128,128)");
});

test("inverse swaps colours, also the defaults", () => {
  assert.equal(parseLine(`${ESC}[7mx`, initialState())[0].cls, "fi bi");
  assert.equal(parseLine(`${ESC}[31;7mx`, initialState())[0].cls, "fi b1");
});

test("a colour carries across lines until the reset", () => {
  const state = initialState();
  const lines = [`${ESC}[31mERROR Failed config`, "  line two", "  line three", `  last${ESC}[0m`, "after"];
  const parsed = lines.map((line) => parseLine(line, state));
  assert.equal(parsed[0][0].cls, "f1");
  assert.equal(parsed[1][0].cls, "f1", "second line keeps the red");
  assert.equal(parsed[2][0].cls, "f1", "third line keeps the red");
  assert.equal(parsed[3][0].cls, "f1");
  assert.deepEqual(parsed[4], [{ text: "after", cls: "", style: "" }]);
});

test("partial resets: 22, 39, 49", () => {
  const state = initialState();
  const segs = parseLine(`${ESC}[1;31;42ma${ESC}[22mb${ESC}[39mc${ESC}[49md`, state);
  assert.deepEqual(
    segs.map((s) => s.cls),
    ["f1 b2 bo", "f1 b2", "b2", ""],
  );
});

test("other escapes and control characters are dropped, not shown", () => {
  const line = `${ESC}[2K${ESC}[1Gprogress${ESC}]0;title${ESC}\\ done\x07\x08${ESC}[?25l!`;
  assert.equal(stripAnsi(line), "progress done!");
  const segs = parseLine(line, initialState());
  assert.deepEqual(segs, [{ text: "progress done!", cls: "", style: "" }]);
});

test("a private-mode sequence ending in m is not SGR", () => {
  const state = initialState();
  parseLine(`${ESC}[?1m text`, state);
  assert.equal(state.bold, false);
});

test("tabs survive, a lone ESC at the end does not", () => {
  assert.equal(parseLine(`a\tb${ESC}`, initialState())[0].text, "a\tb");
});

test("HTML-looking text stays literal", () => {
  const segs = parseLine(`${ESC}[31m<img src=x onerror=alert(1)>${ESC}[0m &amp; <b>`, initialState());
  assert.equal(segs[0].text, "<img src=x onerror=alert(1)>");
  assert.equal(segs[1].text, " &amp; <b>");
});
