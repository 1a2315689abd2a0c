// Reads a normalised answer by shape: lists (unordered), sets, tuples/intervals (ordered, with
// their brackets), unions, matrices, relations, words, choice letters, or one expression.
import { parseRelation, type RelShape } from "./relation";

export type Shape =
  | { kind: "list"; items: Shape[] }
  | { kind: "set"; items: Shape[] }
  | { kind: "seq"; open: string; close: string; items: Shape[] }
  | { kind: "union"; items: Shape[] }
  | { kind: "matrix"; rows: Shape[][] }
  | RelShape
  | { kind: "text"; text: string }
  | { kind: "choice"; letter: string }
  | { kind: "expr"; latex: string };

/** Split at top-level separators (outside (), [], {}, \{\}). Separators are literal strings. */
export function splitTop(s: string, seps: string[]): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      if (s[i + 1] === "{" || s[i + 1] === "}") {
        depth += s[i + 1] === "{" ? 1 : -1;
        i++;
        continue;
      }
      if (depth === 0) {
        const sep = seps.find(
          (x) => x.startsWith("\\") && s.startsWith(x, i) && !/[A-Za-z]/.test(s[i + x.length] ?? ""),
        );
        if (sep) {
          out.push(s.slice(last, i));
          i += sep.length - 1;
          last = i + 1;
          continue;
        }
      }
      const m = /^\\[A-Za-z]+/.exec(s.slice(i));
      if (m) i += m[0].length - 1;
      else i++;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && seps.includes(c)) {
      out.push(s.slice(last, i));
      last = i + 1;
    }
  }
  out.push(s.slice(last));
  return out.map((x) => x.trim());
}

/** Index of the bracket closing the one that opens at 0, or -1. */
function closingIndex(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      if (s[i + 1] === "{" || s[i + 1] === "}") {
        depth += s[i + 1] === "{" ? 1 : -1;
        i++;
        if (depth === 0) return i;
        continue;
      }
      const m = /^\\[A-Za-z]+/.exec(s.slice(i));
      if (m) i += m[0].length - 1;
      else i++;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && --depth === 0) return i;
  }
  return -1;
}

