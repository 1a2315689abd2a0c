// Comparison by shape (issue 4 §1): sets and answer lists unordered, tuples and intervals ordered
// with their brackets, matrices cell by cell, equations by sides or up to rearrangement, words
// and choice letters as text, single expressions by compareScalar.
import { normaliseAnswer } from "./normalise";
import { parseShape, shapeToString, type Shape } from "./shape";
import { compareScalar, proportional, remaining, Unparseable, type Ctx, type Decision } from "./scalar";
import { EngineTimeout, evaluateMatrix } from "./engine";
import { symbolsOnly } from "./relation";
import type { CompareOptions, Verdict } from "./types";

interface Flags {
  gPercent: boolean;
  pPercent: boolean;
}

const text = (s: string) =>
  s
    .toLowerCase()
    .replace(/\\text\{([^}]*)\}/g, "$1")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const letterOf = (s: Shape): string | null =>
  s.kind === "choice"
    ? s.letter
    : (s.kind === "expr" || s.kind === "text") && /^[A-E]$/.test(s.kind === "expr" ? s.latex : s.text)
      ? s.kind === "expr"
        ? s.latex
        : s.text
      : null;

function scalar(g: string, p: string, ctx: Ctx, f: Flags): Decision {
  const first = compareScalar(g, p, ctx);
  if (first.equal || (!f.gPercent && !f.pPercent)) return first;
  // 10% may be answered as 10 or as 0.1 (the Qwen2.5-Math policy).
  const variants: [string, string][] = [];
  if (f.gPercent) variants.push([`\\frac{${g}}{100}`, p]);
  if (f.pPercent) variants.push([g, `\\frac{${p}}{100}`]);
  for (const [a, b] of variants) {
    const d = compareScalar(a, b, ctx);
    if (d.equal) return { equal: true, method: `${d.method}+percent` };
  }
  return first;
}

// Members written twice count once (a set, as math-verify's FiniteSet reads an answer list).
const distinct = (xs: Shape[]) => {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = shapeToString(x).replace(/\s+/g, "");
    return !seen.has(k) && !!seen.add(k);
  });
};

function unordered(gs0: Shape[], ps0: Shape[], ctx: Ctx, f: Flags): boolean {
  const gs = distinct(gs0),
    ps = distinct(ps0);
  if (gs.length !== ps.length || gs.length > 64) return false;
  const match = new Array<number>(ps.length).fill(-1);
  const eq = gs.map((g) => ps.map((p) => same(g, p, ctx, f).equal));
  const tryAssign = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < ps.length; j++) {
      if (!eq[i][j] || seen[j]) continue;
      seen[j] = true;
      if (match[j] === -1 || tryAssign(match[j], seen)) {
        match[j] = i;
        return true;
      }
    }
    return false;
  };
  return gs.every((_, i) => tryAssign(i, new Array(ps.length).fill(false)));
}

const ordered = (gs: Shape[], ps: Shape[], ctx: Ctx, f: Flags) =>
  gs.length === ps.length && gs.every((g, i) => same(g, ps[i], ctx, f).equal);

function relation(
  g: Extract<Shape, { kind: "rel" }>,
  p: Extract<Shape, { kind: "rel" }>,
  ctx: Ctx,
  f: Flags,
): Decision {
  const flip: Record<string, string> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!=" };
  const sides = (a: string, b: string, c: string, d: string) =>
    scalar(a, c, ctx, f).equal && scalar(b, d, ctx, f).equal;
  if (g.op === p.op && sides(g.lhs, g.rhs, p.lhs, p.rhs)) return { equal: true, method: "equation-sides" };
  if (flip[g.op] === p.op && sides(g.lhs, g.rhs, p.rhs, p.lhs)) return { equal: true, method: "equation-sides" };
  if (g.op === "=" && p.op === "=") {
    const r = proportional(`(${g.lhs})-(${g.rhs})`, `(${p.lhs})-(${p.rhs})`, ctx);
    if (r !== null) return { equal: r, method: "equation-rearranged" };
  }
  // Inequalities by their normal form: x < 1 is -x > -1 (lhs - rhs equal, or negated when flipped).
  if (g.op !== "=" && (g.op === p.op || flip[g.op] === p.op)) {
    const pd = g.op === p.op ? `(${p.lhs})-(${p.rhs})` : `(${p.rhs})-(${p.lhs})`;
    const d = scalar(`(${g.lhs})-(${g.rhs})`, pd, ctx, f);
    if (d.equal) return { equal: true, method: "inequality-normal-form" };
  }
  return { equal: false, method: "equation-sides" };
}

