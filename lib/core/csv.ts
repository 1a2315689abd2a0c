// The one CSV writer of the app (RFC 4180 quoting) with spreadsheet-formula neutralising
// (OWASP "CSV Injection"): a text cell starting with = + - @, tab, CR or NUL would be run as
// a formula by Excel, LibreOffice or Sheets (a generator named `=HYPERLINK(...)` becomes a live
// link), so it gets a leading ' and quotes. Numbers written by the app as numbers (-3, 1e-7)
// stay as they are: they are ours, not a formula, and a prefix would turn them into text.
// A string that merely looks like a number ("-3") is prefixed like any other text.

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\0]/;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (FORMULA_START.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: readonly Record<string, CsvValue>[], columns?: string[]): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  return [cols.map(csvCell).join(","), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}
