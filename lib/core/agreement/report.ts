import { nominalAlpha, type AlphaResult } from "./krippendorff";
import { pairStats, type PairStats, type Step, type StepPair } from "./pair";

// Agreement report of a dataset from its label rows: every pair of raters, every rater against
// the final (adjudicated) label, and Krippendorff's alpha. A rater is a person (source "human"),
// a model endpoint (source "model", scored like an annotator) or the imported annotation.
// ProcessBench's metric needs a reference: a model is scored against people and the imported
// label; two raters of the same kind (two people, a person and the imported label, two models)
// have no natural reference, so both directions are listed.

export type LabelRow = { traceId: string; source: string; annotator: string; step: Step };
export type RaterSource = "human" | "model" | "imported";
export type Rater = { key: string; source: RaterSource; name: string };
export type PairRow = { rater: Rater; reference: Rater; stats: PairStats };
export type AgreementReport = {
  raters: (Rater & { labels: number })[];
  pairs: PairRow[];
  vsFinal: PairRow[];
  finals: number; // traces with a final label
  alphaHumans: AlphaResult; // over the people only: the reliability of the labelling itself
  alphaAll: AlphaResult; // people, models and the imported label together
};

const SOURCES: readonly string[] = ["human", "model", "imported"];
const ORDER: Record<RaterSource, number> = { human: 0, imported: 1, model: 2 };
const tier = (s: RaterSource) => (s === "model" ? 1 : 0);
export const FINAL_RATER: Rater = { key: "final:", source: "human", name: "final label" };

function raterOf(source: RaterSource, annotator: string): Rater {
  return { key: `${source}:${annotator}`, source, name: annotator };
}

export function agreementReport(rows: readonly LabelRow[]): AgreementReport {
  // Raters become indexes; per trace, the raters who labelled it and their steps.
  const index = new Map<string, number>();
  const raters: (Rater & { labels: number })[] = [];
  const byTrace = new Map<string, { final?: Step; who: number[]; steps: Step[] }>();
  for (const r of rows) {
    let t = byTrace.get(r.traceId);
    if (!t) byTrace.set(r.traceId, (t = { who: [], steps: [] }));
    if (r.source === "final") t.final = r.step;
    else if (SOURCES.includes(r.source)) {
      const key = `${r.source}:${r.annotator}`;
      let i = index.get(key);
      if (i === undefined) {
        index.set(key, (i = raters.length));
        raters.push({ ...raterOf(r.source as RaterSource, r.annotator), labels: 0 });
      }
      raters[i].labels++;
      t.who.push(i);
      t.steps.push(r.step);
    }
  }
  const R = raters.length;
  const FINAL = R; // the final label's index as a reference
  const pairs = new Map<number, StepPair[]>(); // rater * (R + 1) + reference -> pairs
  const add = (rater: number, reference: number, p: StepPair) => {
    const k = rater * (R + 1) + reference;
    const arr = pairs.get(k);
    if (arr) arr.push(p);
    else pairs.set(k, [p]);
  };
  const humanUnits: Step[][] = [];
  const allUnits: Step[][] = [];
  let finals = 0;
  for (const t of byTrace.values()) {
    const { who, steps } = t;
    for (let i = 0; i < who.length; i++) {
      for (let j = i + 1; j < who.length; j++) {
        const ta = tier(raters[who[i]].source),
          tb = tier(raters[who[j]].source);
        if (ta <= tb) add(who[j], who[i], { rater: steps[j], reference: steps[i] });
        if (tb <= ta) add(who[i], who[j], { rater: steps[i], reference: steps[j] });
      }
    }
    if (t.final !== undefined) {
      finals++;
      for (let i = 0; i < who.length; i++) add(who[i], FINAL, { rater: steps[i], reference: t.final });
    }
    humanUnits.push(steps.filter((_, i) => raters[who[i]].source === "human"));
    allUnits.push(steps);
  }

  const order = raters
    .map((_, i) => i)
    .sort((a, b) => ORDER[raters[a].source] - ORDER[raters[b].source] || raters[a].name.localeCompare(raters[b].name));
  const rank = new Array<number>(R + 1);
  order.forEach((r, pos) => (rank[r] = pos));
  rank[FINAL] = -1;
  const rowsOf = (final: boolean): PairRow[] =>
    [...pairs.entries()]
      .map(([k, ps]) => ({ a: Math.floor(k / (R + 1)), b: k % (R + 1), ps }))
      .filter(({ b }) => (b === FINAL) === final)
      .sort((x, y) => rank[x.a] - rank[y.a] || rank[x.b] - rank[y.b])
      .map(({ a, b, ps }) => ({
        rater: stripCount(raters[a]),
        reference: b === FINAL ? FINAL_RATER : stripCount(raters[b]),
        stats: pairStats(ps),
      }));
  return {
    raters: order.map((i) => raters[i]),
    pairs: rowsOf(false),
    vsFinal: rowsOf(true),
    finals,
    alphaHumans: nominalAlpha(humanUnits),
    alphaAll: nominalAlpha(allUnits),
  };
}

const stripCount = ({ key, source, name }: Rater): Rater => ({ key, source, name });
