// Grading the last step of each ProcessBench solution against its ground-truth answer must agree
// with the dataset's final_answer_correct on >= 97% of rows, and the disagreements must be exactly
// the ones listed (with reasons) in the fixture of each mode: fixtures/last-step-grading-disagreements.json
// for "solution" (the rollout rule: last \boxed{}, else a marked answer) and
// fixtures/last-step-grading-disagreements.auto.json for "auto" (the lenient, math-verify-like
// extraction used for imported data).
// After a deliberate grader change: UPDATE_PROCESSBENCH_FIXTURE=1 npx vitest run lib/grade/processbench.test.ts
// rewrites the list (keeping known reasons; new rows get "TODO", which fails until explained).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedData } from "@/test-support/shared-data";
import { GradePool, type PoolVerdict } from "./pool";

interface Row {
  id: string;
  steps: string[];
  ground_truth_answer: string;
  final_answer_correct: boolean;
}
interface Disagreement {
  id: string;
  verdict: string;
  reason: string;
}
interface Fixture {
  source: string;
  rule: string;
  rows: number;
  agree: number;
  disagreements: Disagreement[];
}

const MODES = ["solution", "auto"] as const;
type Mode = (typeof MODES)[number];
const fixturePath = (mode: Mode) =>
  join(
    process.cwd(),
    "lib",
    "grade",
    "fixtures",
    `last-step-grading-disagreements${mode === "solution" ? "" : `.${mode}`}.json`,
  );
const rows: Row[] = readFileSync(sharedData("processbench", "with-references.gsm8k-math.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

let pool: GradePool;
const verdictsOf = {} as Record<Mode, PoolVerdict[]>;
beforeAll(async () => {
  pool = new GradePool({ size: 2, spare: false });
  for (const mode of MODES) {
    verdictsOf[mode] = await pool.gradeAll(
      rows.map((r) => ({ gold: r.ground_truth_answer, pred: r.steps[r.steps.length - 1], predMode: mode })),
    );
  }
}, 300_000);
afterAll(async () => {
  await pool.close();
});

describe("ProcessBench final answers (with-references.gsm8k-math.jsonl)", () => {
  it.each(MODES)(
    "mode %s agrees with final_answer_correct on at least 97% of rows, with exactly the listed disagreements",
    (mode) => {
      const FIXTURE = fixturePath(mode);
      const verdicts = verdictsOf[mode];
      const fixture: Fixture = existsSync(FIXTURE)
        ? JSON.parse(readFileSync(FIXTURE, "utf8"))
        : {
            source: "processbench/with-references.gsm8k-math.jsonl",
            rows: 0,
            agree: 0,
            disagreements: [],
            rule: `last step graded (predMode "${mode}") against ground_truth_answer; verdict 'equal' counts as correct and is compared with final_answer_correct`,
          };
      const found: Disagreement[] = [];
      rows.forEach((r, i) => {
        const v = verdicts[i];
        if ((v.verdict === "equal") !== r.final_answer_correct) {
          const known = fixture.disagreements.find((d) => d.id === r.id);
          found.push({ id: r.id, verdict: v.verdict, reason: known?.reason ?? "TODO" });
        }
      });
      const agree = rows.length - found.length;
      if (process.env.UPDATE_PROCESSBENCH_FIXTURE) {
        writeFileSync(
          FIXTURE,
          JSON.stringify({ ...fixture, rows: rows.length, agree, disagreements: found }, null, 2) + "\n",
        );
      }
      expect(verdicts.filter((v) => v.verdict === "timeout" || v.verdict === "error")).toEqual([]);
      expect(agree / rows.length).toBeGreaterThanOrEqual(0.97);
      expect(found.map(({ id, verdict }) => ({ id, verdict }))).toEqual(
        fixture.disagreements.map(({ id, verdict }) => ({ id, verdict })),
      );
      expect(fixture.disagreements.every((d) => d.reason && d.reason !== "TODO")).toBe(true);
      expect(fixture).toMatchObject({ rows: rows.length, agree });
    },
  );
});
