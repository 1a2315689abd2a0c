import { describe, expect, it } from "vitest";
import {
  buildIntRow,
  buildLlamaFactoryRow,
  buildProcessBenchRow,
  buildTrlRow,
  datasetInfoKey,
  llamaFactoryDatasetInfo,
  exportHref,
  llamaFactoryNote,
  parseStatusFilter,
  splitStatusParams,
  toJsonLine,
  trlNote,
  type InterventionExportInput,
} from "./index";

const attempt = "Let $x$ be the number.\n\nThen $2x = 10$, so $x = 6$.\n\nHence \\boxed{6}.";

function input(over: Partial<InterventionExportInput["intervention"]> = {}, answer = "5"): InterventionExportInput {
  return {
    problem: { id: "p1", statement: "Solve $2x=10$.", answer, referenceSolution: "Divide by 2.", externalId: "ext-p" },
    trace: { id: "t1", text: attempt, generator: "gen-A", externalId: "pb-7", correct: false },
    intervention: {
      id: "i1",
      location: 2,
      content: "Dividing both sides by 2:\n$x = 10/2$, which I still need to simplify.",
      status: "accepted",
      origin: "human",
      author: "ada",
      originalContent: null,
      provenance: '{"file":"x.jsonl","line":3}',
      createdAt: new Date("2026-01-02T03:04:05.000Z"),
      updatedAt: "2026-01-03T00:00:00.000Z",
      ...over,
    },
    humanLabel: { step: 2, annotator: "ada" },
  };
}

const GUIDED = "Let $x$ be the number.\n\nDividing both sides by 2:\n\n$x = 10/2$, which I still need to simplify.";

describe("int row", () => {
  it("carries the InT columns, a byte-exact guided attempt and provenance", () => {
    const r = buildIntRow(input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.row)).toEqual([
      "problem",
      "answer",
      "reference_solution",
      "incorrect_attempt",
      "intervention",
      "intervention_guided_attempt",
      "provenance",
    ]);
    expect(r.row.incorrect_attempt).toBe(attempt);
    expect(r.row.intervention).toEqual({ content: input().intervention.content, location: 2 });
    expect(r.row.intervention_guided_attempt).toBe(GUIDED);
    expect(r.row.provenance).toMatchObject({
      who: "ada",
      when: "2026-01-03T00:00:00.000Z",
      created_at: "2026-01-02T03:04:05.000Z",
      origin: "human",
      status: "accepted",
      intervention_id: "i1",
      trace_id: "t1",
      trace_external_id: "pb-7",
      problem_id: "p1",
      human_first_error_step: 2,
      source: { file: "x.jsonl", line: 3 },
    });
  });

  it("who/when: the latest audited decision wins over the author; dates in UTC ISO", () => {
    const r = buildIntRow(input({ author: "", lastChange: { actor: "bob", at: "2026-02-01T10:00:00.000+00:00" } }));
    expect(r.ok && r.row.provenance).toMatchObject({ who: "bob", when: "2026-02-01T10:00:00.000Z", author: "" });
  });

  it("keeps edited content's original and unparsable provenance text", () => {
    const r = buildIntRow(input({ status: "edited", originalContent: "old", provenance: "not json" }));
    expect(r.ok && r.row.provenance.original_content).toBe("old");
    expect(r.ok && r.row.provenance.source).toBe("not json");
  });

  it("location 1 and last location", () => {
    const one = buildIntRow(input({ location: 1, content: "a\nb" }));
    expect(one.ok && one.row.intervention_guided_attempt).toBe("a\n\nb");
    const last = buildIntRow(input({ location: 3, content: "Check: divide 10 by two" }));
    expect(last.ok && last.row.intervention_guided_attempt).toBe(
      "Let $x$ be the number.\n\nThen $2x = 10$, so $x = 6$.\n\nCheck: divide 10 by two",
    );
  });

  it("leakage: content containing the ground-truth answer is excluded (all SFT formats)", () => {
    const leaky = input({ content: "so x = 5" }, "5");
    for (const b of [buildIntRow, buildLlamaFactoryRow, buildTrlRow])
      expect(b(leaky)).toEqual({ ok: false, reason: "leakage" });
    expect(buildIntRow(input({ content: "so x = 5" }, "")).ok).toBe(true); // no answer known
  });

  it("out-of-range location is skipped, not thrown", () => {
    for (const location of [0, 4, 2.5])
      expect(buildIntRow(input({ location }))).toEqual({ ok: false, reason: "location_out_of_range" });
  });
});

describe("SFT rows", () => {
  it("llamafactory: problem + guided attempt only", () => {
    expect(buildLlamaFactoryRow(input())).toEqual({
      ok: true,
      row: { problem: "Solve $2x=10$.", intervention_guided_attempt: GUIDED },
    });
  });

  it("trl: conversational prompt/completion", () => {
    expect(buildTrlRow(input())).toEqual({
      ok: true,
      row: {
        prompt: [{ role: "user", content: "Solve $2x=10$." }],
        completion: [{ role: "assistant", content: GUIDED }],
      },
    });
  });

  it("a JSONL line is one line and parses back to the same bytes", () => {
    const weird = input({ content: 'a\u2028b\nc "q" \\frac' });
    const r = buildLlamaFactoryRow(weird);
    if (!r.ok) throw new Error("expected a row");
    const line = toJsonLine(r.row);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual(r.row);
  });

  it("notes: dataset_info maps prompt/response, template has no end-of-turn after the response", () => {
    expect(datasetInfoKey("my set/1")).toBe("int_my_set_1");
    expect(llamaFactoryDatasetInfo("int_x", "x-llamafactory.jsonl")).toEqual({
      int_x: {
        file_name: "x-llamafactory.jsonl",
        formatting: "alpaca",
        columns: { prompt: "problem", response: "intervention_guided_attempt" },
      },
    });
    const note = llamaFactoryNote({ key: "int_x", fileName: "x-llamafactory.jsonl" });
    expect(note).toContain('format_assistant=StringFormatter(slots=["{{content}}"])');
    expect(note).toContain("efficient_eos=False");
    expect(trlNote({ fileName: "x-trl.jsonl" })).toMatch(/eos_token/);
  });
});

