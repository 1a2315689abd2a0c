// One grading pool per process (kept on globalThis so Next dev reloads do not leak workers).
import { GradePool, type PoolOptions } from "./pool";

const g = globalThis as unknown as { __intGradePool?: GradePool };

export function sharedGradePool(opts?: PoolOptions): GradePool {
  if (!g.__intGradePool) g.__intGradePool = new GradePool(opts);
  return g.__intGradePool;
}

export async function closeSharedGradePool(): Promise<void> {
  const p = g.__intGradePool;
  g.__intGradePool = undefined;
  await p?.close();
}