// {1,3} \cup {2,4} is the set {1,2,3,4} (math-verify's README example).
const mergeSets = (s: Shape): Shape =>
  s.kind === "union" && s.items.every((i) => i.kind === "set")
    ? { kind: "set", items: s.items.flatMap((i) => (i as { items: Shape[] }).items) }
    : s;

export function same(g0: Shape, p0: Shape, ctx: Ctx, f: Flags): Decision {
  const g = mergeSets(g0),
    p = mergeSets(p0);
  const gl = letterOf(g),
    pl = letterOf(p);
  if ((g.kind === "choice" || p.kind === "choice") && gl && pl) return { equal: gl === pl, method: "choice-letter" };
  if (g.kind === "text" || p.kind === "text") {
    const a = text(shapeToString(g)),
      b = text(shapeToString(p));
    return { equal: a === b && a !== "", method: "text" };
  }
  if (g.kind === "rel" && p.kind === "rel") return relation(g, p, ctx, f);
  if (g.kind === "range" && p.kind === "range") {
    const ok =
      g.loOpen === p.loOpen &&
      g.hiOpen === p.hiOpen &&
      [
        [g.lo, p.lo],
        [g.mid, p.mid],
        [g.hi, p.hi],
      ].every(([a, b]) => scalar(a, b, ctx, f).equal);
    return { equal: ok, method: "range" };
  }
  // A gold relation against a predicted set or interval reads as the set it describes (as
  // math-verify does; not the other way round, so restating an inequality is not a solution).
  if ((g.kind === "rel" || g.kind === "range") && (p.kind === "seq" || p.kind === "union" || p.kind === "set")) {
    const set = relationAsSet(g);
    if (set) return tag(same(set, p, ctx, f), "relation-as-set");
  }
  if (g.kind === "rel" && g.op === "=" && symbolsOnly(g.lhs))
    return tag(same(parseShape(g.rhs) ?? g, p, ctx, f), "assignment");
  if (p.kind === "rel" && p.op === "=" && symbolsOnly(p.lhs))
    return tag(same(g, parseShape(p.rhs) ?? p, ctx, f), "assignment");
  // "\frac{3}{16} = 0.0011_2": a value written as a chain of equal constants; judge its last member.
  if (p.kind === "rel" && p.op === "=" && g.kind !== "rel" && !/[A-Za-z]/.test(p.lhs.replace(/\\[A-Za-z]+/g, ""))) {
    return tag(same(g, parseShape(p.rhs) ?? p, ctx, f), "equation-rhs");
  }
  const bag = (s: Shape) => s.kind === "list" || s.kind === "set";
  if (bag(g) && (bag(p) || (p.kind === "seq" && p.open === "(" && p.close === ")"))) {
    return {
      equal: unordered((g as { items: Shape[] }).items, (p as { items: Shape[] }).items, ctx, f),
      method: `${g.kind}-unordered`,
    };
  }
  // A gold open pair (1,3) answered as the set {1,3} (math-verify reads both as the same two
  // members); in the written order, since a pair (3,1) is no interval and {1,3} no answer to it.
  if (g.kind === "seq" && g.open === "(" && g.close === ")" && g.items.length === 2 && p.kind === "set") {
    return { equal: ordered(g.items, p.items, ctx, f), method: "pair-as-set" };
  }
  if (g.kind === "seq" && (p.kind === "seq" || p.kind === "list")) {
    const interval = g.open !== "(" || g.close !== ")" || (p.kind === "seq" && (p.open !== "(" || p.close !== ")"));
    const brackets = p.kind === "list" ? !interval : g.open === p.open && g.close === p.close;
    return { equal: brackets && ordered(g.items, p.items, ctx, f), method: interval ? "interval" : "tuple-ordered" };
  }
  if (g.kind === "union" && p.kind === "union")
    return { equal: unordered(g.items, p.items, ctx, f), method: "union-unordered" };
  if (g.kind === "matrix" && p.kind === "expr" && /\\begin\{/.test(p.latex)) {
    // "A + B", "A B" of written matrices: the engine computes the matrix.
    const cells = evaluateMatrix(p.latex, remaining(ctx));
    if (cells)
      return tag(
        same(
          g,
          { kind: "matrix", rows: cells.map((r) => r.map((c) => ({ kind: "expr", latex: c }) as Shape)) },
          ctx,
          f,
        ),
        "matrix-evaluated",
      );
  }
  if (g.kind === "matrix" && p.kind === "matrix") {
    const dims = g.rows.length === p.rows.length && g.rows.every((r, i) => r.length === p.rows[i].length);
    return { equal: dims && g.rows.every((r, i) => ordered(r, p.rows[i], ctx, f)), method: "matrix" };
  }
  if (g.kind === "expr" && p.kind === "expr") return scalar(g.latex, p.latex, ctx, f);
  return { equal: false, method: `shape-mismatch:${g.kind}-vs-${p.kind}` };
}

/** `x >= 5` as [5, \infty); `l < x <= r` as (l, r]; `a <= |x| <= b` as [-b, -a] \cup [a, b]. */
function relationAsSet(g: Extract<Shape, { kind: "rel" | "range" }>): Shape | null {
  const interval = (lo: string, hi: string, lo0: boolean, hi0: boolean): Shape => ({
    kind: "seq",
    open: lo0 ? "(" : "[",
    close: hi0 ? ")" : "]",
    items: [
      { kind: "expr", latex: lo },
      { kind: "expr", latex: hi },
    ],
  });
  if (g.kind === "range") {
    if (/^\|[A-Za-z]\|$/.test(g.mid.replace(/\s/g, ""))) {
      return {
        kind: "union",
        items: [interval(`-(${g.hi})`, `-(${g.lo})`, g.hiOpen, g.loOpen), interval(g.lo, g.hi, g.loOpen, g.hiOpen)],
      };
    }
    return interval(g.lo, g.hi, g.loOpen, g.hiOpen);
  }
  const variable = (s: string) => /^[A-Za-z](?:_\{?\w+\}?)?$/.test(s.trim());
  if (!["<", "<=", ">", ">="].includes(g.op)) return null;
  const [v, c, op] = variable(g.lhs)
    ? [g.lhs, g.rhs, g.op]
    : variable(g.rhs)
      ? [g.rhs, g.lhs, { "<": ">", ">": "<", "<=": ">=", ">=": "<=" }[g.op]!]
      : [null, "", ""];
  if (!v || /[A-Za-z]/.test(c.replace(/\\[A-Za-z]+/g, ""))) return null;
  return op.startsWith("<") ? interval("-\\infty", c, true, op === "<") : interval(c, "\\infty", op === ">", true);
}

const tag = (d: Decision, prefix: string): Decision => ({ ...d, method: `${prefix}+${d.method}` });

export type CompareVerdict = Omit<Verdict, "extracted" | "extractMethod">;

/** Compare two final answers (already extracted). Never throws. */
export function compareAnswers(gold: string, pred: string, opts: CompareOptions = {}): CompareVerdict {
  try {
    return compareOrThrow(gold, pred, opts);
  } catch (e) {
    return { verdict: "error", method: "exception", reason: e instanceof Error ? e.message : String(e) };
  }
}

function compareOrThrow(gold: string, pred: string, opts: CompareOptions): CompareVerdict {
  const ng = normaliseAnswer(gold),
    np = normaliseAnswer(pred);
  const base = { goldNormalised: ng.text, predNormalised: np.text };
  const sg = parseShape(ng.text, ng.wasText);
  if (!sg) return { ...base, verdict: "unparseable", side: "gold", method: "shape", reason: "empty gold answer" };
  const sp = parseShape(np.text, np.wasText);
  if (!sp) return { ...base, verdict: "unparseable", side: "pred", method: "shape", reason: "empty predicted answer" };
  const soft = opts.softLimitMs ?? 1000;
  const ctx: Ctx = { deadline: Date.now() + soft, floatRounding: opts.floatRounding };
  try {
    const d = same(sg, sp, ctx, { gPercent: ng.percent, pPercent: np.percent });
    return { ...base, verdict: d.equal ? "equal" : "not_equal", method: d.method };
  } catch (e) {
    if (e instanceof Unparseable)
      return { ...base, verdict: "unparseable", side: e.side, method: "parse", reason: e.message };
    if (e instanceof EngineTimeout)
      return {
        ...base,
        verdict: "timeout",
        method: "engine-time-limit",
        reason: `compute engine stopped after ${soft} ms`,
      };
    return { ...base, verdict: "error", method: "exception", reason: e instanceof Error ? e.message : String(e) };
  }
}
