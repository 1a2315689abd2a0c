import MarkdownIt from "markdown-it";
import type { Token } from "markdown-it";
import { PageBudget, TextBudget, budgetNote } from "./budget";
import { mathPlugin, type MathEnv } from "./math-plugin";
import { escapeHtml } from "./tex";

// Markdown + KaTeX for untrusted trace text. Nothing from the text can run or navigate:
// raw HTML is escaped (html: false), no link or image is ever emitted (their text is shown
// as text), KaTeX runs without trust. Single newlines are kept as line breaks, because a
// model's line structure inside a step is meaningful.
const md = new MarkdownIt("default", { html: false, linkify: false, typographer: false, breaks: true });
// "[x]: url" definitions would vanish from the view; show them as the text they are.
md.disable(["reference"]);
md.use(mathPlugin);

md.renderer.rules.link_open = () => '<span class="md-link">';
md.renderer.rules.link_close = () => "</span>";
md.renderer.rules.image = (tokens, idx, options, env, self) =>
  `<span class="md-image">${escapeHtml(self.renderInlineAsText(tokens[idx].children ?? [], options, env))}</span>`;

export { PageBudget };

/**
 * Sanitised HTML for `text` (Markdown with math). Never throws on any input. Its cost is
 * bounded by a budget per text and, when `page` is given, by the page's (budget.ts). Past it,
 * the rest of the text, from the start of the block where the budget ran out, is shown as
 * written after a note that says why.
 */
export function renderMarkdownMath(text: string, page: PageBudget | null = null): string {
  const budget = new TextBudget(page);
  const before = budget.over();
  if (before) return stopped(text, 0, before);
  const env: MathEnv = { budget, formulasLeft: budget.formulasLeft(), stop: null };
  const tokens = md.parse(text, env);
  let html = "";
  // Top-level blocks one at a time, so that the text can be cut at the block where the budget
  // ran out (a block's source lines are known; an inline position is not).
  for (let i = 0, line = 0; i < tokens.length;) {
    const j = blockEnd(tokens, i);
    line = tokens[i].map?.[0] ?? line;
    const part = md.renderer.render(tokens.slice(i, j), md.options, env);
    if (env.stop) return html + stopped(text, line, env.stop);
    html += part;
    i = j;
  }
  return html;
}

function blockEnd(tokens: Token[], i: number): number {
  if (tokens[i].nesting !== 1) return i + 1;
  let k = i + 1;
  while (k < tokens.length && !(tokens[k].level === tokens[i].level && tokens[k].nesting === -1)) k++;
  return k + 1;
}

/** The note, then the text from line `line` as written (byte for byte, escaped). */
function stopped(text: string, line: number, reason: string): string {
  const rest = text.slice(lineStart(text, line));
  return `<p class="md-budget" role="note">${escapeHtml(budgetNote(reason))}</p>\n<div class="md-raw">${escapeHtml(rest)}</div>\n`;
}

// markdown-it counts lines after turning \r\n and \r into \n; so does this, on the original text.
function lineStart(text: string, line: number): number {
  const newline = /\r\n?|\n/g;
  let at = 0;
  for (let n = 0; n < line; n++) {
    const m = newline.exec(text);
    if (!m) return text.length;
    at = newline.lastIndex;
  }
  return at;
}

/** Sanitised inline HTML for a one-line preview (no paragraphs or blocks), same rules as above. */
export function renderInlineMath(text: string): string {
  const budget = new TextBudget(null);
  const env: MathEnv = { budget, formulasLeft: budget.formulasLeft(), stop: null };
  const html = md.renderInline(text, env);
  return env.stop ? `${escapeHtml(text)}` : html; // a preview past its budget is shown as written
}
