// Final-answer extraction (issue 4 §1). Order: the last \boxed{...}/\fbox{...} (several boxes in
// the same last sentence form a list), else the text after the last "answer is" / "answer:",
// else the last **bold** span of the last paragraph. No "last number" guessing: a solution that
// marks no answer gets no answer.
import type { Extraction, PredMode } from "./types";

interface Box {
  start: number;
  end: number;
  content: string;
}

/** Index just past the brace group opening at `open` (text[open] === "{"), or -1 if unbalanced. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

export function findBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  const re = /\\(?:boxed|fbox)(?![A-Za-z])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === " ") i++;
    if (text[i] === "{") {
      const end = matchBrace(text, i);
      if (end === -1) continue;
      boxes.push({ start: m.index, end, content: text.slice(i + 1, end - 1) });
      re.lastIndex = end;
    } else {
      // `\boxed 5`: one token up to whitespace or a math delimiter.
      const tok = /^[^\s$]+/.exec(text.slice(i));
      if (!tok) continue;
      const content = tok[0].replace(/(\\\)|\\\]|[.,;])+$/, "");
      if (content) boxes.push({ start: m.index, end: i + content.length, content });
    }
  }
  return boxes;
}

// A sentence ends at . ! ? followed by a space or the end (not a decimal point), or a blank line.
const SENTENCE_END = /[.!?](?:\s|$)|\n\s*\n/;

function lastBoxGroup(text: string, boxes: Box[]): Box[] {
  const group = [boxes[boxes.length - 1]];
  for (let k = boxes.length - 2; k >= 0; k--) {
    const gap = text.slice(boxes[k].end, group[0].start);
    if (SENTENCE_END.test(gap.replace(/\\[\])]/g, ""))) break;
    group.unshift(boxes[k]);
  }
  return group;
}

/** Split `s` into math spans ($..$, $$..$$, \(..\), \[..\]) and prose; an unpaired $ is prose. */
export function mathSpans(s: string): { math: string[]; prose: string } {
  const math: string[] = [];
  let prose = "";
  const re = /\$\$([\s\S]+?)\$\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$([^$]+?)\$/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    prose += s.slice(last, m.index) + " ";
    math.push((m[1] ?? m[2] ?? m[3] ?? m[4]).trim());
    last = m.index + m[0].length;
  }
  return { math, prose: prose + s.slice(last) };
}

/** Text from `from` to the end of its sentence, not cutting inside a math span. */
function sentenceFrom(text: string, from: number): string {
  const s = text.slice(from);
  const re = /\$\$[\s\S]*?\$\$|\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]|\$[^$]*?\$|([.!?](?=\s|$)|\n\s*\n)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) if (m[1] !== undefined) return s.slice(0, m.index);
  return s;
}

const MARKER =
  /\b(final\s+answer|answer)s?\s*(?:is|are|would\s+be|will\s+be)?\s*:|\b(final\s+answer|answer)s?\s*(?:is|are|=)/gi;

function afterMarker(text: string): Extraction | null {
  let last: RegExpExecArray | null = null;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) last = m;
  if (!last) return null;
  const final = /final/i.test(last[0]) && /:\s*$/.test(last[0]);
  let seg = sentenceFrom(text, last.index + last[0].length).replace(/^[\s*:]+/, "");
  seg = seg.replace(/\bI hope it is correct\b.*$/is, "").trim();
  const { math, prose } = mathSpans(seg);
  let answer: string;
  if (math.length > 0) answer = math.join(", ");
  else {
    answer = prose.trim();
    // "52 candles and flashlights", "$7.00 in change": keep the number, drop the words after it.
    const num = /^([-+]?\\?\$?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|\\%)?)\s+[A-Za-z][A-Za-z\s'-]*$/.exec(answer);
    if (num) answer = num[1];
    else {
      // "Verna received $7.00 in change": the marked sentence holds exactly one number.
      const nums = answer.match(/[-+]?\$?\d[\d,]*(?:\.\d+)?%?/g) ?? [];
      if (nums.length === 1) answer = nums[0];
    }
  }
  answer = answer.replace(/[\s.,;:]+$/, "").trim();
  if (!answer) return { ok: false, reason: `"${last[0].trim()}" is followed by no answer` };
  return { ok: true, answer, method: final ? "final-answer" : "answer-is" };
}

function lastBold(text: string): Extraction | null {
  const para = text.slice(text.lastIndexOf("\n\n") + 1);
  const all = [...para.matchAll(/\*\*([^*\n]{1,40}?)\*\*/g)].map((m) => m[1].trim());
  const cands = all.filter((c) => /\d/.test(c) && !/[:]$/.test(c) && !/^(step|case|part)\b/i.test(c));
  if (cands.length === 0) return null;
  const { math, prose } = mathSpans(cands[cands.length - 1]);
  let answer = (math.length ? math.join(", ") : prose).trim();
  const num = /^([-+]?\\?\$?\s*\d[\d,]*(?:\.\d+)?\s*(?:%|\\%)?)\s+[A-Za-z][A-Za-z\s'-]*$/.exec(answer);
  if (num) answer = num[1];
  return { ok: true, answer, method: "bold" };
}

/** A short single line that is not prose (no run of three plain words outside \text{}). */
export function looksLikeBareAnswer(s: string): boolean {
  const t = s.trim();
  if (!t || t.length > 80 || t.includes("\n")) return false;
  const outsideText = t.replace(/\\(?:text|mbox|textbf|mathrm)\{[^}]*\}/g, " ");
  return !/[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}[\s,]+[A-Za-z]{2,}/.test(outsideText);
}

export function extractAnswer(text: string, mode: PredMode = "solution"): Extraction {
  if (mode === "answer") {
    const t = text.trim();
    return t ? { ok: true, answer: t, method: "bare" } : { ok: false, reason: "empty answer" };
  }
  const boxes = findBoxes(text);
  if (boxes.length > 0) {
    const group = lastBoxGroup(text, boxes);
    const parts = group.map((b) => b.content.trim()).filter((c) => c.length > 0);
    if (parts.length === 0) return { ok: false, reason: "the last \\boxed{} is empty" };
    return parts.length === 1
      ? { ok: true, answer: parts[0], method: "boxed" }
      : { ok: true, answer: parts.join(", "), method: "boxed-list" };
  }
  const marked = afterMarker(text);
  if (marked?.ok) return marked;
  const bold = lastBold(text);
  if (bold) return bold;
  if (mode === "auto" && looksLikeBareAnswer(text)) return { ok: true, answer: text.trim(), method: "bare" };
  return marked ?? { ok: false, reason: 'no \\boxed{}, no "answer is", no bold answer' };
}
