// A one-line preview of Markdown + LaTeX text for a table cell (trace list, Compare). It is
// rendered with its math, so a cut must never fall inside a formula: "$\frac{1}{" would show
// as raw TeX. The cut moves to the end of the formula it lands in (if that end is near), else
// to just before the formula. Linear in the text.

const REACH = 80; // how far past `max` a formula may run to be kept whole

type Open = { at: number; close: string } | null;

/** Where a formula opened before `end` and still open at `end` starts, with its closing delimiter. */
function openFormula(s: string, end: number): Open {
  let open: Open = null;
  for (let i = 0; i < end; i++) {
    const c = s[i];
    if (c === "\\") {
      const n = s[i + 1];
      if (!open && (n === "(" || n === "[")) open = { at: i, close: n === "(" ? "\\)" : "\\]" };
      else if (open && (n === ")" || n === "]") && open.close === `\\${n}`) open = null;
      i++; // an escaped character (\$, \\, \{) never delimits
      continue;
    }
    if (c !== "$") continue;
    const dbl = s[i + 1] === "$";
    if (!open) open = { at: i, close: dbl ? "$$" : "$" };
    else if (open.close === (dbl ? "$$" : "$")) open = null;
    if (dbl) i++;
  }
  return open;
}

/** Where `close` ends at or after `from`, honouring escapes; -1 when not found before `limit`. */
function closeEnd(s: string, from: number, close: string, limit: number): number {
  for (let i = from; i < Math.min(s.length, limit); i++) {
    if (s[i] === "\\" && close[0] !== "\\") {
      i++;
      continue;
    }
    if (s.startsWith(close, i)) return i + close.length;
    if (s[i] === "\\") i++;
  }
  return -1;
}

export function mathSnippet(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  let cut = max - 1;
  const open = openFormula(flat, cut);
  if (open) {
    const end = closeEnd(flat, cut, open.close, max + REACH);
    cut = end >= 0 ? end : open.at;
  }
  if (cut >= flat.length) return flat;
  return `${flat.slice(0, cut).trimEnd()}…`;
}
