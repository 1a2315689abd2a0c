import type { Tx } from "@/lib/db";
import { estimateTokens } from "@/lib/core/compare/histogram";
import { passAtKFromGroups, type NcGroup, type PassAtKPoint } from "@/lib/core/compare/pass-at-k-groups";
import { MODEL_GROUPS, modelGroupsParams } from "./attempts-sql";

// Per-model numbers of the analysis page over a model's attempts, defined as in the comparison
// (lib/data/attempts-sql.ts): its traces not sampled + its attempt rollouts. A sampled model
// counts every attempt (the right ones exist only as rollouts); a model with attempt rollouts
// only is listed too. Computed in the database as (model, n, c) groups.

export type ModelStats = {
  generator: string;
  traces: number; // trace rows of the model, any origin (what the trace list shows)
  attempts: number; // traces not sampled + attempt rollouts
  graded: number;
  correct: number;
  accuracy: number | null;
  meanSteps: number; // over the attempts
  meanTokens: number; // over the attempts; estimate: UTF-8 bytes / 4
  problems: number;
  passAtK: PassAtKPoint[];
};

export type ModelGroup = NcGroup & { generator: string; attempts: number; steps: number; bytes: number; traces: number };

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function modelGroups(datasetId: string, db: Tx): Promise<ModelGroup[]> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(MODEL_GROUPS, ...modelGroupsParams(datasetId));
  return rows.map((g) => ({
    generator: String(g.generator), n: num(g.n), c: num(g.c), problems: num(g.problems),
    attempts: num(g.attempts), steps: num(g.steps), bytes: num(g.bytes), traces: num(g.traces),
  }));
}

/** Models with the most traces first (the comparison's default pair), then by attempts, then name. */
export function modelStats(groups: readonly ModelGroup[]): ModelStats[] {
  const byModel = new Map<string, ModelGroup[]>();
  for (const g of groups) byModel.set(g.generator, [...(byModel.get(g.generator) ?? []), g]);
  return [...byModel.entries()].map(([generator, gs]) => {
    const sum = (f: (g: ModelGroup) => number) => gs.reduce((s, g) => s + f(g), 0);
    const attempts = sum((g) => g.attempts);
    const graded = sum((g) => g.n * g.problems);
    const correct = sum((g) => g.c * g.problems);
    return {
      generator, traces: sum((g) => g.traces), attempts, graded, correct, accuracy: graded ? correct / graded : null,
      meanSteps: attempts ? sum((g) => g.steps) / attempts : 0,
      meanTokens: attempts ? estimateTokens(sum((g) => g.bytes) / attempts) : 0,
      problems: sum((g) => g.problems),
      passAtK: passAtKFromGroups(gs),
    };
  }).sort((a, b) => b.traces - a.traces || b.attempts - a.attempts || a.generator.localeCompare(b.generator));
}
