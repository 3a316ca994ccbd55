/**
 * ANSI escape handling for ESPHome output.
 *
 * ESPHome colours its output with SGR sequences (ESC [ ... m), and a colour may
 * span several lines: `\x1b[31mERROR Failed...` on one line and the reset three
 * lines later. So the parser carries an `SgrState` from one line to the next.
 * Every other escape (cursor movement, erase line, OSC titles) is dropped, as
 * are control characters other than tab.
 *
 * The result is plain data (text + class names + an optional inline colour);
 * the view binds it as text, never as HTML.
 */

export interface SgrState {
  /** Palette index 0-15, or a CSS colour `rgb(r,g,b)`, or null for default. */
  fg: number | string | null;
  bg: number | string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
}

export interface Segment {
  text: string;
  /** Space-separated class names (palette colours and attributes), or "". */
  cls: string;
  /** Inline style for 256-colour / true-colour values, or "". */
  style: string;
}

export function initialState(): SgrState {
  return {
    fg: null,
    bg: null,
    bold: false,
    dim: false,
    italic: false,
    underline: false,
    inverse: false,
    strike: false,
  };
}

export function isDefaultState(s: SgrState): boolean {
  return (
    s.fg === null &&
    s.bg === null &&
    !s.bold &&
    !s.dim &&
    !s.italic &&
    !s.underline &&
    !s.inverse &&
    !s.strike
  );
}

// CSI sequences (SGR and everything else), OSC strings, and two-byte escapes.
// The CSI parameter range follows ECMA-48: parameter bytes, intermediates, final.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|$)/g;
// C0 controls except tab, plus DEL: a stray one would render as a box.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;

/** Return the text without any escape sequence or control character. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, "").replace(CONTROL, "");
}

// The xterm 256-colour cube and grey ramp, for `38;5;N` above 15.
function xterm256(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

function clampByte(v: number | undefined): number {
  return Math.max(0, Math.min(255, Number.isFinite(v) ? (v as number) : 0));
}

/** Read an extended colour (`5;N` or `2;R;G;B`) starting at params[i]. */
function extendedColour(
  params: number[],
  i: number,
): { colour: number | string | null; used: number } {
  const mode = params[i];
  if (mode === 5 && i + 1 < params.length) {
    const n = params[i + 1];
    if (n < 0 || n > 255) return { colour: null, used: 2 };
    return { colour: n < 16 ? n : xterm256(n), used: 2 };
  }
  if (mode === 2 && i + 3 < params.length) {
    const [r, g, b] = [params[i + 1], params[i + 2], params[i + 3]].map(clampByte);
    return { colour: `rgb(${r},${g},${b})`, used: 4 };
  }
  return { colour: null, used: params.length - i };
}

/** Apply the parameters of one SGR sequence to `s` (mutated). */
export function applySgr(s: SgrState, paramText: string): void {
  // `:` sub-parameters (38:2::R:G:B) are read like `;` ones.
  const params =
    paramText === "" ? [0] : paramText.split(/[;:]/).map((p) => (p === "" ? 0 : Number(p)));
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p === 0) Object.assign(s, initialState());
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 9) s.strike = true;
    else if (p === 21 || p === 22) {
      s.bold = false;
      s.dim = false;
    } else if (p === 23) s.italic = false;
    else if (p === 24) s.underline = false;
    else if (p === 27) s.inverse = false;
    else if (p === 29) s.strike = false;
    else if (p >= 30 && p <= 37) s.fg = p - 30;
    else if (p === 39) s.fg = null;
    else if (p >= 40 && p <= 47) s.bg = p - 40;
    else if (p === 49) s.bg = null;
    else if (p >= 90 && p <= 97) s.fg = p - 90 + 8;
    else if (p >= 100 && p <= 107) s.bg = p - 100 + 8;
    else if (p === 38 || p === 48) {
      const { colour, used } = extendedColour(params, i + 1);
      if (p === 38) s.fg = colour;
      else s.bg = colour;
      i += used;
    }
    // Anything else (blink, fonts, ...) is ignored on purpose.
  }
}

function segmentFor(text: string, s: SgrState): Segment {
  if (isDefaultState(s)) return { text, cls: "", style: "" };
  let fg = s.fg;
  let bg = s.bg;
  const classes: string[] = [];
  const styles: string[] = [];
  if (s.inverse) {
    [fg, bg] = [bg, fg];
    // Inverse of "default" means the default background as text colour and
    // vice versa; the stylesheet knows those two colours.
    if (fg === null) classes.push("fi");
    if (bg === null) classes.push("bi");
  }
  if (typeof fg === "number") classes.push(`f${fg}`);
  else if (typeof fg === "string") styles.push(`color:${fg}`);
  if (typeof bg === "number") classes.push(`b${bg}`);
  else if (typeof bg === "string") styles.push(`background-color:${bg}`);
  if (s.bold) classes.push("bo");
  if (s.dim) classes.push("dm");
  if (s.italic) classes.push("it");
  if (s.underline) classes.push("un");
  if (s.strike) classes.push("st");
  return { text, cls: classes.join(" "), style: styles.join(";") };
}

/**
 * Split one line into styled segments, starting from `state` (mutated to the
 * state at the end of the line, for the next line).
 */
export function parseLine(line: string, state: SgrState): Segment[] {
  const segments: Segment[] = [];
  if (!line.includes("\x1b")) {
    const text = line.replace(CONTROL, "");
    if (text) segments.push(segmentFor(text, state));
    return segments;
  }
  let last = 0;
  ESCAPE.lastIndex = 0;
  let match: RegExpExecArray | null;
  const push = (raw: string) => {
    const text = raw.replace(CONTROL, "");
    if (!text) return;
    const seg = segmentFor(text, state);
    const prev = segments[segments.length - 1];
    // Merge neighbours with the same look (e.g. around a dropped escape).
    if (prev && prev.cls === seg.cls && prev.style === seg.style) prev.text += text;
    else segments.push(seg);
  };
  while ((match = ESCAPE.exec(line)) !== null) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    // Private-mode sequences (`ESC [ ? 25 m`) are not SGR.
    if (match[2] === "m" && /^[0-9;:]*$/.test(match[1] ?? "")) applySgr(state, match[1] ?? "");
  }
  push(line.slice(last));
  return segments;
}
