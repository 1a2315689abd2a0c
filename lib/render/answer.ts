// A ground-truth answer is often bare LaTeX written without delimiters (MATH-500: `\frac{14}{3}`,
// `90^\circ`, `52_8`). Shown as inline math when it has TeX markup and no delimiters of its own;
// otherwise as Markdown, like any text. The stored answer is never changed: this is a view.
const DELIMITERS = /\$|\\[()[\]]/;
const TEX_MARKUP = /[\\^_{]/;

/** The Markdown to render for a ground-truth answer. */
export function answerMarkdown(answer: string): string {
  const a = answer.trim();
  if (a === "" || a.includes("\n") || DELIMITERS.test(a) || !TEX_MARKUP.test(a)) return answer;
  return `\\(${a}\\)`;
}
