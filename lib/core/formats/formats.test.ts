import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { sharedData } from "@/test-support/shared-data";
import { splitSteps } from "@/lib/core/steps";
import { detectFormat, parseRecord, type ImportItem, type ImportFormat } from "./index";

const json = (p: string) => JSON.parse(readFileSync(sharedData(p), "utf8"));
const jsonl = (p: string) =>
  readFileSync(sharedData(p), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const ctx = { source: "test.jsonl" };

function parseAll(format: ImportFormat, recs: unknown[]): ImportItem[] {
  return recs.map((r, i) => {
    const p = parseRecord(format, r, ctx);
    if (!p.ok) throw new Error(`record ${i + 1}: ${JSON.stringify(p.errors)}`);
    return p.value;
  });
}

describe("processbench", () => {
  for (const file of ["processbench/gsm8k.json", "processbench/math.json"]) {
    test(`${file}: every row parses, steps round-trip, label becomes 1-based`, () => {
      const recs = json(file);
      expect(detectFormat(recs[0])).toEqual({ ok: true, value: "processbench" });
      const items = parseAll("processbench", recs);
      if (file.includes("gsm8k")) expect(items).toHaveLength(400);
      items.forEach((it, i) => {
        const r = recs[i];
        expect(splitSteps(it.trace!.text)).toEqual(r.steps);
        expect(it.label).toEqual({ step: r.label === -1 ? null : r.label + 1, annotator: "processbench" });
        expect(it.trace!.externalId).toBe(r.id);
        expect(it.trace!.generator).toBe(r.generator);
        expect(it.trace!.correct).toBe(r.final_answer_correct);
      });
    });
  }

  test("with-references JSONL: first_error_index, reference and answer", () => {
    const recs = jsonl("processbench/with-references.gsm8k-math.jsonl");
    const items = parseAll("processbench", recs);
    expect(items).toHaveLength(1057);
    items.forEach((it, i) => {
      expect(it.label!.step).toBe(recs[i].first_error_index === -1 ? null : recs[i].first_error_index + 1);
      expect(it.problem.referenceSolution).toBe(recs[i].reference_solution);
      expect(it.problem.answer).toBe(recs[i].ground_truth_answer);
      expect(it.problem.metadata.split).toBe(recs[i].split);
    });
  });

  test("a step holding a blank line is refused (the round trip would break)", () => {
    const r = parseRecord(
      "processbench",
      { id: "x-1", generator: "g", problem: "p", steps: ["a", "b\n\nc"], label: 1 },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: "steps[1]", message: expect.stringContaining("blank line") });
  });

  test("label out of range and wrong types name the field", () => {
    const bad = parseRecord("processbench", { id: "x", generator: "g", problem: "p", steps: ["a"], label: 3 }, ctx);
    expect(!bad.ok && bad.errors[0]).toMatchObject({ field: "label", message: expect.stringContaining("0..0") });
    const wrong = parseRecord("processbench", { id: "x", generator: "g", problem: 5, steps: "a", label: "1" }, ctx);
    expect(!wrong.ok && wrong.errors.map((e) => e.field)).toEqual(["problem", "steps", "label"]);
  });
});

describe("prm800k", () => {
  const recs = [
    json("prm800k/raw_example_phase1_test.json"),
    json("prm800k/raw_example_phase2_test.json"),
    ...jsonl("prm800k/raw_example_phase1_train.jsonl"),
    ...jsonl("prm800k/raw_example_phase2_train.jsonl"),
  ];

  test("all 14 records parse; the error step is the first -1 on the labeller's path", () => {
    expect(recs).toHaveLength(14);
    for (const r of recs) expect(detectFormat(r)).toEqual({ ok: true, value: "prm800k" });
    const items = parseAll("prm800k", recs);
    // phase 2: labelling stopped at the first -1 (found_error) -> a 1-based label on the last step
    const p2 = items[1];
    expect(p2.label!.step).toBe(7);
    expect(splitSteps(p2.trace!.text)).toHaveLength(7);
    expect(splitSteps(p2.trace!.text)[6]).toBe(recs[1].label.steps[6].completions[0].text);
    expect(p2.interventions.map((iv) => iv.location)).toEqual([7, 7, 7]);
    expect(p2.interventions.map((iv) => iv.content)).toEqual(
      recs[1].label.steps[6].completions.slice(1).map((c: { text: string }) => c.text),
    );
    expect(p2.problem.referenceSolution).toBe(recs[1].question.ground_truth_solution);
    // phase 1 "solution" with no -1 on the path -> "no error"
    expect(items[0].label!.step).toBeNull();
    expect(items[0].interventions).toEqual([]);
    // give_up with no -1 on the path -> no label
    expect(recs[3].label.finish_reason).toBe("give_up");
    expect(items[3].label).toBeNull();
    for (const it of items.slice(5)) expect(it.label!.step).not.toBeNull(); // every phase 2 train record found an error
  });

  test("a step holding a blank line shifts later steps: the label points where the error step starts", () => {
    const r = recs.find((x) =>
      x.label.steps
        .slice(0, -1)
        .some((s: { completions: { text: string }[]; chosen_completion: number }) =>
          s.completions[s.chosen_completion ?? 0]?.text.includes("\n\n"),
        ),
    );
    expect(r).toBeTruthy();
    const it = parseAll("prm800k", [r])[0];
    const steps = r.label.steps as {
      completions: { text: string; rating: number }[];
      chosen_completion: number | null;
    }[];
    const errIdx = steps.length - 1;
    const before = steps.slice(0, errIdx).map((s) => s.completions[s.chosen_completion!].text);
    const expected = before.reduce((n, t) => n + t.split("\n\n").length, 0) + 1;
    expect(expected).toBeGreaterThan(errIdx + 1);
    expect(it.label!.step).toBe(expected);
    expect(splitSteps(it.trace!.text)[expected - 1]).toBe(
      steps[errIdx].completions.find((c) => c.rating === -1)!.text.split("\n\n")[0],
    );
  });

  test("a malformed nested record names the nested field", () => {
    const r = parseRecord(
      "prm800k",
      {
        question: { problem: "p" },
        label: { steps: [{ completions: [{ text: 3, rating: 1 }], chosen_completion: 0 }] },
      },
      ctx,
    );
    expect(!r.ok && r.errors[0]).toMatchObject({
      field: "label.steps[0].completions[0].text",
      message: expect.stringContaining("string"),
    });
  });
});

