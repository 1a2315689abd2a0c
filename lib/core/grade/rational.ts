// Exact rationals on BigInt, for comparing numbers without rounding (0.1 + 0.2 is 3/10 here).

export interface Rat {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint, d: bigint = 1n): Rat {
  if (d === 0n) throw new RangeError("zero denominator");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const add = (a: Rat, b: Rat) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rat, b: Rat) => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rat, b: Rat) => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rat, b: Rat) => rat(a.n * b.d, a.d * b.n);
export const neg = (a: Rat): Rat => ({ n: -a.n, d: a.d });
export const eq = (a: Rat, b: Rat) => a.n === b.n && a.d === b.d;
export const isZero = (a: Rat) => a.n === 0n;

/** Integer power with a size guard (null when the result would be too large to be worth it). */
export function pow(a: Rat, e: number): Rat | null {
  if (!Number.isInteger(e) || Math.abs(e) > 4096) return null;
  const bits = Math.max(a.n.toString(16).length, a.d.toString(16).length) * 4;
  if (bits * Math.abs(e) > 20000) return null;
  if (e < 0) {
    if (a.n === 0n) return null;
    return rat(a.d ** BigInt(-e), a.n ** BigInt(-e));
  }
  return rat(a.n ** BigInt(e), a.d ** BigInt(e));
}

/** Exact square root when numerator and denominator are perfect squares. */
export function sqrtExact(a: Rat): Rat | null {
  if (a.n < 0n) return null;
  const r = (x: bigint) => {
    if (x < 2n) return x;
    let y = BigInt(Math.floor(Math.sqrt(Number(x))));
    while (y * y > x) y--;
    while ((y + 1n) * (y + 1n) <= x) y++;
    return y * y === x ? y : null;
  };
  const n = r(a.n),
    d = r(a.d);
  return n !== null && d !== null ? rat(n, d) : null;
}

/** "12", "-0.25", ".5", "1e3", "2.5E-2" -> exact value; null when not a plain number. */
export function parseDecimal(s: string): Rat | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(s.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const frac = m[3] ?? "";
  let n = BigInt((m[2] || "0") + frac);
  let d = 10n ** BigInt(frac.length);
  const e = m[4] ? Number(m[4]) : 0;
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return rat(m[1] === "-" ? -n : n, d);
}

export function toNumber(a: Rat): number {
  const n = Number(a.n),
    d = Number(a.d);
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
  // Very large terms: scale down both before dividing.
  const shift = BigInt(Math.max(a.n.toString().length, a.d.toString().length) - 300);
  const k = 10n ** (shift > 0n ? shift : 0n);
  return Number(a.n / k) / Number(a.d / k || 1n);
}
