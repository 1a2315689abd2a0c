import katex, { type KatexOptions } from "katex";
import { Lru } from "./lru";

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

// Same formula repeated is common (a trace restates its equations); errors are cached as their
// message because the shown source depends on the delimiters used.
type Rendered = { ok: true; html: string } | { ok: false; message: string };
const cache = new Lru<string, Rendered>(5_000);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function mathErrorHtml(source: string, message: string, display: boolean): string {
  const cls = display ? "math-error block whitespace-pre-wrap" : "math-error whitespace-pre-wrap";
  return `<span class="${cls}" title="${escapeHtml(message)}">${escapeHtml(source)}</span>`;
}

/**
 * HTML for one formula. `tex` is what sits between the delimiters; `source` is the text as
 * written (delimiters included), shown escaped when KaTeX refuses the formula.
 */
export function renderTex(tex: string, display: boolean, source: string): string {
  const key = (display ? "D" : "I") + tex;
  let r = cache.get(key);
  if (r === undefined) {
    r = renderUncached(tex, display);
    cache.set(key, r);
  }
  return r.ok ? r.html : mathErrorHtml(source, r.message, display);
}

function renderUncached(tex: string, display: boolean): Rendered {
  if (tex.length > MAX_TEX_LENGTH) return { ok: false, message: `formula longer than ${MAX_TEX_LENGTH} characters` };
  try {
    return { ok: true, html: flat(katex.renderToString(tex, { ...(display ? DISPLAY : INLINE), macros: { ...MACROS } })) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

// KaTeX builds its output by concatenation, a rope of thousands of small strings; cached as is,
// every garbage collection walks those ropes. Indexed access makes V8 flatten it in place.
function flat(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** For tests and benchmarks that must measure uncached rendering. */
export function clearTexCache(): void {
  cache.clear();
}
