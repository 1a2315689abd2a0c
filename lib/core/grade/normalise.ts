// String normalisation of an extracted answer before it is read by shape (issue 4 §1), in the
// spirit of the Qwen2.5-Math and math-verify normalisers: delimiters, \left/\right, \dfrac,
// degrees, percent, currency, units in \text{}, thousands separators, "x \in" prefixes.

import { matchBrace } from "./extract";

export interface Normalised {
  text: string;
  percent: boolean;
  degrees: boolean;
  /** The whole answer was a \text{...} (a word answer such as "Monday"). */
  wasText: boolean;
}

const TEXT_CMD = String.raw`\\(?:text|textnormal|textbf|textit|textrm|textsf|texttt|mathrm|mathbf|mathit|mathsf|mbox|operatorname\*?)`;
const UNICODE: [RegExp, string][] = [
  [/π/g, "\\pi "],
  [/√/g, "\\sqrt"],
  [/[−–]/g, "-"],
  [/×/g, "\\times "],
  [/·/g, "\\cdot "],
  [/∞/g, "\\infty "],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/\u00a0/g, " "],
];

// Units after a number: "5\text{ cm}", "5\mbox{ cm}^2", "20\ \mathrm{m/s}".
const UNIT = new RegExp(`(?<=[\\d}\\s])${TEXT_CMD}\\{\\s*([A-Za-z][A-Za-z .\\/]*)\\}(?:\\s*\\^\\s*\\{?\\d\\}?)?`, "g");
const TEXT_GROUP = new RegExp(`${TEXT_CMD}\\s*\\{([^{}]*)\\}`, "g");
const TEXT_SEPARATOR = new RegExp(`${TEXT_CMD}\\{\\s*(?:or|and)\\s*\\}`, "g");
const WHOLE_TEXT = new RegExp(`^\\s*${TEXT_CMD}\\s*\\{([^{}]*)\\}\\s*\\.?\\s*$`);

function unwrapText(s: string): string {
  const stripped = s.replace(UNIT, " ");
  if (/\d/.test(stripped) && stripped.trim() !== "") s = stripped;
  return s.replace(TEXT_GROUP, "$1");
}

/** \boxed{...} left inside an answer ("180 - 90 = \boxed{90}") reads as its content. */
function unbox(s: string): string {
  for (let i = s.search(/\\(?:boxed|fbox)\s*\{/); i !== -1; i = s.search(/\\(?:boxed|fbox)\s*\{/)) {
    const open = s.indexOf("{", i);
    const end = matchBrace(s, open);
    if (end === -1) break;
    s = s.slice(0, i) + s.slice(open + 1, end - 1) + s.slice(end);
  }
  return s;
}

export function normaliseAnswer(answer: string): Normalised {
  // "\\frac" written with a doubled backslash (a string escaped twice) is "\frac"; not in a
  // matrix, where "\\" ends a row.
  let s = /matrix|array|cases/.test(answer) ? answer : answer.replace(/\\\\(?=[A-Za-z])/g, "\\");
  s = unbox(s);
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  // Upright constants are the constants: \mathrm{e} is Euler's number, \mathrm{i} the imaginary unit.
  s = s.replace(/\\(?:mathrm|text|operatorname)\s*\{\s*([ei])\s*\}/g, " $1 ");
  let percent = false;
  let degrees = false;
  s = s.replace(/\\\$|\\dollar\b|US\$|USD|€|£/g, " "); // currency
  s = s.replace(/\$/g, " ").replace(/\\[()[\]]/g, " ");
  s = s.replace(/\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits)\b/g, "");
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![A-Za-z])\s*\.?/g, "");
  s = s.replace(/(\d),\s*\\[!,]\s*(?=\d{3})/g, "$1,"); // 3,\!110,\!400
  s = s.replace(/\\\\|\\(?=\d)/g, (m) => (m === "\\\\" ? m : "")); // a stray backslash: \boxed{\15}
  s = s.replace(/_\{(\w)\}/g, "_$1");
  s = s.replace(/\\\\|\\[!,;:> ]|~|\\q?quad/g, (m) => (m === "\\\\" ? m : " "));
  s = s
    .replace(/\\lt(?![A-Za-z])/g, "<")
    .replace(/\\gt(?![A-Za-z])/g, ">")
    .replace(/\\leqslant(?![A-Za-z])/g, "\\le")
    .replace(/\\geqslant(?![A-Za-z])/g, "\\ge");
  s = s.replace(/\\[dtc]frac(?![A-Za-z])/g, "\\frac").replace(/\\[dt]binom(?![A-Za-z])/g, "\\binom");
  s = s.replace(/\^\s*\{?\s*\\circ\s*\}?|°|\\degree(?![A-Za-z])|\\text\{\s*degrees?\s*\}/g, () => {
    degrees = true;
    return " ";
  });
  s = s.replace(/\\?%|\\text\{\s*(?:percent(?:age)?|pct)\s*\}|\s*\b(?:percentage|percent|pct)\b/g, () => {
    percent = true;
    return " ";
  });
  s = s.replace(TEXT_SEPARATOR, ",");
  const whole = WHOLE_TEXT.exec(s);
  const wasText = whole !== null && /[A-Za-z]{2,}/.test(whole[1]) && !/\d/.test(whole[1]);
  s = wasText ? whole![1] : unwrapText(s);
  // Words after a number: "20 meters", "4 liters", "5 sq units", "12 cm^2".
  s = s.replace(/^(\s*[-+]?[\d.,{}\s]*\d\s*)\s[A-Za-z]{2,}(?:\s+[A-Za-z]+)*(?:\s*\^\s*\{?\d\}?)?\s*\.?\s*$/, "$1");
  // "1, 2, and 3", "(11,7)or(7,11)": and / or between answers is a separator.
  if (/\d/.test(s)) s = s.replace(/(?<![A-Za-z])\s*,?\s*(?:or|and)(?![A-Za-z])\s*/g, ",");
  s = s.replace(/,(?:\s*,)+/g, ",");
  s = s.replace(/^\s*[A-Za-z]\s*\\in\s*/, ""); // x \in [0,1)
  s = s.replace(/\s*\{\s*,\s*\}\s*/g, ","); // 14{,}916, 14 {, }916
  s = s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.,;]+$/, "")
    .trim();
  s = numberSeparators(s);
  return { text: s, percent, degrees, wasText };
}

/**
 * Separators when the whole answer is one number (math-verify's number rule): "2,026" and
 * "1 000 000" group thousands (first group 1-3 digits, not starting with 0); "1000,99", "0,111",
 * "1,22" use a decimal comma. "-2,1" (one digit after the comma) stays a list of two answers.
 */
function numberSeparators(s: string): string {
  if (/^[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/.test(s) || /^[+-]?[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?$/.test(s)) {
    return s.replace(/[, ]/g, "");
  }
  const dec = /^([+-]?)(\d+),(\d+)$/.exec(s);
  if (dec && (dec[2].length > 3 || dec[2].startsWith("0") || (dec[3].length >= 2 && dec[3].length !== 3))) {
    return `${dec[1]}${dec[2]}.${dec[3]}`;
  }
  return s;
}
