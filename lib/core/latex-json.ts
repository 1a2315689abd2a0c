// Decoding JSON string bodies that a model wrote with unescaped LaTeX (method.md §3).
//
// The rule for a backslash inside a string, in order:
//   \\  \"  \/            the JSON escapes, as JSON means them
//   \uXXXX (4 hex)        a JSON unicode escape
//   \b  \f                always LaTeX (\beta, \binom, \frac, ...): a model never means backspace/form feed
//   \n  \t  \r + letters  if the whole run of letters after the backslash is a known LaTeX command
//                         (\neq, \nu, \nabla, \not, \ne, \times, \theta, \right, \rho, ...) it is LaTeX;
//                         otherwise it is the JSON escape (newline/tab/CR), so "\nThe next" is a newline + "The next"
//   \n  \t  \r otherwise  the JSON escape (newline before a digit, space, "$", "\" ...)
//   anything else         a literal backslash kept as written (\alpha, \sqrt, \(, \{, \, ...)
// A raw control character (a real newline inside the string) is kept as it is.

const NTR_COMMANDS = new Set([
  // \n...
  "ne",
  "neq",
  "nu",
  "nabla",
  "not",
  "neg",
  "nmid",
  "nleq",
  "ngeq",
  "nless",
  "ngtr",
  "nsubseteq",
  "nsupseteq",
  "notin",
  "nexists",
  "newline",
  "nolimits",
  "noindent",
  "nparallel",
  "nsim",
  "ncong",
  "nLeftarrow",
  "nRightarrow",
  "nleftarrow",
  "nrightarrow",
  "natural",
  "nearrow",
  "nwarrow",
  "normalsize",
  // \t...
  "times",
  "theta",
  "tau",
  "tan",
  "tanh",
  "text",
  "textbf",
  "textit",
  "textrm",
  "texttt",
  "textstyle",
  "tfrac",
  "tbinom",
  "to",
  "top",
  "triangle",
  "triangleq",
  "triangleleft",
  "triangleright",
  "tilde",
  "therefore",
  "thinspace",
  "textsf",
  "textnormal",
  "tiny",
  "tag",
  // \r...
  "right",
  "rightarrow",
  "Rightarrow",
  "rho",
  "rangle",
  "rfloor",
  "rceil",
  "rbrace",
  "rbrack",
  "rm",
  "rightleftharpoons",
  "rvert",
  "rVert",
  "rightharpoonup",
  "rightharpoondown",
  "raisebox",
  "ref",
]);

const HEX4 = /^[0-9a-fA-F]{4}$/;

function letterRun(s: string, from: number): string {
  let j = from;
  while (j < s.length && /[A-Za-z]/.test(s[j])) j++;
  return s.slice(from, j);
}

/**
 * Decode the body of a JSON string literal (without its quotes) with the LaTeX-tolerant rule above.
 * `\"` becomes a quote; a bare quote (only reachable in fallback extraction) is kept.
 */
export function decodeLatexJsonString(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) {
      out += "\\";
      break;
    }
    if (next === "\\" || next === '"' || next === "/") {
      out += next;
      i++;
      continue;
    }
    if (next === "u" && HEX4.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    if (next === "n" || next === "t" || next === "r") {
      const run = letterRun(body, i + 1);
      if (!NTR_COMMANDS.has(run)) {
        out += next === "n" ? "\n" : next === "t" ? "\t" : "\r";
        i++;
        continue;
      }
    }
    // LaTeX (or any other unknown escape): keep the backslash; the next char is copied on the next turn.
    out += "\\";
  }
  return out;
}

/** Scan a JSON string literal starting at `start` (the opening quote); returns the body and the index after the closing quote. */
export function scanJsonString(text: string, start: number): { body: string; end: number } | null {
  if (text[start] !== '"') return null;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (text[i] === '"') return { body: text.slice(start + 1, i), end: i + 1 };
  }
  return null;
}

/**
 * Re-encode every string literal of a JSON-ish text with the LaTeX-tolerant decoder, so that
 * JSON.parse sees `\frac` as backslash + "frac". Returns the repaired text (may still be invalid JSON).
 */
export function repairLatexJson(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      out += text[i++];
      continue;
    }
    const s = scanJsonString(text, i);
    if (!s) return out + text.slice(i);
    out += JSON.stringify(decodeLatexJsonString(s.body));
    i = s.end;
  }
  return out;
}
