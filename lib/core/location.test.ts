import { describe, expect, it } from "vitest";
import { coerceLocation } from "./location";
import { parseRecord } from "./formats";
import { parseIntervention } from "./parse-intervention";

// One grammar for a step location: an int row's intervention.location and a model's
// <intervention> location are read the same way (they were two grammars that disagreed on
// "7.", "step 3", "**Substep 3:**" and 2.5).

const attempt = ["a", "b", "c", "d", "e"].join("\n\n"); // 5 steps
const fromImport = (location: unknown) => {
  const r = parseRecord(
    "int",
    { problem: "p", answer: "1", incorrect_attempt: attempt, intervention: { content: "x", location } },
    { source: "f" },
  );
  return r.ok ? r.value.interventions[0].location : null;
};
const fromModel = (location: unknown) => {
  const r = parseIntervention(`<intervention>${JSON.stringify({ content: "x", location })}</intervention>`, {
    stepCount: 5,
  });
  return r.ok && !r.noError ? r.value.location : null;
};

describe("step location grammar", () => {
  const read: [unknown, number][] = [
    [3, 3],
    [3.0, 3],
    ["3", 3],
    ["3.", 3],
    ["3.0", 3],
    ["Substep 3", 3],
    ["substep3", 3],
    ["**Substep 3:**", 3],
    ["step #3", 3],
    [" 3 ", 3],
  ];
  const unread: unknown[] = ["3-4", "three", 2.5, "3.5", null, true, "", "0", 0, 6, "Substep 6"];

  it.each(read)("%j reads as step %i, in an import and in model output", (raw, n) => {
    expect(fromImport(raw)).toBe(n);
    expect(fromModel(raw)).toBe(n);
    expect(coerceLocation(raw, 5)).toEqual({ ok: true, value: n });
  });

  it.each(unread)("%j is refused by both", (raw) => {
    expect(fromImport(raw)).toBeNull();
    expect(fromModel(raw)).toBeNull();
  });

  it("says why: unreadable vs out of range (with the number read)", () => {
    expect(coerceLocation("3-4", 5)).toMatchObject({
      ok: false,
      code: "bad_location",
      reason: 'must be a step number like 7 or "Substep 7", got "3-4"',
    });
    expect(coerceLocation(2.5, 5)).toMatchObject({
      ok: false,
      code: "bad_location",
      reason: "must be a whole step number, got 2.5",
    });
    expect(coerceLocation("Substep 6", 5)).toEqual({
      ok: false,
      code: "location_out_of_range",
      value: 6,
      reason: "is 6 but the attempt has 5 step(s): it must be within 1..5",
    });
    expect(coerceLocation(BigInt(2), 5)).toEqual({ ok: true, value: 2 }); // Parquet int64
  });
});
