import type { MarkdownIt, StateBlock, StateInline } from "markdown-it";
import { scanDelimited, scanMath } from "./math-scan";
import { renderTex } from "./tex";

// markdown-it rules for the four math delimiters. The inline rule runs before `escape`, so
// `\(` and `\[` reach it (markdown would otherwise turn them into "(" and "["), and before
// emphasis, so `_` and `*` inside a formula stay LaTeX. The block rule takes a `$$` or `\[`
// that starts a line and closes at the end of a line (possibly a later one), so list markers
// or `#` at the start of a formula line are not read as Markdown; it may interrupt a paragraph
// ("we get\n\[\n x = 1\n\]" is common in traces).

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  const c = src.charCodeAt(pos);
  if (c !== 0x24 && c !== 0x5c) return false;
  const span = scanMath(src, pos, state.posMax);
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
  // The formula may span lines but not a blank line; its end must be the end of a line.
  let last = startLine;
  while (last + 1 < endLine && !state.isEmpty(last + 1)) last++;
  const span = scanDelimited(src, start, state.eMarks[last], open, close, true);
  if (!span) return false;
  let line = startLine;
  while (state.eMarks[line] < span.end) line++;
  if (src.slice(span.end, state.eMarks[line]).trim() !== "") return false;
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = span.tex;
  token.markup = src.slice(start, span.end);
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "math_inline", mathInline);
  md.block.ruler.before("table", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.math_inline = (tokens, idx) => renderTex(tokens[idx].content, false, tokens[idx].markup);
  md.renderer.rules.math_inline_display = (tokens, idx) => renderTex(tokens[idx].content, true, tokens[idx].markup);
  md.renderer.rules.math_block = (tokens, idx) =>
    `<div class="math-block">${renderTex(tokens[idx].content, true, tokens[idx].markup)}</div>\n`;
}
