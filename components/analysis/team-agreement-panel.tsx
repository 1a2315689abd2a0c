"use client";
import { toCsv } from "@/lib/core/compare/csv";
import { agreementCsvRows, raterLabel } from "@/lib/core/agreement/csv-rows";
import type { AgreementReport, PairRow } from "@/lib/core/agreement/report";
import type { AlphaResult } from "@/lib/core/agreement/krippendorff";
import { Button } from "@/components/ui/button";
import { downloadCsv } from "./download";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
const frac = (a: number, b: number) => (
  <span className="text-slate-400">
    {" "}
    ({a}/{b})
  </span>
);

function PairTable({ rows, caption }: { rows: PairRow[]; caption: string }) {
  return (
    <table className="w-full text-sm" aria-label={caption}>
      <caption className="text-left text-xs font-medium text-slate-600">{caption}</caption>
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th>rater</th>
          <th>reference</th>
          <th className="text-right">traces</th>
          <th className="text-right">exact step</th>
          <th className="text-right">within one step</th>
          <th className="text-right" title="ProcessBench: on traces the reference marks erroneous, the same step">
            acc. erroneous
          </th>
          <th className="text-right" title="ProcessBench: on traces the reference marks error-free, 'no error'">
            acc. error-free
          </th>
          <th className="text-right" title="harmonic mean of the two accuracies (ProcessBench's F1)">
            F1
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => {
          const s = p.stats;
          return (
            <tr key={`${p.rater.key}\u0000${p.reference.key}`} className="border-t border-slate-100">
              <td className="font-mono text-xs">{raterLabel(p.rater)}</td>
              <td className="font-mono text-xs">{raterLabel(p.reference)}</td>
              <td className="text-right tabular-nums">{s.n}</td>
              <td className="text-right tabular-nums">
                {pct(s.exactRate)}
                {frac(s.exact, s.n)}
              </td>
              <td className="text-right tabular-nums">
                {pct(s.withinOneRate)}
                {frac(s.withinOne, s.n)}
              </td>
              <td className="text-right tabular-nums">
                {pct(s.accErroneous)}
                {frac(s.erroneousMatched, s.erroneous)}
              </td>
              <td className="text-right tabular-nums">
                {pct(s.accErrorFree)}
                {frac(s.errorFreeMatched, s.errorFree)}
              </td>
              <td className="text-right tabular-nums">{pct(s.f1)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const alphaText = (a: AlphaResult) => (a.alpha === null ? "undefined" : a.alpha.toFixed(3));

/** Agreement between people, models and the imported label, and of each with the final (adjudicated) label. */
export function TeamAgreementPanel({ report, name }: { report: AgreementReport; name: string }) {
  const title = "Agreement between annotators";
  const empty = report.pairs.length === 0 && report.vsFinal.length === 0;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3" aria-label={title}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold">{title}</h2>
          <p className="text-xs text-slate-500">
            Over the traces a person labelled. A model is scored like an annotator, against each person and the final
            label; two raters of the same kind are listed both ways (ProcessBench&apos;s accuracies depend on which is
            the reference).
          </p>
        </div>
        {!empty && (
          <Button
            size="xs"
            aria-label={`Download ${title} data as CSV`}
            onClick={() => downloadCsv(toCsv(agreementCsvRows(report)), `${name}-agreement`)}
          >
            CSV
          </Button>
        )}
      </div>
      {empty ? (
        <p className="py-6 text-center text-sm text-slate-500">
          No trace has labels of two raters yet: have two people label the same traces (a label queue with overlap 2).
        </p>
      ) : (
        <div className="space-y-3 overflow-x-auto">
          <dl className="grid grid-cols-2 gap-2 text-center text-xs sm:grid-cols-4" aria-label="Krippendorff's alpha">
            <div className="rounded bg-slate-50 p-1.5">
              <dt className="text-slate-500">α (nominal), people</dt>
              <dd className="text-base font-semibold">{alphaText(report.alphaHumans)}</dd>
              <dd className="text-slate-400">
                {report.alphaHumans.units} {report.alphaHumans.units === 1 ? "trace" : "traces"}
              </dd>
            </div>
            <div className="rounded bg-slate-50 p-1.5">
              <dt className="text-slate-500">α (nominal), all raters</dt>
              <dd className="text-base font-semibold">{alphaText(report.alphaAll)}</dd>
              <dd className="text-slate-400">
                {report.alphaAll.units} {report.alphaAll.units === 1 ? "trace" : "traces"}
              </dd>
            </div>
            <div className="rounded bg-slate-50 p-1.5">
              <dt className="text-slate-500">raters</dt>
              <dd className="text-base font-semibold">{report.raters.length}</dd>
            </div>
            <div className="rounded bg-slate-50 p-1.5">
              <dt className="text-slate-500">adjudicated traces</dt>
              <dd className="text-base font-semibold">{report.finals}</dd>
            </div>
          </dl>
          {report.pairs.length > 0 && <PairTable rows={report.pairs} caption="Per pair of raters" />}
          {report.vsFinal.length > 0 ? (
            <PairTable rows={report.vsFinal} caption="Per rater against the final label" />
          ) : (
            <p className="text-xs text-slate-500">
              No final label yet: adjudicate a trace to score each rater against it.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
