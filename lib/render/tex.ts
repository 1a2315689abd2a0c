import katex, { type KatexOptions } from "katex";
import { Lru } from "./lru";
import { capNegativeSizes } from "./tex-sizes";

// KaTeX over untrusted text: no \href/\url/\html* (trust off), bounded macro expansion and
// sizes, and every failure shown as the escaped source in place (never a thrown error, never
// KaTeX's own red error rendering, which would hide what the model wrote).
export const KATEX_OPTIONS: Readonly<KatexOptions> = Object.freeze({
  throwOnError: true,
  trust: false,
  strict: "ignore",
  maxExpand: 500,
  maxSize: 20,
  output: "htmlAndMathml",
});

const INLINE: KatexOptions = { ...KATEX_OPTIONS, displayMode: false };
const DISPLAY: KatexOptions = { ...KATEX_OPTIONS, displayMode: true };

// Commands KaTeX lacks that real datasets use (MATH-500: `864 \mbox{ inches}^2`). Each render
// gets its own copy: KaTeX writes \gdef definitions into the object it is given, and one
// trace's definitions must never reach another formula.
const MACROS: Readonly<Record<string, string>> = Object.freeze({ "\\mbox": "\\text{#1}" });

/** Longer formulas are shown raw: KaTeX time grows with input and a trace is untrusted. */
export const MAX_TEX_LENGTH = 20_000;

/**
 * Tokens KaTeX may read for one formula, counting those that macros produce. maxExpand bounds
 * the number of expansions, not their size: a 236-character `\def` bomb (408 expansions)
 * yields 40,000 tokens, 1.4 s and 440 KB of HTML. A real formula reads tens to hundreds.
 */
export const MAX_TEX_TOKENS = 5_000;

class TokenLimit extends Error {}

// KaTeX's macro expander looks every token up in the `macros` object it was given (a
// hasOwnProperty call), so a proxy over that object counts the tokens read and stops the
// render once there are too many.
function countingMacros(counter: { tokens: number }): Record<string, string | object> {
  return new Proxy<Record<string, string | object>>(
    { ...MACROS },
    {
      getOwnPropertyDescriptor(target, key) {
        if (++counter.tokens > MAX_TEX_TOKENS)
          throw new TokenLimit(`formula longer than ${MAX_TEX_TOKENS} TeX tokens after macro expansion`);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    },
  );
}

// Same formula repeated is common (a trace restates its equations); errors are cached as their
// message because the shown source depends on the delimiters used. `tokens` is what the
// formula cost to render, charged to the text's and page's budgets even when it comes from the
// cache, so what a page shows never depends on what was rendered before.
type Rendered = ({ ok: true; html: string } | { ok: false; message: string }) & { tokens: number };
// Bounded by bytes too: a formula's HTML is ~1-2 KB in real traces but a hostile one within
// the token cap makes hundreds of KB, and 5,000 of those would hold gigabytes.
export const CACHE_BYTES = 32_000_000;
const cache = new Lru<string, Rendered>(
  5_000,
  CACHE_BYTES,
  (r) => 2 * ((r.ok ? r.html.length : r.message.length) + 64),
);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function mathErrorHtml(source: string, message: string, display: boolean): string {
  const cls = display ? "math-error block whitespace-pre-wrap" : "math-error whitespace-pre-wrap";
  return `<span class="${cls}" title="${escapeHtml(message)}">${escapeHtml(source)}</span>`;
}

/**
 * HTML for one formula, and the TeX tokens it cost (see MAX_TEX_TOKENS). `tex` is what sits between
 * the delimiters; `source` is the text as written (delimiters included), shown escaped when KaTeX
 * refuses the formula.
 */
export function renderTexCounted(tex: string, display: boolean, source: string): { html: string; tokens: number } {
  const key = (display ? "D" : "I") + tex;
  let r = cache.get(key);
  if (r === undefined) {
    r = renderUncached(tex, display);
    cache.set(key, r);
  }
  return { html: r.ok ? r.html : mathErrorHtml(source, r.message, display), tokens: r.tokens };
}

function renderUncached(tex: string, display: boolean): Rendered {
  if (tex.length > MAX_TEX_LENGTH)
    return { ok: false, message: `formula longer than ${MAX_TEX_LENGTH} characters`, tokens: 0 };
  const counter = { tokens: 0 };
  const options = (): KatexOptions => ({ ...(display ? DISPLAY : INLINE), macros: countingMacros(counter) });
  try {
    const html = flat(katex.renderToString(capNegativeSizes(tex, options), options()));
    return { ok: true, html, tokens: counter.tokens };
  } catch (e) {
    // One token limit for the formula (the size check's parse and the render together).
    const tokens = Math.min(counter.tokens, MAX_TEX_TOKENS);
    return { ok: false, message: e instanceof Error ? e.message : String(e), tokens };
  }
}

// KaTeX builds its output by concatenation, a rope of thousands of small strings; cached as is,
// every garbage collection walks those ropes. Indexed access makes V8 flatten it in place.
function flat(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** Bytes the formula cache holds (UTF-16, approximate). */
export function texCacheBytes(): number {
  return cache.held;
}

/** For tests and benchmarks that must measure uncached rendering. */
export function clearTexCache(): void {
  cache.clear();
}
