import MarkdownIt from "markdown-it";
import { mathPlugin } from "./math-plugin";
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

/** Sanitised HTML for `text` (Markdown with math). Never throws on any input. */
export function renderMarkdownMath(text: string): string {
  return md.render(text);
}

/** Sanitised inline HTML for a one-line preview (no paragraphs or blocks), same rules as above. */
export function renderInlineMath(text: string): string {
  return md.renderInline(text);
}
