import { readFileSync } from "node:fs";
import { resolve } from "node:path";

// Rows for the on-policyness tests (vitest and Playwright): real ProcessBench attempts with their
// labelled first error, each with an intervention at that step written in the student's voice,
// as `int` import rows. The last row's intervention is in Chinese: with the stub server's fake
// log-probabilities (e2e/stub-model/completions.ts: ids >= 90,000 cost 5 nats more) it is the
// clear NLL outlier, the way off-policy text would be under a real model.

type Ref = {
  id: string;
  problem: string;
  steps: string[];
  first_error_index: number;
  ground_truth_answer: string;
  reference_solution: string;
};

const STUDENT = [
  "Wait, let me re-read the problem and recompute this step carefully.",
  "Hold on, I should check which quantity the question actually asks for before going on.",
  "Let me redo this calculation one piece at a time.",
  "Actually, I need to set up the relationship between the quantities first.",
  "Let me verify this step against the given numbers before continuing.",
  "I should double-check the arithmetic here instead of moving on.",
  "Before continuing, let me write down what each number represents.",
];
export const OFF_POLICY = "我们重新计算一下这个和，看看哪里出错了。然后再继续。";

export function onpolicyRows(count: number, tag: string): string[] {
  const refs: Ref[] = readFileSync(
    resolve(process.cwd(), "..", "shared", "data", "processbench", "with-references.gsm8k-math.jsonl"),
    "utf8",
  )
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Ref)
    .filter((r) => r.first_error_index >= 1 && r.steps.length <= 8)
    .slice(0, count);
  return refs.map((r, i) =>
    JSON.stringify({
      id: `${tag}-${r.id}`,
      problem: r.problem,
      answer: r.ground_truth_answer,
      reference_solution: r.reference_solution,
      incorrect_attempt: r.steps.join("\n\n"),
      generator: `onpolicy-${tag}`,
      intervention: {
        content: i === refs.length - 1 ? OFF_POLICY : STUDENT[i % STUDENT.length],
        location: r.first_error_index + 1,
      },
    }),
  );
}
