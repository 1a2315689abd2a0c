// Plain numbers read straight from the string (no engine): integers, decimals, simple and mixed
// fractions. Most answers are such numbers, so this path decides most comparisons exactly.
import * as R from "./rational";

export interface PlainNumber {
  value: R.Rat;
  /** Digits after the decimal point when written as a decimal (null for integers and fractions). */
  decimals: number | null;
}

const INT = String.raw`\{?\s*([+-]?\s*\d+)\s*\}?`;
const FRAC = new RegExp(
  String.raw`^([+-]?)\s*\\frac\s*(?:\{\s*([+-]?\s*\d+)\s*\}|(\d))\s*(?:\{\s*([+-]?\s*\d+)\s*\}|(\d))$`,
);
const SLASH = new RegExp(`^${INT}\\s*/\\s*${INT}$`);
const MIXED = /^([+-]?)\s*(\d+)\s*\\frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}$/;

const int = (s: string) => BigInt(s.replace(/\s+/g, ""));

export function plainNumber(s: string): PlainNumber | null {
  const t = s.trim();
  const compact = t.replace(/\s+/g, "");
  const dec = /^[+-]?(\d*)(?:\.(\d+))?$/.exec(compact);
  if (dec && (dec[1] || dec[2])) {
    const value = R.parseDecimal(compact);
    return value && { value, decimals: dec[2] !== undefined ? dec[2].length : null };
  }
  const based = /^(\d+)_\{?(\d{1,2})\}?$/.exec(compact); // 1202_7: digits in base 7
  if (based) {
    const base = Number(based[2]);
    if (base < 2 || base > 36 || [...based[1]].some((c) => Number(c) >= base)) return null;
    let v = 0n;
    for (const c of based[1]) v = v * BigInt(base) + BigInt(c);
    return { value: R.rat(v), decimals: null };
  }
  let m = FRAC.exec(t);
  if (m) {
    const n = int(m[2] ?? m[3]),
      d = int(m[4] ?? m[5]);
    if (d === 0n) return null;
    const v = R.rat(n, d);
    return { value: m[1] === "-" ? R.neg(v) : v, decimals: null };
  }
  m = SLASH.exec(t);
  if (m) {
    const d = int(m[2]);
    return d === 0n ? null : { value: R.rat(int(m[1]), d), decimals: null };
  }
  m = MIXED.exec(t);
  if (m) {
    const d = int(m[4]);
    if (d === 0n) return null;
    const v = R.add(R.rat(int(m[2])), R.rat(int(m[3]), d));
    return { value: m[1] === "-" ? R.neg(v) : v, decimals: null };
  }
  return null;
}

/**
 * A decimal written with `decimals` digits matches an exact value when it is that value rounded
 * or truncated to those digits AND agrees to 1e-4 relative: 0.333333 = 1/3, but 0.333 != 1/3
 * and 1.414 != sqrt(2) (too few digits, as both reference graders judge).
 */
export function decimalMatches(exact: number, decimal: number, decimals: number): boolean {
  const diff = Math.abs(exact - decimal);
  return diff < Math.pow(10, -decimals) * (1 + 1e-9) && diff <= 1e-4 * Math.abs(exact);
}

/** Does the string contain a decimal literal (3.5, .25)? */
export function hasDecimal(s: string): boolean {
  return /(?:^|[^\d])\.\d|\d\.\d/.test(s);
}
