// The reference parser reads the intervention with Python's ast.literal_eval, so a model that
// writes a Python dict ({'content': '...', 'location': 4}) is understood there. We read the same
// shape by rewriting it to JSON: single-quoted strings become double-quoted ones (an inner `"` is
// escaped, `\'` becomes `'`, every other backslash is left for the LaTeX rule of ./latex-json.ts),
// and the bare words None / True / False become null / true / false.
// Only objects whose keys are single-quoted are rewritten; anything else returns null.

const SINGLE_KEYS = /[{,]\s*'(?:content|location)'\s*:/;

export function singleQuotedToJson(text: string): string | null {
  if (!SINGLE_KEYS.test(text)) return null;
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // copy one string literal, re-quoted with double quotes
      let body = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        const d = text[j];
        if (d === "\\" && j + 1 < text.length) {
          const e = text[j + 1];
          if (c === "'" && e === "'") body += "'";
          else body += d + e;
          j++;
        } else if (d === '"' && c === "'") body += '\\"';
        else body += d;
      }
      if (j >= text.length) return null; // unterminated (e.g. an apostrophe inside 'it's')
      out += `"${body}"`;
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_]+/.exec(text.slice(i))?.[0];
    if (word) {
      out += word === "None" ? "null" : word === "True" ? "true" : word === "False" ? "false" : word;
      i += word.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