describe("problems", () => {
  test("MATH-500", () => {
    const recs = jsonl("math500/test.jsonl");
    expect(detectFormat(recs[0])).toEqual({ ok: true, value: "problems" });
    const items = parseAll("problems", recs);
    expect(items).toHaveLength(500);
    expect(items[0].problem).toMatchObject({
      statement: recs[0].problem,
      referenceSolution: recs[0].solution,
      answer: recs[0].answer,
      externalId: recs[0].unique_id,
    });
    expect(items[0].problem.metadata).toMatchObject({ subject: recs[0].subject, level: recs[0].level });
    expect(items.every((it) => it.trace === null)).toBe(true);
  });

  test("IMO-AnswerBench keeps Problem ID, Category, Subcategory, Source", () => {
    const recs = jsonl("imo-answerbench/answerbench_v2.jsonl");
    const items = parseAll("problems", recs);
    expect(items).toHaveLength(400);
    expect(items[1].problem).toMatchObject({
      statement: recs[1].Problem,
      answer: recs[1]["Short Answer"],
      referenceSolution: "",
      externalId: recs[1]["Problem ID"],
      source: recs[1].Source,
    });
    expect(items[1].problem.metadata).toMatchObject({
      "Problem ID": recs[1]["Problem ID"],
      Category: recs[1].Category,
      Subcategory: recs[1].Subcategory,
    });
  });
});

describe("int", () => {
  const base = {
    problem: "What is $1+1$?",
    answer: "2",
    reference_solution: "$1+1=2$.",
    incorrect_attempt: "Step one.\n\nSo $1+1=3$.\n\n\\boxed{3}",
  };

  test("a row with an intervention at 'Substep 2' is coerced to 2", () => {
    const r = parseRecord(
      "int",
      { ...base, intervention: { content: "Add: $1+1=2$.", location: "Substep 2" }, model: "m" },
      ctx,
    );
    expect(r.ok && r.value.interventions).toEqual([{ location: 2, content: "Add: $1+1=2$.", provenance: {} }]);
    expect(r.ok && r.value.trace).toMatchObject({ text: base.incorrect_attempt, generator: "m" });
    expect(detectFormat(base)).toEqual({ ok: true, value: "int" });
  });

  test("`solution` is accepted for reference_solution", () => {
    const { reference_solution, ...rest } = base;
    const r = parseRecord("int", { ...rest, solution: reference_solution }, ctx);
    expect(r.ok && r.value.problem.referenceSolution).toBe(reference_solution);
  });

  test("location out of range, missing and wrong-typed fields", () => {
    const out = parseRecord("int", { ...base, intervention: { content: "x", location: 4 } }, ctx);
    expect(!out.ok && out.errors).toEqual([
      { field: "intervention.location", message: "is 4 but the attempt has 3 step(s): it must be within 1..3" },
    ]);
    const zero = parseRecord("int", { ...base, intervention: { content: "x", location: "0" } }, ctx);
    expect(!zero.ok && zero.errors[0].field).toBe("intervention.location");
    const missing = parseRecord("int", { ...base, incorrect_attempt: undefined }, ctx);
    expect(!missing.ok && missing.errors).toEqual([{ field: "incorrect_attempt", message: "is required" }]);
    const wrong = parseRecord("int", { ...base, answer: 2 }, ctx);
    expect(!wrong.ok && wrong.errors).toEqual([{ field: "answer", message: "must be a string, got number" }]);
  });

  test("an oversized field and an unpaired surrogate are refused with the field name", () => {
    const big = parseRecord("int", { ...base, reference_solution: "x".repeat(1024 * 1024 + 1) }, ctx);
    expect(!big.ok && big.errors[0]).toMatchObject({
      field: "reference_solution",
      message: expect.stringContaining("limit is 1.0 MB"),
    });
    const sur = parseRecord("int", { ...base, problem: "bad \ud800" }, ctx);
    expect(!sur.ok && sur.errors[0].field).toBe("problem");
  });

  test("text is kept byte-exact (no trimming)", () => {
    const r = parseRecord("int", { ...base, problem: "  spaced \r\n", incorrect_attempt: "\n\na\n\n" }, ctx);
    expect(r.ok && r.value.problem.statement).toBe("  spaced \r\n");
    expect(r.ok && r.value.trace!.text).toBe("\n\na\n\n");
  });
});

test("detection refuses unknown records with the fields it saw", () => {
  const d = detectFormat({ foo: 1, bar: 2 });
  expect(!d.ok && d.reason).toContain("foo, bar");
  expect(detectFormat([1]).ok).toBe(false);
});
