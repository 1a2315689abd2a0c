// Intervention locations arrive as 7, "7" or "Substep 7" (method.md §3): coerce to a 1-based integer.
export type LocationResult = { ok: true; value: number } | { ok: false; reason: string };

export function coerceLocation(raw: unknown, stepCount: number): LocationResult {
  let n: number | undefined;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "bigint") n = Number(raw);
  else if (typeof raw === "string") {
    const m = /^\s*(?:substep\s*)?(\d{1,9})\s*$/i.exec(raw);
    if (!m) return { ok: false, reason: `must be a step number like 7 or "Substep 7", got ${JSON.stringify(raw.slice(0, 40))}` };
    n = Number(m[1]);
  } else return { ok: false, reason: `must be a step number, got ${raw === null ? "null" : typeof raw}` };
  if (!Number.isInteger(n)) return { ok: false, reason: `must be a whole step number, got ${n}` };
  if (n < 1 || n > stepCount) return { ok: false, reason: `is ${n} but the attempt has ${stepCount} step(s): it must be within 1..${stepCount}` };
  return { ok: true, value: n };
}
