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
  const byTrace = new Map<string, { final?: Step; by: Map<string, Step> }>();
  const raters = new Map<string, Rater & { labels: number }>();
  for (const r of rows) {
    const t = byTrace.get(r.traceId) ?? { by: new Map<string, Step>() };
    byTrace.set(r.traceId, t);
    if (r.source === "final") t.final = r.step;
    else if (SOURCES.includes(r.source)) {
      const rater = raters.get(`${r.source}:${r.annotator}`) ?? { ...raterOf(r.source as RaterSource, r.annotator), labels: 0 };
      rater.labels++;
      raters.set(rater.key, rater);
      t.by.set(rater.key, r.step);
    }
  }
  const list = [...raters.values()].sort((a, b) => ORDER[a.source] - ORDER[b.source] || a.name.localeCompare(b.name));

  const pairs = new Map<string, StepPair[]>(); // "rater NUL reference" -> pairs (NUL never occurs in a name)
  const add = (rater: string, reference: string, p: StepPair) => {
    const k = `${rater}\u0000${reference}`;
    const arr = pairs.get(k) ?? [];
    arr.push(p);
    pairs.set(k, arr);
  };
  const humanUnits: Step[][] = [];
  const allUnits: Step[][] = [];
  let finals = 0;
  for (const t of byTrace.values()) {
    const keys = [...t.by.keys()];
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = raters.get(keys[i])!, b = raters.get(keys[j])!;
        const sa = t.by.get(a.key)!, sb = t.by.get(b.key)!;
        if (tier(a.source) <= tier(b.source)) add(b.key, a.key, { rater: sb, reference: sa });
        if (tier(b.source) <= tier(a.source)) add(a.key, b.key, { rater: sa, reference: sb });
      }
    }
    if (t.final !== undefined) {
      finals++;
      for (const [k, s] of t.by) add(k, FINAL_RATER.key, { rater: s, reference: t.final });
    }
    humanUnits.push(keys.filter((k) => raters.get(k)!.source === "human").map((k) => t.by.get(k)!));
    allUnits.push([...t.by.values()]);
  }

  const rank = new Map(list.map((r, i) => [r.key, i]));
  const rowsOf = (final: boolean): PairRow[] =>
    [...pairs.entries()]
      .filter(([k]) => k.endsWith(`\u0000${FINAL_RATER.key}`) === final)
      .map(([k, ps]) => {
        const [a, b] = k.split("\u0000");
        return { rater: raters.get(a)!, reference: b === FINAL_RATER.key ? FINAL_RATER : raters.get(b)!, stats: pairStats(ps) };
      })
      .sort((x, y) => rank.get(x.rater.key)! - rank.get(y.rater.key)! || (rank.get(x.reference.key) ?? -1) - (rank.get(y.reference.key) ?? -1));
  return {
    raters: list,
    pairs: rowsOf(false),
    vsFinal: rowsOf(true),
    finals,
    alphaHumans: nominalAlpha(humanUnits),
    alphaAll: nominalAlpha(allUnits),
  };
}