describe("processbench row", () => {
  const base = {
    problem: { statement: "P" },
    trace: { id: "t9", text: "a\n\nb\n\nc", generator: "Qwen2-7B-Instruct", externalId: "math-12", correct: false },
  };

  it("0-based label from the imported label, ids kept, keys in ProcessBench order", () => {
    const r = buildProcessBenchRow({ ...base, labels: [{ source: "imported", step: 2, annotator: "processbench" }] });
    expect(r).toEqual({
      ok: true,
      row: {
        id: "math-12",
        generator: "Qwen2-7B-Instruct",
        problem: "P",
        steps: ["a", "b", "c"],
        final_answer_correct: false,
        label: 1,
      },
    });
    expect(r.ok && Object.keys(r.row)).toEqual([
      "id",
      "generator",
      "problem",
      "steps",
      "final_answer_correct",
      "label",
    ]);
  });

  it("the human label wins; no error = -1; trace id when there is no external id", () => {
    const r = buildProcessBenchRow({
      ...base,
      trace: { ...base.trace, externalId: null },
      labels: [
        { source: "human", step: null, annotator: "ada" },
        { source: "imported", step: 3, annotator: "pb" },
      ],
    });
    expect(r.ok && r.row.label).toBe(-1);
    expect(r.ok && r.row.id).toBe("t9");
    const first = buildProcessBenchRow({ ...base, labels: [{ source: "human", step: 1, annotator: "ada" }] });
    expect(first.ok && first.row.label).toBe(0);
  });

  it("the final label wins over people who disagree; without it their trace is skipped, never given the imported label", () => {
    const people = [
      { source: "human", step: 1, annotator: "ada" },
      { source: "human", step: 3, annotator: "bob" },
      { source: "imported", step: 1, annotator: "pb" },
    ];
    expect(buildProcessBenchRow({ ...base, labels: people })).toEqual({ ok: false, reason: "labels_disagree" });
    const adjudicated = buildProcessBenchRow({
      ...base,
      labels: [{ source: "final", step: 3, annotator: "" }, ...people],
    });
    expect(adjudicated.ok && adjudicated.row.label).toBe(2);
    const agree = buildProcessBenchRow({
      ...base,
      labels: [
        { source: "human", step: 2, annotator: "ada" },
        { source: "human", step: 2, annotator: "bob" },
        { source: "model", step: 1, annotator: "m" },
      ],
    });
    expect(agree.ok && agree.row.label).toBe(1);
  });

  it("skips unlabelled traces and labels past the last step", () => {
    expect(buildProcessBenchRow({ ...base, labels: [{ source: "model", step: 1, annotator: "m" }] })).toEqual({
      ok: false,
      reason: "no_label",
    });
    expect(buildProcessBenchRow({ ...base, labels: [{ source: "human", step: 4, annotator: "x" }] })).toEqual({
      ok: false,
      reason: "label_out_of_range",
    });
  });
});

describe("status filter", () => {
  it("default accepted+edited, any = all but rejected, explicit lists", () => {
    expect(parseStatusFilter(undefined)).toEqual({ ok: true, value: ["accepted", "edited"] });
    expect(parseStatusFilter("any")).toEqual({ ok: true, value: ["proposed", "accepted", "edited"] });
    expect(parseStatusFilter("rejected, accepted")).toEqual({ ok: true, value: ["accepted", "rejected"] });
    expect(parseStatusFilter("acepted").ok).toBe(false);
  });

  it("web: sorts shared `status` values into the list filter and the export", () => {
    expect(splitStatusParams(["todo", "accepted,edited"])).toEqual({
      ok: true,
      value: { traceStatus: "todo", interventionStatuses: ["accepted", "edited"] },
    });
    expect(splitStatusParams(["curated"])).toEqual({
      ok: true,
      value: { traceStatus: "curated", interventionStatuses: ["accepted", "edited"] },
    });
    expect(splitStatusParams(["any"])).toEqual({
      ok: true,
      value: { traceStatus: undefined, interventionStatuses: ["proposed", "accepted", "edited"] },
    });
    expect(splitStatusParams(["todo,curated"]).ok).toBe(false);
    expect(splitStatusParams(["bogus"]).ok).toBe(false);
  });
});

describe("exportHref", () => {
  it("keeps the list filter and adds format, statuses, summary, part", () => {
    expect(exportHref("d1", "int")).toBe("/api/datasets/d1/export?format=int");
    expect(exportHref("d1", "trl", { status: "curated", q: "a b" }, { statuses: "any", summary: true })).toBe(
      "/api/datasets/d1/export?status=curated&q=a+b&format=trl&status=any&summary=1",
    );
    expect(exportHref("d1", "llamafactory", {}, { part: "note" })).toBe(
      "/api/datasets/d1/export?format=llamafactory&part=note",
    );
  });
});
