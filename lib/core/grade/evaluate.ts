// Evaluation of compute-engine MathJSON: exactly (BigInt rationals) when the expression is
// rational, else in complex floating point at given values of its free variables.
import * as R from "./rational";

export type Json = number | string | { num: string } | { str: string } | { sym: string } | Json[] | { fn: Json[] };
export type C = [number, number];

export class Unsupported extends Error {}

const CONSTANTS: Record<string, C> = {
  Pi: [Math.PI, 0],
  ExponentialE: [Math.E, 0],
  ImaginaryUnit: [0, 1],
  Half: [0.5, 0],
  PositiveInfinity: [Infinity, 0],
  NegativeInfinity: [-Infinity, 0],
  ComplexInfinity: [NaN, NaN],
  NaN: [NaN, NaN],
  GoldenRatio: [(1 + Math.sqrt(5)) / 2, 0],
  EulerGamma: [0.5772156649015329, 0],
  True: [1, 0],
  False: [0, 0],
};

function unwrap(j: Json): Json {
  if (j && typeof j === "object" && !Array.isArray(j)) {
    if ("fn" in j) return j.fn;
    if ("sym" in j) return j.sym;
  }
  return j;
}

/** Free variables (symbols that are not known constants). */
export function freeVars(j: Json, out = new Set<string>()): Set<string> {
  j = unwrap(j);
  if (typeof j === "string") {
    if (!j.startsWith("'") && !(j in CONSTANTS)) out.add(j);
  } else if (Array.isArray(j)) for (const a of j.slice(1)) freeVars(a, out);
  return out;
}

export function hasError(j: Json): boolean {
  j = unwrap(j);
  return Array.isArray(j) && (j[0] === "Error" || j.slice(1).some(hasError));
}

function numLiteral(j: Json): R.Rat | null {
  if (typeof j === "number")
    return Number.isFinite(j) ? R.parseDecimal(Number.isInteger(j) ? BigInt(j).toString() : String(j)) : null;
  if (j && typeof j === "object" && "num" in j)
    return R.parseDecimal(j.num.replace(/[rd]$/, "").replace(/\(\d+\)$/, ""));
  return null;
}

/** Exact value, or null when the expression is not (visibly) rational. */
export function exact(j: Json): R.Rat | null {
  j = unwrap(j);
  const lit = numLiteral(j);
  if (lit) return lit;
  if (j === "Half") return R.rat(1n, 2n);
  if (!Array.isArray(j)) return null;
  const [head, ...args] = j;
  const xs = () => {
    const v = args.map(exact);
    return v.every(Boolean) ? (v as R.Rat[]) : null;
  };
  switch (head) {
    case "Rational":
    case "Divide": {
      const v = xs();
      return v && v.length === 2 && !R.isZero(v[1]) ? R.div(v[0], v[1]) : null;
    }
    case "Add": {
      const v = xs();
      return v ? v.reduce(R.add) : null;
    }
    case "Multiply": {
      const v = xs();
      return v ? v.reduce(R.mul) : null;
    }
    case "Subtract": {
      const v = xs();
      return v && v.length === 2 ? R.sub(v[0], v[1]) : null;
    }
    case "Negate": {
      const v = xs();
      return v && v.length === 1 ? R.neg(v[0]) : null;
    }
    case "Sqrt": {
      const v = xs();
      return v ? R.sqrtExact(v[0]) : null;
    }
    case "Power":
    case "Square": {
      const base = exact(args[0]);
      const e = head === "Square" ? R.rat(2n) : exact(args[1]);
      if (!base || !e) return null;
      if (e.d === 1n) return R.pow(base, Number(e.n));
      if (e.d === 2n) {
        const r = R.sqrtExact(base);
        return r ? R.pow(r, Number(e.n)) : null;
      }
      return null;
    }
    default:
      return null;
  }
}

// Complex arithmetic on [re, im] pairs.
const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const cdiv = (a: C, b: C): C => {
  const d = b[0] * b[0] + b[1] * b[1];
  return [(a[0] * b[0] + a[1] * b[1]) / d, (a[1] * b[0] - a[0] * b[1]) / d];
};
const cabs = (a: C) => Math.hypot(a[0], a[1]);
const clog = (a: C): C => [Math.log(cabs(a)), Math.atan2(a[1], a[0])];
const cexp = (a: C): C => {
  const r = Math.exp(a[0]);
  return a[1] === 0 ? [r, 0] : [r * Math.cos(a[1]), r * Math.sin(a[1])];
};
function cpow(a: C, b: C): C {
  if (b[1] === 0 && a[1] === 0) {
    if (a[0] >= 0 || Number.isInteger(b[0])) return [Math.pow(a[0], b[0]), 0];
  }
  if (a[0] === 0 && a[1] === 0) return b[0] > 0 ? [0, 0] : [NaN, NaN];
  return cexp(cmul(b, clog(a)));
}
const real =
  (f: (x: number) => number) =>
  (a: C): C => {
    if (Math.abs(a[1]) > 1e-12 * Math.max(1, Math.abs(a[0]))) throw new Unsupported("complex argument");
    return [f(a[0]), 0];
  };