export function parseShape(s: string, wasText = false): Shape | null {
  s = s.trim();
  if (!s) return null;
  if (wasText) return { kind: "text", text: s };
  const mat = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?((?:(?!\\(?:begin|end)\{)[\s\S])*)\\end\{\1\}$/.exec(s);
  if (mat) {
    const rows = splitTop(mat[2], [])
      .join("")
      .split(/\\\\/)
      .map((r) => r.trim())
      .filter(Boolean);
    const cells = rows.map((r) => r.split("&").map((c) => parseShape(c)));
    if (cells.some((r) => r.some((c) => c === null))) return null;
    return { kind: "matrix", rows: cells as Shape[][] };
  }
  if (/^(?:\\emptyset|\\varnothing|\\\{\s*\\\}|\{\s*\})$/.test(s)) return { kind: "set", items: [] };
  const union = splitTop(s, ["\\cup"]);
  if (union.length > 1) return seqOf("union", union);
  // "p=5,q=2;p=7,q=2": groups of several answers separated by ";" are tuples.
  const groups = splitTop(s, [";"]);
  if (groups.length > 1 && groups.some((g) => splitTop(g, [","]).length > 1)) {
    const items = groups.map((g) => seqOf("seq", splitTop(g, [","])));
    return items.every(Boolean) ? { kind: "list", items: items as Shape[] } : null;
  }
  const list = splitTop(s, [",", ";"]);
  if (list.length > 1) return seqOf("list", list);
  // a \pm b is the two answers a + b and a - b.
  const pm = /\\(pm|mp)(?![A-Za-z])/.exec(s);
  if (pm) {
    const a = s.slice(0, pm.index),
      b = s.slice(pm.index + pm[0].length);
    const [first, second] = pm[1] === "pm" ? ["+", "-"] : ["-", "+"];
    const items = [parseShape(`${a}${first}${b}`), parseShape(`${a}${second}${b}`)];
    return items.every(Boolean) ? { kind: "list", items: items as Shape[] } : null;
  }
  // \{1, 2\} and, as math-verify reads it, {1, 2} are sets.
  if ((s.startsWith("\\{") || s.startsWith("{")) && closingIndex(s) === s.length - 1) {
    const inner = s.startsWith("\\{") ? s.slice(2, -2).trim() : s.slice(1, -1).trim();
    const items = splitTop(inner, [",", ";"]);
    if (s.startsWith("\\{") || items.length > 1) return inner ? seqOf("set", items) : { kind: "set", items: [] };
  }
  const langle = /^\\langle(.*)\\rangle$/s.exec(s);
  if (langle) return seqOf("seq", splitTop(langle[1], [","]), "(", ")");
  if ((s[0] === "(" || s[0] === "[") && closingIndex(s) === s.length - 1) {
    let inner = splitTop(s.slice(1, -1), [","]);
    if (inner.length === 1) inner = splitTop(s.slice(1, -1), [";"]); // (0;-2;6)
    if (inner.length > 1) return seqOf("seq", inner, s[0], s[s.length - 1]);
    if (/^\(\s*[A-E]\s*\)$/.test(s)) return { kind: "choice", letter: s.replace(/[()\s]/g, "") };
    // A matrix in brackets, "\left[\begin{array}..\end{array}\right]", is the matrix.
    if (/^.\s*\\begin\{([pbvBV]?matrix|array)\}[\s\S]*\\end\{\1\}\s*.$/.test(s)) return parseShape(s.slice(1, -1));
  }
  const rel = parseRelation(s, (x) => parseShape(x));
  if (rel) return rel;
  // A ratio a:b is the fraction a/b (7:32 = 14:64); with a zero part (a time, 12:00) it is text.
  const ratio = splitTop(s, [":"]);
  if (ratio.length === 2 && ratio.every((r) => r.trim())) {
    return /^0+$/.test(ratio[1].trim())
      ? { kind: "text", text: s }
      : { kind: "expr", latex: `\\frac{${ratio[0]}}{${ratio[1]}}` };
  }
  if (/^[A-Za-z]{3,}(?:[ '-][A-Za-z]+)*$/.test(s)) return { kind: "text", text: s };
  return { kind: "expr", latex: s };
}

function seqOf(kind: "list" | "set" | "union" | "seq", parts: string[], open = "(", close = ")"): Shape | null {
  let items = parts.map((p) => parseShape(p));
  if (items.some((x) => x === null)) return null;
  // A list inside a list or set (from \pm, or "a or b") is spliced in: {1 \pm \sqrt5, -2} has three members.
  if (kind === "list" || kind === "set") items = (items as Shape[]).flatMap((x) => (x.kind === "list" ? x.items : [x]));
  if (kind === "seq") return { kind, open, close, items: items as Shape[] };
  return { kind, items: items as Shape[] };
}

export function shapeToString(s: Shape): string {
  switch (s.kind) {
    case "list":
      return s.items.map(shapeToString).join(", ");
    case "set":
      return `\\{${s.items.map(shapeToString).join(", ")}\\}`;
    case "seq":
      return `${s.open}${s.items.map(shapeToString).join(", ")}${s.close}`;
    case "union":
      return s.items.map(shapeToString).join(" \\cup ");
    case "matrix":
      return `[${s.rows.map((r) => r.map(shapeToString).join(" & ")).join(" \\\\ ")}]`;
    case "rel":
      return `${s.lhs} ${s.op} ${s.rhs}`;
    case "range":
      return `${s.lo} ${s.loOpen ? "<" : "<="} ${s.mid} ${s.hiOpen ? "<" : "<="} ${s.hi}`;
    case "text":
      return `\\text{${s.text}}`;
    case "choice":
      return `(${s.letter})`;
    case "expr":
      return s.latex;
  }
}
