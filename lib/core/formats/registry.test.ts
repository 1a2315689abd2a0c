import { describe, expect, it } from "vitest";
import {
  DETECTION_ORDER,
  IMPORT_FORMATS,
  detectFormat,
  importFormatChoices,
  importFormatSpec,
  parseRecord,
} from "./index";

// The import format registry: detection, parsing, the CLI, the route and the upload form read it.

describe("import format registry", () => {
  it("detection tries every format exactly once", () => {
    expect([...DETECTION_ORDER].sort()).toEqual([...IMPORT_FORMATS].sort());
  });

  it("an unknown format name is a clear error, not a TypeError from a missing parser", () => {
    expect(() => parseRecord("csv" as never, { problem: "p" }, { source: "f" })).toThrow(
      /unknown import format "csv" \(use int, processbench, prm800k, problems\)/,
    );
    expect(() => importFormatSpec("constructor")).toThrow(/unknown import format/);
  });

  it("the 'cannot detect' message names every format's signature", () => {
    const d = detectFormat({ foo: 1 });
    expect(d.ok).toBe(false);
    for (const f of IMPORT_FORMATS) expect(!d.ok && d.reason).toContain(importFormatSpec(f).signature);
  });

  it("the upload form's choices are the registry, as plain data", () => {
    const c = importFormatChoices();
    expect(c.map((x) => x.value)).toEqual(IMPORT_FORMATS);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    expect(c.every((x) => x.label.length > 0)).toBe(true);
  });
});
