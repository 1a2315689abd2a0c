import type { MarkdownIt, StateBlock, StateInline, Token } from "markdown-it";
import type { TextBudget } from "./budget";
import { CloseIndex, matchBraces, scanDelimited, scanMath, type MathSpan } from "./math-scan";
import { renderTexCounted } from "./tex";

// markdown-it rules for the four math delimiters. The inline rule runs before `escape`, so
// `\(` and `\[` reach it (markdown would otherwise turn them into "(" and "["), and before
// emphasis, so `_` and `*` inside a formula stay LaTeX. The block rule takes a `$$` or `\[`
// that starts a line and closes at the end of a line (possibly a later one, past blank lines
// too: reference solutions hold such blocks), so list markers
// or `#` at the start of a formula line are not read as Markdown; it may interrupt a paragraph
// ("we get\n\[\n x = 1\n\]" is common in traces). A bare `\boxed{...}` is inline math too.
//
// Cost: every scan is linear in the text over one render (MathEnv's indexes; unmatched openers
// were quadratic: 100,000 `\(` took 42 s), and the budget bounds the formulas parsed and what
// rendering them costs. Past the budget, math rules render nothing and say why in env.stop;
// renderMarkdownMath then shows the rest of the text as written.

/** markdown-it's env for one render (one text). */
export type MathEnv = {
  budget: TextBudget;
  /** Math tokens this parse may still create (the text's and the page's formulas left). */
  formulasLeft: number;
  /** Set while rendering: why the budget stopped rendering. */
  stop: string | null;
  indexes?: Map<string, CloseIndex>;
  braces?: Map<string, Int32Array>;
};

function indexFor(env: MathEnv, src: string): CloseIndex {
  env.indexes ??= new Map();
  let index = env.indexes.get(src);
  if (!index) env.indexes.set(src, (index = new CloseIndex(src)));
  return index;
}

// A final answer is often written as a bare `\boxed{...}`, outside any delimiters (41 of 986
// held-out olympiad traces): shown as inline math, braces balanced. Only \boxed: other bare
// commands are too often prose about LaTeX.
const BARE = "\\boxed{";
function scanBare(src: string, pos: number, max: number, env: MathEnv): MathSpan | null {
  if (!src.startsWith(BARE, pos)) return null;
  env.braces ??= new Map();
  let braces = env.braces.get(src);
  if (!braces) env.braces.set(src, (braces = matchBraces(src)));
  const close = braces[pos + BARE.length - 1];
  if (close < 0 || close >= max) return null;
  return { display: false, tex: src.slice(pos, close + 1), end: close + 1 };
}

// Parsing stops making formulas once the budget's are used; the marker stops the render there.
function overFormulas(env: MathEnv, push: () => Token, silent: boolean): boolean {
  if (env.formulasLeft > 0) return false;
  if (!silent && !env.stop) push();
  return true;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  const c = src.charCodeAt(pos);
  if (c !== 0x24 && c !== 0x5c) return false;
  const env = state.env as MathEnv;
  const span = scanMath(src, pos, state.posMax, indexFor(env, src)) ?? scanBare(src, pos, state.posMax, env);
  if (span && overFormulas(env, () => state.push("math_budget", "", 0), silent)) {
    state.pos = state.posMax; // the rest of this text is shown as written anyway
    return true;
  }
  if (!span) {
    // An unmatched `$$`, `\(` or `\[` is text as written (not two formulas, not "(").
    const two = src.slice(pos, pos + 2);
    if (two === "$$" || two === "\\(" || two === "\\[") {
      if (!silent) state.pending += two;
      state.pos += 2;
      return true;
    }
    return false;
  }
  if (!silent) {
    env.formulasLeft--;
    const token = state.push(span.display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = span.tex;
    token.markup = src.slice(pos, span.end);
  }
  state.pos = span.end;
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const src = state.src;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  const open = src.startsWith("$$", start) ? "$$" : src.startsWith("\\[", start) ? "\\[" : null;
  if (!open) return false;
  const close = open === "$$" ? "$$" : "\\]";
  const env = state.env as MathEnv;
  // The formula may span lines, blank ones too (reference solutions hold `$$` blocks with blank
  // lines; MathJax renders them); its end must be the end of a line.
  const span = scanDelimited(src, start, state.eMarks[endLine - 1], open, close, true, indexFor(env, src));
  if (!span) return false;
  if (overFormulas(env, () => state.push("math_budget", "", 0), silent)) {
    state.line = endLine;
    return true;
  }
  const line = lineOf(state, startLine, endLine - 1, span.end);
  if (src.slice(span.end, state.eMarks[line]).trim() !== "") return false;
  if (silent) return true;
  env.formulasLeft--;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = span.tex;
  token.markup = src.slice(start, span.end);
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

// The line holding offset `at` (eMarks ascend), by bisection: a walk from each opener to its
// close would make many openers before one far close quadratic.
function lineOf(state: StateBlock, lo: number, hi: number, at: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (state.eMarks[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function renderMath(tokens: Token[], idx: number, env: MathEnv, display: boolean): string {
  if (env.stop) return "";
  const over = env.budget.over();
  if (over) {
    env.stop = over;
    return "";
  }
  const { html, tokens: cost } = renderTexCounted(tokens[idx].content, display, tokens[idx].markup);
  env.budget.charge(1, cost, html.length);
  return html;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.block.ruler.before("table", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.math_inline = (tokens, idx, _o, env) => renderMath(tokens, idx, env as MathEnv, false);
  md.renderer.rules.math_inline_display = (tokens, idx, _o, env) => renderMath(tokens, idx, env as MathEnv, true);
  md.renderer.rules.math_block = (tokens, idx, _o, env) => {
    const html = renderMath(tokens, idx, env as MathEnv, true);
    return html && `<div class="math-block">${html}</div>\n`;
  };
  md.renderer.rules.math_budget = (_t, _i, _o, e) => {
    const env = e as MathEnv;
    env.stop ??= env.budget.over() ?? "too many formulas";
    return "";
  };
}