// Lanczos approximation (g = 7, 9 terms): Gamma for real x, so that n! and binomials of a free
// variable can be sampled at the non-integer points the sampler uses ((2n)!/(n!)^2 = C(2n, n)).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function gamma(x: number): number {
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
function factorial(n: number): number {
  if (n > 170 || (Number.isInteger(n) && n < 0)) throw new Unsupported("factorial");
  if (Number.isInteger(n)) {
    let r = 1;
    for (let k = 2; k <= n; k++) r *= k;
    return r;
  }
  return gamma(n + 1);
}
const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : Math.abs(a));

const UNARY: Record<string, (a: C) => C> = {
  Negate: (a) => [-a[0], -a[1]],
  Exp: cexp,
  Ln: clog,
  Abs: (a) => [cabs(a), 0],
  Sqrt: (a) => (a[1] === 0 && a[0] >= 0 ? [Math.sqrt(a[0]), 0] : cpow(a, [0.5, 0])),
  Square: (a) => cmul(a, a),
  Sin: real(Math.sin),
  Cos: real(Math.cos),
  Tan: real(Math.tan),
  Sec: real((x) => 1 / Math.cos(x)),
  Csc: real((x) => 1 / Math.sin(x)),
  Cot: real((x) => 1 / Math.tan(x)),
  Arcsin: real(Math.asin),
  Arccos: real(Math.acos),
  Arctan: real(Math.atan),
  Sinh: real(Math.sinh),
  Cosh: real(Math.cosh),
  Tanh: real(Math.tanh),
  Floor: real(Math.floor),
  Ceil: real(Math.ceil),
  Round: real(Math.round),
  Factorial: real(factorial),
  Lb: real(Math.log2),
  Lg: real(Math.log10),
  Sign: real(Math.sign),
};

/** Complex value of `j` with `vars` bound; throws Unsupported for heads it does not know. */
export function evalC(j: Json, vars: Record<string, number>): C {
  j = unwrap(j);
  const lit =
    typeof j === "number" ? j : j && typeof j === "object" && "num" in j ? Number(j.num.replace(/[rd]$/, "")) : null;
  if (lit !== null) return [lit, 0];
  if (typeof j === "string") {
    if (j in CONSTANTS) return CONSTANTS[j];
    if (j in vars) return [vars[j], 0];
    throw new Unsupported(`symbol ${j}`);
  }
  if (!Array.isArray(j)) throw new Unsupported("node");
  const [head, ...args] = j;
  const v = () => args.map((a) => evalC(a, vars));
  switch (head) {
    case "Add":
      return v().reduce(cadd);
    case "Multiply":
      return v().reduce(cmul);
    case "Subtract": {
      const [a, b] = v();
      return [a[0] - b[0], a[1] - b[1]];
    }
    case "Divide":
    case "Rational": {
      const [a, b] = v();
      return cdiv(a, b);
    }
    case "Power": {
      const [a, b] = v();
      return cpow(a, b);
    }
    case "Root": {
      const [a, n] = v();
      if (a[1] === 0 && n[1] === 0 && a[0] < 0 && Number.isInteger(n[0]) && n[0] % 2 === 1)
        return [-Math.pow(-a[0], 1 / n[0]), 0];
      return cpow(a, cdiv([1, 0], n));
    }
    case "Complex": {
      const [a, b] = v();
      return [a[0] - b[1], a[1] + b[0]];
    }
    case "Log": {
      const [a, b] = v();
      return cdiv(clog(a), clog(b ?? [10, 0]));
    }
    case "Binomial": {
      const [n, k] = v();
      if (k[1] !== 0) throw new Unsupported("binomial");
      if (Number.isInteger(k[0]) && k[0] >= 0 && k[0] <= 200) {
        let r: C = [1, 0];
        for (let i = 0; i < k[0]; i++) r = cdiv(cmul(r, [n[0] - i, n[1]]), [i + 1, 0]);
        return r;
      }
      if (n[1] !== 0) throw new Unsupported("binomial");
      return [factorial(n[0]) / (factorial(k[0]) * factorial(n[0] - k[0])), 0];
    }
    case "GCD":
    case "LCM": {
      const xs = v().map((c) => c[0]);
      if (!xs.every(Number.isInteger)) throw new Unsupported(head);
      return [head === "GCD" ? xs.reduce(gcd) : xs.reduce((a, b) => Math.abs(a * b) / gcd(a, b)), 0];
    }
    case "Delimiter":
    case "Hold":
      return evalC(args[0], vars);
  }
  const f = typeof head === "string" ? UNARY[head] : undefined;
  if (f && args.length === 1) return f(evalC(args[0], vars));
  throw new Unsupported(`head ${typeof head === "string" ? head : "?"}`);
}
