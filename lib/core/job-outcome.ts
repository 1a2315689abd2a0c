import { isHeldBack } from "./propose/outcome";

// What one job item came to, in words, from the few facts the item row stores (status, error and
// the handler's result summary: lib/propose/run-proposal.ts, lib/rollouts/handler.ts,
// lib/rollouts/sample-handler.ts, lib/onpolicy/handler.ts). The jobs page, its totals, its filters
// and the outcomes CSV all go through `itemOutcome`, so they cannot disagree.

export type ItemFacts = {
  kind: string;
  status: string; // pending | running | done | failed
  skipped?: boolean; // the handler skipped the item (its trace or intervention is gone, ...)
  parseOk?: boolean | null; // propose, one proposal per item
  reason?: string | null; // propose: the parse failure reason, "code: why"
  noError?: boolean; // propose, one proposal: the model found no critical error
  shared?: { parsed: number; noError: number; heldBack: number } | null; // propose, K proposals sharing a turn 1
  samples?: number | null; // rollouts / sample: K graded samples
  correct?: number | null; // rollouts / sample: how many of them are correct
  scored?: boolean; // onpolicy: a score was written
};

export const OUTCOMES = [
  "parsed",
  "no error",
  "held back",
  "parse failure", // propose
  "all correct",
  "some correct",
  "none correct", // rollouts, sample
  "scored",
  "done",
  "skipped",
  "failed",
  "running",
  "pending",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function itemOutcome(f: ItemFacts): Outcome {
  if (f.status === "failed") return "failed";
  if (f.status === "running") return "running";
  if (f.status !== "done") return "pending";
  if (f.skipped) return "skipped";
  if (f.kind === "propose") {
    // K proposals in one item: the best of them names it (a usable intervention, then a "no
    // error" verdict, then one held back); the job's totals count the proposals themselves
    if (f.shared)
      return f.shared.parsed > f.shared.noError
        ? "parsed"
        : f.shared.noError
          ? "no error"
          : f.shared.heldBack
            ? "held back"
            : "parse failure";
    if (f.parseOk === true) return f.noError ? "no error" : "parsed";
    if (f.parseOk === false)
      return isHeldBack({ parseOk: false, parseReason: f.reason }) ? "held back" : "parse failure";
    return "done"; // a result without a parse outcome (older rows): say no more than we know
  }
  if ((f.kind === "rollouts" || f.kind === "sample") && typeof f.samples === "number" && f.samples > 0) {
    const c = f.correct ?? 0;
    return c >= f.samples ? "all correct" : c <= 0 ? "none correct" : "some correct";
  }
  if (f.kind === "onpolicy" && f.scored) return "scored";
  return "done";
}

/** Item counts by outcome, in OUTCOMES order, zero counts left out. */
export function outcomeTotals(groups: readonly { facts: ItemFacts; n: number }[]): { outcome: Outcome; n: number }[] {
  const by = new Map<Outcome, number>();
  for (const g of groups) {
    const o = itemOutcome(g.facts);
    by.set(o, (by.get(o) ?? 0) + g.n);
  }
  return OUTCOMES.filter((o) => (by.get(o) ?? 0) > 0).map((o) => ({ outcome: o, n: by.get(o) as number }));
}

/** Reads the facts out of an item row's stored result JSON (already parsed); never throws. */
export function factsOf(kind: string, status: string, result: Record<string, unknown> | null): ItemFacts {
  const r = result ?? {};
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    kind,
    status,
    skipped: r.skipped !== undefined && r.skipped !== null,
    parseOk: typeof r.parseOk === "boolean" ? r.parseOk : null,
    noError: r.noError === true,
    shared:
      typeof r.stored === "number"
        ? { parsed: num(r.parsed) ?? 0, noError: num(r.noError) ?? 0, heldBack: num(r.heldBack) ?? 0 }
        : null,
    reason: typeof r.reason === "string" ? r.reason : null,
    samples: num(r.samples),
    correct: num(r.correct),
    scored: num(r.nllMean) !== null,
  };
}
