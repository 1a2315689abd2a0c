import { read, stmt } from "@/lib/data/stage-db";
import { table, type Row } from "./sql-types";

// What a rollout item continues (lib/rollouts/handler.ts builds the prompt from it): the problem
// alone, or an intervention with its trace and problem, in one joined read on the stage
// connection (the per-item hot path of a 1,000 x 32 job). Names checked by tsc (./sql-types.ts).
const P = table("Problem");
const iv = table("Intervention", "i");
const tr = table("Trace", "t");
const pb = table("Problem", "p");
const PROBLEM = `SELECT ${P.id}, ${P.statement}, ${P.answer} FROM ${P} WHERE ${P.id} = ?`;
const INTERVENTION = `
    SELECT ${iv.id}, ${iv.location}, ${iv.content}, ${tr.id} AS "traceId", ${tr.text}, ${pb.id} AS "problemId", ${pb.statement}, ${pb.answer}
    FROM ${iv} JOIN ${tr} ON ${tr.id} = ${iv.traceId} JOIN ${pb} ON ${pb.id} = ${tr.problemId}
    WHERE ${iv.id} = ?`;
const EXISTS = `SELECT ${iv.id} FROM ${iv} WHERE ${iv.id} = ?`;

export type ProblemTarget = Row<"Problem", "id" | "statement" | "answer">;
export type InterventionTarget = Row<"Intervention", "id" | "location" | "content"> &
  Row<"Problem", "statement" | "answer"> & { traceId: string; text: string; problemId: string };

export async function problemTarget(problemId: string): Promise<ProblemTarget | undefined> {
  return read(() => stmt<ProblemTarget>(PROBLEM).get(problemId));
}

export async function interventionTarget(interventionId: string): Promise<InterventionTarget | undefined> {
  return read(() => stmt<InterventionTarget>(INTERVENTION).get(interventionId));
}

export async function interventionExists(id: string): Promise<boolean> {
  return (await read(() => stmt<Row<"Intervention", "id">>(EXISTS).get(id))) !== undefined;
}
