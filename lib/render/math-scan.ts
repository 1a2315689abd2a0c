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
 * Where the closing delimiter is found from each position of one source text, remembered, so
 * that many unmatched openers (`\\(` repeated 100,000 times) cost one pass, not one pass each.
 * A scan from `i` visits a fixed chain of positions (it steps over backslash pairs), and two
 * chains that meet go on together; so each position is walked at most once per close string.
 */
export class CloseIndex {
  private readonly found = new Map<string, Int32Array>();
  constructor(readonly src: string) {}

  /** Index of the first `close` reached from `from`, or -1 (scanning to the end of `src`). */
  closeFrom(close: string, from: number): number {
    const src = this.src;
    let memo = this.found.get(close);
    if (!memo) {
      memo = new Int32Array(src.length + 1).fill(UNKNOWN);
      this.found.set(close, memo);
    }
    const first = close.charCodeAt(0);
    const path: number[] = [];
    let i = from;
    let at = -1;
    while (i < src.length) {
      if (memo[i] !== UNKNOWN) {
        at = memo[i];
        break;
      }
      path.push(i);
      const c = src.charCodeAt(i);
      if (c === first && src.startsWith(close, i)) {
        at = i;
        break;
      }
      i += c === BACKSLASH ? 2 : 1;
    }
    for (const p of path) memo[p] = at;
    return at;
  }
}
const UNKNOWN = -2;

/**
 * A span opened by `open` at `pos` and closed by `close`, skipping backslash pairs
 * (so `\$` inside `$$...$$` and `\\` before `\]` do not close it). Empty content is refused.
 * `index` (over the same `src`) makes repeated scans of one text linear in its length.
 */
export function scanDelimited(
  src: string,
  pos: number,
  max: number,
  open: string,
  close: string,
  display: boolean,
  index?: CloseIndex,
): MathSpan | null {
  const at = index ? index.closeFrom(close, pos + open.length) : closeFromScan(src, pos + open.length, max, close);
  // A close found past `max` (the index scans the whole text) is not in this span, and the
  // chain of positions stops at max too: nothing inside can close it.
  if (at < 0 || at + close.length > max) return null;
  const tex = src.slice(pos + open.length, at);
  return tex.trim() === "" ? null : { display, tex, end: at + close.length };
}

function closeFromScan(src: string, from: number, max: number, close: string): number {
  const first = close.charCodeAt(0);
  let i = from;
  while (i < max) {
    const c = src.charCodeAt(i);
    if (c === first && src.startsWith(close, i) && i + close.length <= max) return i;
    i += c === BACKSLASH ? 2 : 1;
  }
  return -1;
}

/** Any of the four delimiter kinds at `pos`, or null. */
export function scanMath(src: string, pos: number, max: number, index?: CloseIndex): MathSpan | null {
  const c = src.charCodeAt(pos);
  if (c === DOLLAR) {
    if (src.charCodeAt(pos + 1) === DOLLAR) return scanDelimited(src, pos, max, "$$", "$$", true, index);
    return scanDollar(src, pos, max);
  }
  if (c === BACKSLASH) {
    const n = src.charCodeAt(pos + 1);
    if (n === 0x28) return scanDelimited(src, pos, max, "\\(", "\\)", false, index);
    if (n === 0x5b) return scanDelimited(src, pos, max, "\\[", "\\]", true, index);
  }
  return null;
}

/**
 * For each `{` of `src`, the index of its matching `}` (-1 when unclosed), in one pass; a
 * backslash escapes the next character (`\{` is not a brace). Built once per text, so many
 * unclosed `\boxed{` cost one pass.
 */
export function matchBraces(src: string): Int32Array {
  const match = new Int32Array(src.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === 0x7b) open.push(i);
    else if (c === 0x7d && open.length > 0) match[open.pop()!] = i;
  }
  return match;
}
