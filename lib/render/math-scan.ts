// Delimiter scanning for `$...$`, `$$...$$`, `\(...\)`, `\[...\]` (pure string functions).
// Single-dollar rules follow pandoc's tex_math_dollars, so amounts stay text ("$5 and $10"):
// the opening `$` is not followed by whitespace, the closing `$` is not preceded by whitespace
// and not followed by a digit. A backslash always escapes the next character (`\$` is a dollar).

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export type MathSpan = { display: boolean; tex: string; end: number };

/** Inline `$...$` starting at `pos` (a `$` not followed by `$`); end is the index after the closing `$`. */
export function scanDollar(src: string, pos: number, max: number): MathSpan | null {
  let i = pos + 1;
  if (i >= max || isSpace(src.charCodeAt(i))) return null;
  while (i < max) {
    const c = src.charCodeAt(i);
    if (c === DOLLAR) {
      if (i === pos + 1) return null;
      if (i + 1 < max && isDigit(src.charCodeAt(i + 1))) return null;
      return { display: false, tex: src.slice(pos + 1, i), end: i + 1 };
    }
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (isSpace(c)) {
      while (i < max && isSpace(src.charCodeAt(i))) i++;
      if (i < max && src.charCodeAt(i) === DOLLAR) return null;
      continue;
    }
    i++;
  }
  return null;
}

/**
 * A span opened by `open` at `pos` and closed by `close`, skipping backslash pairs
 * (so `\$` inside `$$...$$` and `\\` before `\]` do not close it). Empty content is refused.
 */
export function scanDelimited(src: string, pos: number, max: number, open: string, close: string, display: boolean): MathSpan | null {
  const first = close.charCodeAt(0);
  let i = pos + open.length;
  while (i < max) {
    const c = src.charCodeAt(i);
    if (c === first && src.startsWith(close, i) && i + close.length <= max) {
      const tex = src.slice(pos + open.length, i);
      return tex.trim() === "" ? null : { display, tex, end: i + close.length };
    }
    i += c === BACKSLASH ? 2 : 1;
  }
  return null;
}

/** Any of the four delimiter kinds at `pos`, or null. */
export function scanMath(src: string, pos: number, max: number): MathSpan | null {
  const c = src.charCodeAt(pos);
  if (c === DOLLAR) {
    if (src.charCodeAt(pos + 1) === DOLLAR) return scanDelimited(src, pos, max, "$$", "$$", true);
    return scanDollar(src, pos, max);
  }
  if (c === BACKSLASH) {
    const n = src.charCodeAt(pos + 1);
    if (n === 0x28) return scanDelimited(src, pos, max, "\\(", "\\)", false);
    if (n === 0x5b) return scanDelimited(src, pos, max, "\\[", "\\]", true);
  }
  return null;
}
