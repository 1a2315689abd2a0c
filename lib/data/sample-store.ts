import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { countSteps } from "@/lib/core/steps";

// Reads and writes of the sample stage (lib/rollouts/sample-handler.ts) and the attempts batch
// import (lib/rollouts/batch.ts) besides its Rollout rows (./rollout-store.ts): the problem an
// attempt answers, and the trace an incorrect attempt becomes.

export type SampleProblem = { id: string; datasetId: string; statement: string; answer: string };

export async function sampleProblem(problemId: string): Promise<SampleProblem | null> {
  return prisma.problem.findUnique({ where: { id: problemId }, select: { id: true, datasetId: true, statement: true, answer: true } });
}

/** The trace of an incorrect attempt; the same text sampled twice is one trace. */
export async function upsertSampledTrace(problem: { id: string; datasetId: string }, generator: string, text: string): Promise<string> {
  const contentHash = sha256(generator, text);
  const t = await prisma.trace.upsert({
    where: { problemId_contentHash: { problemId: problem.id, contentHash } },
    create: {
      datasetId: problem.datasetId,
      problemId: problem.id,
      text,
      generator,
      origin: "sampled",
      correct: false,
      stepCount: countSteps(text),
      contentHash,
    },
    update: {},
    select: { id: true },
  });
  return t.id;
}
