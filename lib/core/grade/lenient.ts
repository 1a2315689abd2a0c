// Lenient final-answer extraction ("auto" mode: imported data, `grade-answers`, golds), after
// math-verify's extraction priorities (its parser.py, studied, not copied). Candidates are tried
// by priority; within one priority the candidate that ends rightmost wins:
//   0   the box group (\boxed{}s next to each other or joined by and/or/,/;), and
//       "final answer is X. I hope"
//   50  "final answer ... is X"
//   100 "answer: ... X"      200 "answer ... X"
//   -   a short bare answer with no math delimiters is the answer itself
//   300 any math span ($..$, $$..$$, \(..\), \[..\], a bare \frac{a}{b}), spans joined by
//       "and" / "or" / "," forming one list; or a plain number / arithmetic expression in prose.
// X is a math span (group) or a number / expression. `targets` mirrors math-verify's
// LatexExtractionConfig / ExprExtractionConfig: which of the two kinds of candidate to look for.
import { findBoxes, looksLikeBareAnswer } from "./extract";
import type { Extraction, ExtractMethod } from "./types";

export type Target = "latex" | "expr";
interface Atom {
  start: number;
  end: number;
  answer: string;
}

// One math span; percent written right after it belongs to it ("$28$ %").
const SPAN = String.raw`(?<!\\)\$\$([^]+?)(?<!\\)\$\$|(?<!\\)\\\[([^]+?)(?<!\\)\\\]|(?<![\\\d])\$((?:\\\$|[^\n$])+?)(?<!\\)\$|(?<!\\)\\\(((?:[^\\\n]|\\(?!\)))+?)(?<!\\)\\\)|\s\[([^\n\][]+?)\]\s|(-?\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\})`;
const PCT = String.raw`(\s*(?:\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct))?`;
const SPAN_RE = new RegExp(`(?:${SPAN})${PCT}`, "g");
const JOIN = /^\s*(?:,?\s*and|,?\s*or|,)\s*$/;

function latexAtoms(text: string): Atom[] {
  const spans: Atom[] = [];
  SPAN_RE.lastIndex = 0;
  for (let m = SPAN_RE.exec(text); m; m = SPAN_RE.exec(text)) {
    const body = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? "").trim();
    const start = m[5] !== undefined ? m.index + 1 : m.index;
    if (body) spans.push({ start, end: m.index + m[0].length, answer: m[7] ? `${body}\\%` : body });
    if (m[5] !== undefined) SPAN_RE.lastIndex = m.index + m[0].length - 1; // the closing space may open the next
  }
  // Spans joined by "and" / "or" / "," read as one list (up to six, as math-verify does).
  const groups: Atom[] = [];
  for (let i = 0; i < spans.length; i++) {
    const g = { ...spans[i] };
    let n = 1;
    while (i + 1 < spans.length && n < 6 && JOIN.test(text.slice(g.end, spans[i + 1].start))) {
      g.answer += `, ${spans[i + 1].answer}`;
      g.end = spans[i + 1].end;
      i++;
      n++;
    }
    groups.push(g);
  }
  return groups;
}

const CURRENCY = "$€£¥₹₽₪₩₫฿";
const NUMBER = String.raw`(?<!\d)(?:(-?[1-9]\d{0,2}(?:[ ,]\d{3})+(?:\.\d+)?)|(-?\d+[.,]\d+)|(\.\d+)|(-?\d+))`;
const OPS = String.raw`+\-*×/^()÷`;
// Numbers joined by operators ("2/3", "(1/2) * (4/3)"); linear to match, however long the text.
const OPERAND = String.raw`\(?-?\d+(?:\.\d+)?\)?`;
const EXPR = String.raw`(-?${OPERAND}(?:\s*[${OPS.replace("()", "")}]\s*${OPERAND})+)`;
const PREFIX = String.raw`(?:^|(?<=[\s=]))(?:\*\*)?`;
const NUM_RE = new RegExp(`${PREFIX}(?:\\\\?[${CURRENCY}])?${NUMBER}${PCT}`, "g"); // \$324 too
const EXPR_RE = new RegExp(`${PREFIX}${EXPR}(?=(?:\\*\\*)?(?:[.,:\\s)$]|$))`, "g");

