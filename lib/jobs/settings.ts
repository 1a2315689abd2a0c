import { readSettings } from "@/lib/data/settings";

// Per-job knobs: the job's params win, then the Setting rows (editable on /settings), then defaults.
export const CONCURRENCY_SETTING = "jobs.concurrency";
export const MAX_ATTEMPTS_SETTING = "jobs.maxAttempts";
export const DEFAULTS = { concurrency: 8, maxAttempts: 4 };

export type JobKnobs = { concurrency: number; maxAttempts: number };

function int(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export async function jobKnobs(params: Record<string, unknown>): Promise<JobKnobs> {
  const s = Object.fromEntries(await readSettings([CONCURRENCY_SETTING, MAX_ATTEMPTS_SETTING]));
  return {
    concurrency: int(params.concurrency, 1, 256) ?? int(s[CONCURRENCY_SETTING], 1, 256) ?? DEFAULTS.concurrency,
    maxAttempts: int(params.maxAttempts, 1, 20) ?? int(s[MAX_ATTEMPTS_SETTING], 1, 20) ?? DEFAULTS.maxAttempts,
  };
}
