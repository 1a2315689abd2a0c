// KaTeX caps a size from the text at +maxSize em (`\rule{10000em}{1em}` draws 20em) but not
// below -maxSize: `\raisebox{-100000em}{x}` made a page 3.6 million px tall and
// `\kern{-100000em}` a huge negative margin. KaTeX offers no hook for this, so a formula that
// may carry a size is parsed first (katex.__parse), and every size in its tree is checked.
// Sizes written as literals are capped at -maxSize in the source handed to KaTeX (the stored
// text never changes); a size below it that is not a literal (built by a macro) refuses the
// formula, which is then shown as written.
import katex, { type KatexOptions } from "katex";

// Every command that reads a size, the `\\[size]` row gap, and what could alias one of them
// (a size command can only be reached through its own name, written in the formula).
const MAY_HOLD_SIZE =
  /\\(?:kern|mkern|hskip|mskip|hspace|raisebox|rule|above|genfrac|includegraphics|let|def|gdef|edef|xdef|global|futurelet|newcommand|renewcommand|providecommand)(?![a-zA-Z])|\\\\\s*\[/;

const PT_PER_UNIT: Record<string, number> = {
  pt: 1,
  mm: 7227 / 2540,
  cm: 7227 / 254,
  in: 72.27,
  bp: 803 / 800,
  pc: 12,
  dd: 1238 / 1157,
  cc: 14856 / 1157,
  nd: 685 / 642,
  nc: 1370 / 107,
  sp: 1 / 65536,
  px: 803 / 800,
};
const PT_PER_EM = 10;
// Relative units at text size, as KaTeX measures them there (script sizes differ a little).
const EM_PER_UNIT: Record<string, number> = { em: 1, ex: 0.431, mu: 1 / 18 };

function emPer(unit: string): number | null {
  if (unit in EM_PER_UNIT) return EM_PER_UNIT[unit];
  if (unit in PT_PER_UNIT) return PT_PER_UNIT[unit] / PT_PER_EM;
  return null;
}

type Size = { number: number; unit: string };

function sizesIn(tree: unknown): Size[] {
  const out: Size[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object" || seen.has(v)) return;
    seen.add(v);
    const o = v as Record<string, unknown>;
    if (typeof o.number === "number" && typeof o.unit === "string") out.push(o as Size);
    for (const [k, x] of Object.entries(o)) if (k !== "loc") walk(x);
  };
  walk(tree);
  return out;
}

const tooNegative = (s: Size, maxSize: number) => {
  const per = emPer(s.unit);
  return per !== null && s.number * per < -maxSize;
};

const LITERAL = /-(\s*)(\d+\.?\d*|\.\d+)(\s*)(em|ex|mu|pt|mm|cm|in|bp|pc|dd|cc|nd|nc|sp|px)(?![a-zA-Z])/g;

function capLiterals(tex: string, maxSize: number): string {
  return tex.replace(LITERAL, (all, s1: string, num: string, s2: string, unit: string) => {
    const per = emPer(unit)!;
    if (Number(num) * per <= maxSize) return all;
    return `-${s1}${Math.floor((maxSize / per) * 1e4) / 1e4}${s2}${unit}`;
  });
}

export class SizeError extends Error {}

// katex.__parse is exported but not typed ("not recommended for public use"); the tree is only
// walked for {number, unit} objects, so its unstable shape does not matter here.
const parse = (katex as unknown as { __parse: (tex: string, options: KatexOptions) => unknown }).__parse;

/**
 * The TeX to hand KaTeX: `tex` itself, or `tex` with its sizes below -maxSize capped. Throws
 * SizeError when such a size is not a literal; KaTeX's own errors propagate. `options()` gives
 * the render's options for each parse (fresh macros: a parse writes its \gdef into them; the
 * same bounds as the render, so this parse is bounded as the render is).
 */
export function capNegativeSizes(tex: string, options: () => KatexOptions): string {
  if (!MAY_HOLD_SIZE.test(tex)) return tex;
  const maxSize = options().maxSize ?? Infinity;
  if (!sizesIn(parse(tex, options())).some((s) => tooNegative(s, maxSize))) return tex;
  const capped = capLiterals(tex, maxSize);
  if (sizesIn(parse(capped, options())).some((s) => tooNegative(s, maxSize))) {
    throw new SizeError(`a size below -${maxSize}em that is not written as a number (KaTeX would not cap it)`);
  }
  return capped;
}