/** A number as math-verify reads it: separators out, a decimal comma as a point, leading zeros off. */
export function plainNumberText(raw: string): string {
  let s = raw.replace(/\s/g, "");
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  if (/^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else s = s.replace(",", ".");
  s = s.replace(/^0+(?=\d)/, "");
  return (neg ? "-" : "") + s;
}

function exprAtoms(text: string): Atom[] {
  const out: Atom[] = [];
  for (const m of text.matchAll(NUM_RE)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? m[4];
    out.push({ start: m.index!, end: m.index! + m[0].length, answer: plainNumberText(raw) + (m[5] ? "\\%" : "") });
  }
  for (const m of text.matchAll(EXPR_RE)) {
    const e = m[1].trim();
    out.push({ start: m.index!, end: m.index! + m[0].length, answer: e.replace(/×/g, "\\times ").replace(/÷/g, "/") });
  }
  return out;
}

const rightmost = (xs: Atom[]) =>
  xs.reduce<Atom | null>(
    (best, a) => (!best || a.end > best.end || (a.end === best.end && a.start < best.start) ? a : best),
    null,
  );

/** The box group at the end (math-verify's "last" rule): boxes close together or joined by a separator. */
export function boxGroup(text: string): Atom | null {
  const boxes = findBoxes(text);
  if (boxes.length === 0) return null;
  const parts = [boxes[boxes.length - 1].content.trim()];
  let first = boxes[boxes.length - 1];
  for (let k = boxes.length - 2; k >= 0; k--) {
    const gap = text.slice(boxes[k].end, first.start);
    const content = boxes[k].content.trim();
    const ok = gap.length < 10 || (gap.length < 70 && content !== parts[0] && /\b(?:and|or)\b|,|;/.test(gap));
    if (!ok) break;
    if (content !== parts[0]) parts.unshift(content);
    first = boxes[k];
  }
  const answer = parts.filter(Boolean).join(", ");
  return answer ? { start: first.start, end: boxes[boxes.length - 1].end, answer } : null;
}

/** Candidates sorted by start (longest first at one start), for lookups by position. */
class Atoms {
  constructor(readonly list: Atom[]) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  /** The first candidate starting at or after `from`. */
  firstFrom(from: number): Atom | undefined {
    let lo = 0,
      hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].start < from) lo = mid + 1;
      else hi = mid;
    }
    return this.list[lo];
  }
  at(pos: number): Atom | undefined {
    const a = this.firstFrom(pos);
    return a && a.start === pos ? a : undefined;
  }
}

/** The first candidate starting within `window` characters after each marker; the rightmost of those. */
function afterMarkers(text: string, marker: RegExp, window: number, atoms: Atoms): Atom | null {
  const found: Atom[] = [];
  for (const m of text.matchAll(marker)) {
    const from = m.index! + m[0].length;
    const hit = atoms.firstFrom(from);
    if (hit && hit.start - from <= window) found.push(hit);
  }
  return rightmost(found);
}

/** "final answer ... is X": X must start right after some " is" within 100 characters of the words. */
function finalAnswerIs(text: string, atoms: Atoms): Atom | null {
  const found: Atom[] = [];
  for (const m of text.matchAll(/final answer/gi)) {
    const after = m.index! + m[0].length;
    for (const is of text.slice(after, after + 104 + 4).matchAll(/\s+is:?\s*/gi)) {
      if (is.index! > 100) break;
      const from = after + is.index! + is[0].length;
      const a = atoms.at(from);
      if (a) {
        found.push(a);
        break;
      }
    }
  }
  return rightmost(found);
}

/** The whole text is the answer: no math delimiters, short, and no two plain words in a row. */
function isBare(text: string): boolean {
  if (/[$]|\\[([]/.test(text) || !looksLikeBareAnswer(text)) return false;
  const outsideText = text.replace(/\\(?:text|mbox|textbf|mathrm)\{[^}]*\}/g, " ");
  return !/[A-Za-z'’]{2,}[\s,]+[A-Za-z'’]{2,}/.test(outsideText);
}

export function extractLenient(text: string, targets: Target[] = ["latex", "expr"]): Extraction {
  const atoms = new Atoms([
    ...(targets.includes("latex") ? latexAtoms(text) : []),
    ...(targets.includes("expr") ? exprAtoms(text) : []),
  ]);
  const pick = (a: Atom | null, method: ExtractMethod): Extraction | null =>
    a ? { ok: true, answer: a.answer, method } : null;
  // Priority 0: the box group and "final answer is X. I hope", whichever ends last.
  const box = targets.includes("latex") ? boxGroup(text) : null;
  const hope = [...text.matchAll(/final answer is:?\s*/gi)].flatMap((m) => {
    const from = m.index! + m[0].length;
    const a = atoms.at(from);
    return a && /^\.?\s?I hope/.test(text.slice(a.end, a.end + 8)) ? [a] : [];
  });
  const top = rightmost([...(box ? [box] : []), ...hope]);
  if (top) return pick(top, top === box ? (box.answer.includes(", ") ? "boxed-list" : "boxed") : "final-answer")!;
  const fin = finalAnswerIs(text, atoms);
  if (fin) return pick(fin, "final-answer")!;
  const colon = afterMarkers(text, /answer:/gi, 50, atoms);
  if (colon) return pick(colon, "answer-is")!;
  const word = afterMarkers(text, /answer/gi, 50, atoms);
  if (word) return pick(word, "answer-is")!;
  if (isBare(text)) return { ok: true, answer: text.trim(), method: "bare" };
  const any = rightmost(atoms.list);
  if (any) return pick(any, "last-math")!;
  return { ok: false, reason: "no \\boxed{}, no marked answer, no math or number in the text" };
}
