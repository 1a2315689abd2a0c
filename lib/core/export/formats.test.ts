import { describe, expect, it } from "vitest";
import {
  EXPORT_FORMATS,
  buildInterventionRow,
  buildTraceRow,
  exportFileName,
  exportFormatChoices,
  exportFormatSpec,
  filtersInterventions,
  isExportFormat,
  type InterventionExportInput,
} from "./index";
import { formatNote } from "./export-note";

// The format registry (formats.ts) is what the CLI, the route and the panel read: an unknown
// name must fail loudly, never fall through to another format's rows.

const input: InterventionExportInput = {
  problem: { id: "p1", statement: "Solve $2x=10$.", answer: "5", referenceSolution: "Divide.", externalId: null },
  trace: { id: "t1", text: "Let $x$ be it.\n\nSo $x=6$.", generator: "g", externalId: null, correct: false },
  intervention: {
    id: "i1",
    location: 2,
    content: "Divide both sides by 2 first.",
    status: "accepted",
    origin: "human",
    author: "ada",
    originalContent: null,
    provenance: "{}",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  },
  humanLabel: { step: 2, annotator: "ada" },
};

describe("export format registry", () => {
  it("an unknown format is an error, not TRL rows", () => {
    expect(() => buildInterventionRow("trl-typo" as never, input)).toThrow(
      /unknown export format "trl-typo" \(use int, llamafactory/,
    );
    expect(() => exportFormatSpec("")).toThrow(/unknown export format ""/);
    expect(isExportFormat("toString")).toBe(false); // not fooled by Object.prototype
  });

  it("a trace format is not built from an intervention, nor the reverse", () => {
    expect(() => buildInterventionRow("processbench", input)).toThrow(/one row per trace/);
    expect(() => buildTraceRow("int", { problem: input.problem, trace: input.trace, labels: [] })).toThrow(
      /one row per intervention/,
    );
  });

  it("each intervention format builds its own row shape", () => {
    const keys = (f: (typeof EXPORT_FORMATS)[number]) => {
      const r = buildInterventionRow(f, input);
      return r.ok ? Object.keys(r.row as object) : r.reason;
    };
    expect(keys("int")).toContain("intervention_guided_attempt");
    expect(keys("hf")).toEqual(keys("int")); // hf = the int rows, as Parquet
    expect(keys("llamafactory")).toEqual(["problem", "intervention_guided_attempt"]);
    expect(keys("trl")).toEqual(["prompt", "completion"]);
    expect(() => buildInterventionRow("trl-tokenized", input)).toThrow(/needs a tokenizer/);
  });

  it("every JSONL format has its note; the hf folder brings its own card; only llamafactory writes dataset_info", () => {
    const o = { datasetName: "set", fileName: "set-x.jsonl", template: "qwen3-instruct-2507" };
    for (const f of EXPORT_FORMATS) {
      const s = exportFormatSpec(f);
      if (s.container === "jsonl") expect(formatNote(f, o)).toMatch(/^# .*\n\n`set-x.jsonl`/);
      else expect(() => formatNote(f, o)).toThrow(/no README note/);
    }
    expect(EXPORT_FORMATS.filter((f) => exportFormatSpec(f).datasetInfo)).toEqual(["llamafactory"]);
    expect(EXPORT_FORMATS.filter((f) => !filtersInterventions(f))).toEqual(["processbench"]);
    expect(EXPORT_FORMATS.filter((f) => exportFormatSpec(f).tokenized)).toEqual(["trl-tokenized"]);
  });

  it("the panel's choices are the registry, as plain data", () => {
    const choices = exportFormatChoices();
    expect(choices.map((c) => c.value)).toEqual(EXPORT_FORMATS);
    expect(JSON.parse(JSON.stringify(choices))).toEqual(choices); // serializable to a client component
    expect(choices.find((c) => c.value === "trl")).toEqual({
      value: "trl",
      label: "TRL prompt/completion",
      rowUnit: "intervention",
      container: "jsonl",
      noteLabel: "EOS note",
      datasetInfo: false,
    });
  });

  it("file names follow the container", () => {
    expect(exportFileName("my set/é", "hf")).toBe("my_set_-hf.zip");
    expect(exportFileName("..x", "processbench")).toBe("x-processbench.jsonl");
  });
});
