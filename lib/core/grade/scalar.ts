// Comparison of two single expressions: exact rationals where possible, complex floating point
// for constants and radicals, sampled points for free variables, the engine as a last resort.
import * as R from "./rational";
import { engineEqual, parseLatex, toJson } from "./engine";
import { evalC, exact, freeVars, hasError, Unsupported, type C, type Json } from "./evaluate";
import { fastParse } from "./fast-parse";
import { decimalMatches, hasDecimal, plainNumber } from "./numbers";

export interface Ctx {
  deadline: number;
  /** math-verify's float_rounding: decimals compared after rounding both sides to this many places. */
  floatRounding?: number;
}

export class Unparseable extends Error {
  constructor(
    public side: "gold" | "pred",
    public latex: string,
  ) {
    super(`cannot read ${side} "${latex}"`);
  }
}

export interface Decision {
  equal: boolean;
  method: string;
}

export const remaining = (ctx: Ctx) => Math.max(1, ctx.deadline - Date.now());

function parse(latex: string, side: "gold" | "pred", ctx: Ctx) {
  const e = parseLatex(latex, remaining(ctx));
  if (hasError(toJson(e))) throw new Unparseable(side, latex);
  return e;
}

/** MathJSON of an expression: the fast reader for plain arithmetic, else the engine. */
function read(latex: string, side: "gold" | "pred", ctx: Ctx): Json {
  return fastParse(latex) ?? toJson(parse(latex, side, ctx));
}

function close(a: C, b: C, rel: number): boolean {
  if (!Number.isFinite(a[0]) || !Number.isFinite(b[0]) || !Number.isFinite(a[1]) || !Number.isFinite(b[1])) {
    return a[0] === b[0] && a[1] === b[1];
  }
  const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
  return d <= rel * Math.max(Math.hypot(a[0], a[1]), Math.hypot(b[0], b[1])) + 1e-12;
}

// Deterministic sample values in (0.3, 2.7), different per variable and per point.
function samplePoint(vars: string[], k: number): Record<string, number> {
  const out: Record<string, number> = {};
  vars.forEach((v, i) => {
    const x = Math.sin(12.9898 * (k + 1) + 78.233 * (i + 1)) * 43758.5453;
    out[v] = 0.3 + 2.4 * (x - Math.floor(x));
  });
  return out;
}

const isNaNC = (c: C) => Number.isNaN(c[0]) || Number.isNaN(c[1]);

/** Values of both sides at up to 8 points; null when the evaluator does not know a head. */
export function sampleBoth(g: Json, p: Json, count = 8): [C, C][] | null {
  const vars = [...new Set([...freeVars(g), ...freeVars(p)])].sort();
  const pts: [C, C][] = [];
  try {
    for (let k = 0; k < (vars.length ? count : 1); k++) {
      const at = samplePoint(vars, k);
      const pair: [C, C] = [evalC(g, at), evalC(p, at)];
      if (!isNaNC(pair[0]) && !isNaNC(pair[1])) pts.push(pair);
    }
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return pts;
}

export function compareScalar(gold: string, pred: string, ctx: Ctx): Decision {
  if (gold.replace(/\s+/g, "") === pred.replace(/\s+/g, "")) return { equal: true, method: "string" };
  const gn = plainNumber(gold),
    pn = plainNumber(pred);
  if (gn && pn) {
    if (R.eq(gn.value, pn.value)) return { equal: true, method: "exact-rational" };
    return decimalRule(gn, pn, ctx) ?? { equal: false, method: "exact-rational" };
  }
  const gj = read(gold, "gold", ctx),
    pj = read(pred, "pred", ctx);
  const gx = exact(gj),
    px = exact(pj);
  if (gx && px) {
    if (R.eq(gx, px)) return { equal: true, method: "exact-rational" };
    const rule = decimalRule(gn ?? { value: gx, decimals: null }, pn ?? { value: px, decimals: null }, ctx);
    return rule ?? { equal: false, method: "exact-rational" };
  }
  const pts = sampleBoth(gj, pj);
  const vars = freeVars(gj).size + freeVars(pj).size > 0;
  if (pts && pts.length >= (vars ? 3 : 1)) {
    const [g0, p0] = pts[0];
    if (!vars) {
      // One side a plain decimal, the other exact: judge the decimal at its own precision.
      const dec =
        gn?.decimals != null && !hasDecimal(pred)
          ? { d: gn.decimals, exact: p0 }
          : pn?.decimals != null && !hasDecimal(gold)
            ? { d: pn.decimals, exact: g0 }
            : null;
      if (dec && dec.exact[1] === 0 && Number.isFinite(dec.exact[0])) {
        const decimal = dec.exact === p0 ? g0[0] : p0[0];
        if (ctx.floatRounding !== undefined)
          return { equal: roundedEqual(dec.exact[0], decimal, ctx.floatRounding), method: "float-rounding" };
        return { equal: decimalMatches(dec.exact[0], decimal, dec.d), method: "decimal-precision" };
      }
    }
    const rel = hasDecimal(gold) || hasDecimal(pred) ? 1e-6 : 1e-9;
    const equal = pts.every(([a, b]) => close(a, b, rel));
    return { equal, method: vars ? "sampled-points" : "numeric" };
  }
  const same = engineEqual(parse(gold, "gold", ctx), parse(pred, "pred", ctx), remaining(ctx));
  return same === undefined ? { equal: false, method: "engine-undecided" } : { equal: same, method: "engine" };
}

const roundedEqual = (a: number, b: number, k: number) => Math.round(a * 10 ** k) === Math.round(b * 10 ** k);

function decimalRule(
  g: { value: R.Rat; decimals: number | null },
  p: { value: R.Rat; decimals: number | null },
  ctx: Ctx,
): Decision | null {
  if (ctx.floatRounding !== undefined && (g.decimals !== null || p.decimals !== null)) {
    return {
      equal: roundedEqual(R.toNumber(g.value), R.toNumber(p.value), ctx.floatRounding),
      method: "float-rounding",
    };
  }
  if ((g.decimals === null) === (p.decimals === null)) return null;
  const [ex, dec] = g.decimals === null ? [g, p] : [p, g];
  return {
    equal: decimalMatches(R.toNumber(ex.value), R.toNumber(dec.value), dec.decimals!),
    method: "decimal-precision",
  };
}

/** Are two equations the same up to rearrangement: (l1 - r1) = c (l2 - r2) for a constant c != 0? */
export function proportional(a: string, b: string, ctx: Ctx): boolean | null {
  const aj = read(a, "gold", ctx),
    bj = read(b, "pred", ctx);
  const pts = sampleBoth(aj, bj);
  if (!pts || pts.length < 3) return null;
  const ratios: C[] = [];
  for (const [x, y] of pts) {
    if (Math.hypot(y[0], y[1]) < 1e-12) {
      if (Math.hypot(x[0], x[1]) > 1e-9) return false;
      continue;
    }
    ratios.push([
      (x[0] * y[0] + x[1] * y[1]) / (y[0] ** 2 + y[1] ** 2),
      (x[1] * y[0] - x[0] * y[1]) / (y[0] ** 2 + y[1] ** 2),
    ]);
  }
  if (ratios.length < 2 || Math.hypot(...ratios[0]) < 1e-12) return false;
  return ratios.every((r) => close(r, ratios[0], 1e-8));
}
