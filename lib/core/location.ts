// The one grammar of an intervention's step location (method.md §3), shared by the importer
// (int rows) and the parser of model output: 7, 7.0, 7n (Parquet int64), "7", "7.", "7.0",
// "Substep 7", "step #7", "**Substep 7:**" all name step 7; "7.5", "3-4", "three" name no one step.
// Steps are 1-based and must exist in the attempt.

export type LocationResult =
  | { ok: true; value: number }
  /** `reason` reads after the field name: "intervention.location must be ..." */
  | { ok: false; code: "bad_location"; reason: string }
  | { ok: false; code: "location_out_of_range"; value: number; reason: string };

const STEP = /^\s*(?:\*\*)?\s*(?:(?:sub)?step)?\s*#?\s*(\d{1,9})(?:\.0*)?\s*:?\s*(?:\*\*)?\s*:?\s*$/i;

export function coerceLocation(raw: unknown, stepCount: number): LocationResult {
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "bigint") n = Number(raw);
  else if (typeof raw === "string") {
    const m = STEP.exec(raw);
    if (!m)
      return {
        ok: false,
        code: "bad_location",
        reason: `must be a step number like 7 or "Substep 7", got ${JSON.stringify(raw.slice(0, 40))}`,
      };
    n = Number(m[1]);
  } else
    return {
      ok: false,
      code: "bad_location",
      reason: `must be a step number, got ${raw === null ? "null" : typeof raw}`,
    };
  if (!Number.isInteger(n)) return { ok: false, code: "bad_location", reason: `must be a whole step number, got ${n}` };
  if (n < 1 || n > stepCount) {
    return {
      ok: false,
      code: "location_out_of_range",
      value: n,
      reason: `is ${n} but the attempt has ${stepCount} step(s): it must be within 1..${stepCount}`,
    };
  }
  return { ok: true, value: n };
}
