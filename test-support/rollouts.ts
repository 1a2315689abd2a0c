import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import type { StubReply, StubRequest } from "@/e2e/stub-model/replies";

// Fixtures for the rollouts tests, the e2e journey's seed and the benchmark.

export const RIGHT = "\n\nSo the sum is $5$, and the answer is \\boxed{5}.";
export const WRONG = "\n\nSo the sum is $6$, and the answer is \\boxed{6}.";
export const UNBOXED = "\n\nI think it is five, but I am not sure.";
export const MALFORMED = "\n\nThus \\boxed{\\frac{5}{";

/** Continuations of a start containing `marker`: cycles right, wrong, unboxed, malformed, slow right, ... */
export function cyclingResponder(marker: string, slowMs = 150): (r: StubRequest) => StubReply | undefined {
  const cycle: StubReply[] = [
    { kind: "text", text: RIGHT },
    { kind: "text", text: WRONG },
    { kind: "text", text: UNBOXED },
    { kind: "text", text: MALFORMED },
    { kind: "text", text: RIGHT, delayMs: slowMs },
  ];
  let i = 0;
  return (r) => {
    const start = r.messages[r.messages.length - 1];
    if (r.body.continue_final_message && start?.role === "assistant" && start.content.includes(marker))
      return cycle[i++ % cycle.length];
    return { kind: "text", text: WRONG };
  };
}

export type Seeded = {
  datasetId: string;
  datasetName: string;
  problemId: string;
  traceId: string;
  interventionIds: string[];
};

/** A dataset with one problem (2+3, answer 5), one wrong attempt and interventions at step 2. */
export async function seedRolloutData(
  contents: string[],
  opts: { status?: string; name?: string } = {},
): Promise<Seeded> {
  const datasetName = opts.name ?? `rollouts-${randomUUID()}`;
  const ds = await prisma.dataset.create({ data: { name: datasetName } });
  const statement = `What is 2+3? (${datasetName})`;
  const p = await prisma.problem.create({
    data: { datasetId: ds.id, statement, answer: "5", contentHash: sha256(statement) },
  });
  const text = "Let us add the numbers.\n\nWe get 2+3=6.\n\nSo the answer is \\boxed{6}.";
  const t = await prisma.trace.create({
    data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256("", text), correct: false },
  });
  const interventionIds: string[] = [];
  for (const content of contents) {
    const iv = await prisma.intervention.create({
      data: {
        traceId: t.id,
        location: 2,
        content,
        status: opts.status ?? "accepted",
        origin: "human",
        contentHash: sha256("2", content),
      },
    });
    interventionIds.push(iv.id);
  }
  return { datasetId: ds.id, datasetName, problemId: p.id, traceId: t.id, interventionIds };
}
