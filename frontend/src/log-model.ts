/**
 * The log of one job as the viewer holds it: parsed once when lines arrive,
 * bounded in memory, with `\r` lines overwritten by the next line.
 *
 * A job may print a million lines. The server already sends a bounded window
 * (with a `skipped` count when it had to drop lines), and this model keeps at
 * most `2 * maxLines` parsed lines, trimming back to `maxLines` (the same
 * hysteresis as the engine's buffer: one slice copy per `maxLines` appends).
 * What it drops is counted and shown as a marker row at the top.
 */

import { type Segment, type SgrState, initialState, parseLine } from "./ansi.js";

export type LineKind = "text" | "marker";

/** ESPHome log levels, as single letters: e w i c d v (and s for success). */
export type Level = "e" | "w" | "i" | "c" | "d" | "v" | "s";

export interface LogLine {
  /** Monotonic id of the line within this model (markers included). */
  id: number;
  kind: LineKind;
  /** The line without escapes or control characters: what copy/download use. */
  text: string;
  segments: Segment[];
  level: Level | null;
}

/** The engine's notice when it trimmed a job's retained output. */
export const TRIMMED_RE = /^\.\.\. \[output trimmed: (\d+) earlier line\(s\) elided\]$/;

export function trimmedMarker(elided: number): string {
  return `... [output trimmed: ${elided} earlier line(s) elided]`;
}

export function skippedMarker(skipped: number): string {
  return `... [${skipped} line(s) skipped: output came faster than it could be sent]`;
}

export function viewerDroppedMarker(dropped: number): string {
  return `... [${dropped} earlier line(s) not kept by the viewer]`;
}

// A device log line: optional `[12:34:56]` or `[12:34:56.789]` timestamp, then
// `[E][tag:123]`. ESPHome's CLI logs `ERROR ...`, `WARNING ...`, `INFO ...`.
const DEVICE_LEVEL = /^(?:\[\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\])?\[(VV|V|D|C|I|W|E)\]\[/;
const CLI_LEVEL = /^(ERROR|CRITICAL|WARNING|INFO|DEBUG)\s/;
const PIO_RESULT = /\[(SUCCESS|FAILED|ERROR)\]/;

export function detectLevel(text: string): Level | null {
  let m = DEVICE_LEVEL.exec(text);
  if (m) {
    const letter = m[1] === "VV" ? "v" : m[1].toLowerCase();
    return letter as Level;
  }
  m = CLI_LEVEL.exec(text);
  if (m) {
    switch (m[1]) {
      case "ERROR":
      case "CRITICAL":
        return "e";
      case "WARNING":
        return "w";
      case "INFO":
        return "i";
      default:
        return "d";
    }
  }
  if (text.startsWith("=") || text.startsWith("*")) {
    m = PIO_RESULT.exec(text);
    if (m) return m[1] === "SUCCESS" ? "s" : "e";
  }
  return null;
}

export const DEFAULT_MAX_LINES = 20_000;

export class LogModel {
  readonly maxLines: number;
  /** How many lines this viewer dropped to stay bounded. */
  dropped = 0;
  /** Bumped on every change, so a view can tell whether to render. */
  version = 0;

  private _lines: LogLine[] = [];
  private _state: SgrState = initialState();
  private _transient = false;
  private _nextId = 0;

  constructor(maxLines = DEFAULT_MAX_LINES) {
    this.maxLines = Math.max(1, maxLines);
  }

  /** Rows to display: a "not kept" marker (when something was dropped), then lines. */
  get rowCount(): number {
    return this._lines.length + (this.dropped > 0 ? 1 : 0);
  }

  row(index: number): LogLine {
    if (this.dropped > 0) {
      if (index === 0) {
        const text = viewerDroppedMarker(this.dropped);
        return { id: -1, kind: "marker", text, segments: [{ text, cls: "", style: "" }], level: null };
      }
      return this._lines[index - 1];
    }
    return this._lines[index];
  }

  /** Row index of the line with this id, or -1 when it is no longer kept. */
  rowOf(id: number): number {
    const first = this._lines.length ? this._lines[0].id : this._nextId;
    const i = id - first;
    if (i < 0 || i >= this._lines.length) return -1;
    return i + (this.dropped > 0 ? 1 : 0);
  }

  get lineCount(): number {
    return this._lines.length;
  }

  /** Start over with a job's history (from `jobs/follow` or `jobs/get`). */
  reset(lines: readonly string[] = [], elided = 0): void {
    this._lines = [];
    this._state = initialState();
    this._transient = false;
    this.dropped = 0;
    // The engine leads a trimmed history with its notice; add it if a server
    // sent only the count.
    if (elided > 0 && !(lines.length && TRIMMED_RE.test(lines[0]))) {
      this.addMarker(trimmedMarker(elided));
    }
    this.append(lines);
  }

  /** Add a batch of lines; `skipped` lines were dropped before this batch. */
  append(lines: readonly string[], skipped = 0): void {
    if (skipped > 0) this.addMarker(skippedMarker(skipped));
    for (const raw of lines) this._appendOne(raw);
    this._bound();
    this.version++;
  }

  /** Add a line shown plainly, such as a trimmed or skipped notice. */
  addMarker(text: string): void {
    // A marker ends whatever came before: the transient line stays, and a
    // colour left open by lines we never saw must not bleed into new ones.
    this._transient = false;
    this._state = initialState();
    this._lines.push({
      id: this._nextId++,
      kind: "marker",
      text,
      segments: [{ text, cls: "", style: "" }],
      level: null,
    });
    this._bound();
    this.version++;
  }

  /** The whole kept log as plain text, for copy and download. */
  plainText(): string {
    const out: string[] = [];
    for (let i = 0; i < this.rowCount; i++) out.push(this.row(i).text);
    return out.length ? out.join("\n") + "\n" : "";
  }

  private _appendOne(raw: string): void {
    const transient = raw.endsWith("\r");
    const line = transient ? raw.slice(0, -1) : raw;
    if (this._transient) {
      // The previous line was a progress bar: this one takes its place.
      this._lines.pop();
    }
    this._transient = transient;
    if (TRIMMED_RE.test(line)) {
      this._state = initialState();
      this._lines.push({
        id: this._nextId++,
        kind: "marker",
        text: line,
        segments: [{ text: line, cls: "", style: "" }],
        level: null,
      });
      return;
    }
    const segments = parseLine(line, this._state);
    const text = segments.length === 1 ? segments[0].text : segments.map((s) => s.text).join("");
    this._lines.push({ id: this._nextId++, kind: "text", text, segments, level: detectLevel(text) });
  }

  private _bound(): void {
    if (this._lines.length <= 2 * this.maxLines) return;
    const excess = this._lines.length - this.maxLines;
    this._lines = this._lines.slice(excess);
    this.dropped += excess;
  }
}
