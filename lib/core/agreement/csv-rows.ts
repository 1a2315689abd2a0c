import type { AgreementReport, PairRow, Rater } from "./report";

// The agreement report as CSV rows (Analysis "CSV" download): one row per pair, per rater vs the
// final label, and per alpha, every count beside its rate so a reader can recompute each number.

export type AgreementCsvRow = Record<string, string | number | null>;

const COLUMNS = [
  "table",
  "rater",
  "reference",
  "traces",
  "exact",
  "exact_rate",
  "within_one",
  "within_one_rate",
  "reference_erroneous",
  "erroneous_matched",
  "acc_erroneous",
  "reference_error_free",
  "error_free_matched",
  "acc_error_free",
  "processbench_f1",
  "alpha",
  "alpha_units",
] as const;

export const raterLabel = (r: Rater) =>
  r.key === "final:" ? "final label" : r.source === "human" ? r.name : `${r.source}: ${r.name}`;

function pairRow(table: string, p: PairRow): AgreementCsvRow {
  const s = p.stats;
  return {
    table,
    rater: raterLabel(p.rater),
    reference: raterLabel(p.reference),
    traces: s.n,
    exact: s.exact,
    exact_rate: s.exactRate,
    within_one: s.withinOne,
    within_one_rate: s.withinOneRate,
    reference_erroneous: s.erroneous,
    erroneous_matched: s.erroneousMatched,
    acc_erroneous: s.accErroneous,
    reference_error_free: s.errorFree,
    error_free_matched: s.errorFreeMatched,
    acc_error_free: s.accErrorFree,
    processbench_f1: s.f1,
    alpha: null,
    alpha_units: null,
  };
}

export function agreementCsvRows(r: AgreementReport): AgreementCsvRow[] {
  const blank = Object.fromEntries(COLUMNS.map((k) => [k, null]));
  const alpha = (who: string, a: AgreementReport["alphaHumans"]): AgreementCsvRow => ({
    ...blank,
    table: "krippendorff_alpha_nominal",
    rater: who,
    traces: a.units,
    alpha: a.alpha,
    alpha_units: a.units,
  });
  return [
    ...r.pairs.map((p) => pairRow("pair", p)),
    ...r.vsFinal.map((p) => pairRow("vs_final", p)),
    alpha("people", r.alphaHumans),
    alpha("all raters", r.alphaAll),
  ];
}
