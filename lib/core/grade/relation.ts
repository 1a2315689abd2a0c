// Relations read by shape (issue 12 §5, after math-verify's relation semantics): one relation
// `a op b`; a chain of equalities `z = 1 + 1 = 2` (an assignment to its last member when the left
// side is only symbols, else just the value at its end); `\approx` after an `=` is a remark and
// dropped (`x = 1/3 \approx 0.33`); a double inequality `l < x < r` is a range, which reads as an
// interval against a predicted interval.

export type RelShape =
  | { kind: "rel"; op: string; lhs: string; rhs: string }
  | { kind: "range"; mid: string; lo: string; hi: string; loOpen: boolean; hiOpen: boolean };

const OP = /\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|\\neq?(?![A-Za-z])|\\approx(?![A-Za-z])|<=|>=|!=|=|<|>/y;
const NAME: Record<string, string> = {
  "\\le": "<=",
  "\\leq": "<=",
  "<=": "<=",
  "\\ge": ">=",
  "\\geq": ">=",
  ">=": ">=",
  "\\ne": "!=",
  "\\neq": "!=",
  "!=": "!=",
  "=": "=",
  "\\approx": "~",
  "<": "<",
  ">": ">",
};

/** Split at relation operators outside brackets. */
export function splitRelation(s: string): { parts: string[]; ops: string[] } {
  const parts: string[] = [];
  const ops: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (depth === 0) {
      OP.lastIndex = i;
      const m = OP.exec(s);
      if (m) {
        parts.push(s.slice(last, i).trim());
        ops.push(NAME[m[0]]);
        i += m[0].length - 1;
        last = i + 1;
        continue;
      }
    }
    if (c === "\\") {
      if (s[i + 1] === "{" || s[i + 1] === "}") {
        depth += s[i + 1] === "{" ? 1 : -1;
        i++;
        continue;
      }
      const cmd = /^\\[A-Za-z]+/.exec(s.slice(i));
      if (cmd) i += cmd[0].length - 1;
      else i++;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  parts.push(s.slice(last).trim());
  return { parts, ops };
}

/**
 * Is this left side made only of symbols (no numbers outside subscripts)? Then `lhs = v` assigns
 * v: `x = 3`, `(p,q) = (3,2)`, `AB = 4`, `\frac{NO}{BO} = ...`, `S_{MBCN}:S = 7:32`, `|AB| = 1`.
 */
export function symbolsOnly(lhs: string): boolean {
  const t = lhs
    .replace(/_\{[^{}]*\}|_[A-Za-z0-9]/g, "")
    .replace(/\\(?:frac|cdot|times|overline|angle|vec|hat|bar)(?![A-Za-z])/g, " ");
  // A function of symbols (\cos \angle RPS) names a value too; an integral, sum or limit is a computation.
  return /[A-Za-z]/.test(t) && !/\d/.test(t) && !/\\(?:int|sum|prod|lim)(?![A-Za-z])/.test(t);
}

/** The relation in `s`, a value (for a chain of constants), or null when `s` holds no relation. */
export function parseRelation<T>(s: string, read: (s: string) => T | null): RelShape | T | null {
  let { parts, ops } = splitRelation(s);
  if (ops.length === 0) return null;
  const approx = ops.indexOf("~");
  if (approx > 0 && ops.slice(0, approx).includes("=")) {
    parts = parts.slice(0, approx + 1);
    ops = ops.slice(0, approx);
  }
  ops = ops.map((o) => (o === "~" ? "=" : o));
  if (parts.some((p) => !p)) return null;
  if (ops.length === 1) return { kind: "rel", op: ops[0], lhs: parts[0], rhs: parts[1] };
  if (ops.every((o) => o === "=")) {
    return symbolsOnly(parts[0])
      ? { kind: "rel", op: "=", lhs: parts[0], rhs: parts[parts.length - 1] }
      : read(parts[parts.length - 1]);
  }
  if (ops.length === 2) {
    const up = ops.every((o) => o === "<" || o === "<="),
      down = ops.every((o) => o === ">" || o === ">=");
    if (up)
      return {
        kind: "range",
        mid: parts[1],
        lo: parts[0],
        hi: parts[2],
        loOpen: ops[0] === "<",
        hiOpen: ops[1] === "<",
      };
    if (down)
      return {
        kind: "range",
        mid: parts[1],
        lo: parts[2],
        hi: parts[0],
        loOpen: ops[1] === ">",
        hiOpen: ops[0] === ">",
      };
  }
  return { kind: "rel", op: ops[0], lhs: parts[0], rhs: parts.slice(1).join(" = ") };
}
