import { setMaxListeners } from "node:events";
import type { RolloutPrompt } from "@/lib/core/rollouts/conditions";
import type { Endpoint } from "@/lib/model/client";
import type { Sampling } from "@/lib/model/sampling";
import { sampleAndGrade, type Graded } from "./generate";
import { poolMap } from "./pool-map";
import { writeTx } from "@/lib/data/stage-db";
import { callSlots, type CallSlots } from "@/lib/jobs/call-slots";
import type { ItemContext } from "@/lib/jobs/types";
import { insertRolloutsSync, storedSamples, upsertRollouts, type RolloutRow } from "@/lib/data/rollout-store";

// K samples of one item: the samples already stored (an earlier run of the same item that was
// interrupted) are skipped, the rest are asked with at most `perItem` in flight, and what was
// produced is stored in one transaction, also when a later sample fails (the retry then asks
// only for the missing ones). Rows are also written every `flushEvery` (64) samples, so a long item
// shows progress and loses little when the process dies; a usual item (K = 32) commits once, with
// `finish` (the stage's end-of-item writes) in the same transaction: each commit costs the job's
// thread ~1.5 ms, which at 128 calls in flight came off the calls.

export type RunSamples = {
  endpoint: Endpoint;
  model: string;
  sampling: Sampling;
  prompt: RolloutPrompt;
  gold: string;
  count: number;
  perItem: number;
  jobItemId: string;
  signal?: AbortSignal;
  row: Pick<RolloutRow, "problemId" | "traceId" | "interventionId" | "condition">;
  meta?: Record<string, unknown>;
  /** called per graded sample before storing (the sample stage creates traces here) */
  decorate?: (g: Graded, sample: number) => Promise<Partial<RolloutRow>>;
  flushEvery?: number;
  /** calls in flight across the job's items (with `release`; see lib/jobs/call-slots.ts) */
  share?: { slots: CallSlots; release: () => void };
};

export async function runSamples(x: RunSamples): Promise<{ samples: number; correct: number; reused: number }>;
export async function runSamples<F>(
  x: RunSamples,
  finish: () => F,
): Promise<{ samples: number; correct: number; reused: number; finished: F }>;
/** `finish` (synchronous statements) runs in the transaction of the last rows, once every sample is in. */
export async function runSamples<F>(x: RunSamples, finish?: () => F) {
  // the SDK adds one abort listener per request in flight on the item's signal
  if (x.signal && x.perItem > 4) setMaxListeners(x.perItem * 2 + 20, x.signal);
  const have = await storedSamples(x.jobItemId);
  const reused = have.size;
  const todo = Array.from({ length: x.count }, (_, i) => i).filter((i) => !have.has(i));
  const out: RolloutRow[] = [];
  let pending: RolloutRow[] = [];
  const flushEvery = x.flushEvery ?? 64;
  let finished: F | undefined;
  try {
    const last = todo[todo.length - 1];
    await poolMap(todo, x.perItem, async (sample) => {
      if (sample === last) x.share?.release(); // the last call starts: the next item may begin
      await x.share?.slots.acquire(x.signal);
      let g;
      try {
        g = await sampleAndGrade(x.endpoint, x.model, x.prompt, x.sampling, x.gold, x.signal);
      } finally {
        x.share?.slots.release();
      }
      const extra = x.decorate ? await x.decorate(g, sample) : {};
      out.push({
        ...x.row,
        sample,
        jobItemId: x.jobItemId,
        model: x.model,
        sampling: { ...x.sampling, ...x.meta, ...g.meta },
        text: g.text,
        verdict: g.verdict,
        extracted: g.extracted,
        method: g.method,
        correct: g.correct,
        ...extra,
      });
      pending.push(out[out.length - 1]);
      if (pending.length >= flushEvery && todo.length - out.length > 0) {
        const rows = pending;
        pending = [];
        await upsertRollouts(rows);
      }
    });
    const rows = pending;
    pending = [];
    finished = await writeTx(() => {
      insertRolloutsSync(rows);
      return finish?.();
    });
  } finally {
    await upsertRollouts(pending); // what a failed run produced (empty after a successful one)
  }
  for (const r of out) have.set(r.sample, r.correct);
  let correct = 0;
  for (const c of have.values()) if (c) correct++;
  return { samples: x.count, correct, reused, ...(finish ? { finished } : {}) };
}

/**
 * The job-wide call slots for an item run by the runner (none outside it, e.g. in tests calling a
 * handler directly). Sized to what the items had in flight without sharing: concurrency x the
 * item's lanes (perItem, or fewer when an item has fewer samples), so handing slots on never
 * raises the load the job puts on the model server.
 */
export function shareOf(ctx: ItemContext, perItem: number, count: number): RunSamples["share"] {
  const lanes = Math.max(1, Math.min(perItem, count));
  return ctx.concurrency && ctx.release
    ? { slots: callSlots(ctx.jobId, ctx.concurrency * lanes), release: ctx.release }
    : undefined;
}
