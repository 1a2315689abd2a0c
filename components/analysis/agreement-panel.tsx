"use client";
import type { Agreement } from "@/lib/core/compare/agreement";
import { Bars } from "./bars";
import { ChartCard } from "./chart-card";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);

/** Model vs human first-error agreement, ProcessBench's metric, and the offset histogram. */
export function AgreementPanel({ a }: { a: Agreement }) {
  const b = a.buckets;
  const data = [
    { x: "model earlier", traces: b.earlier },
    { x: "same step", traces: b.same },
    { x: "model later", traces: b.later },
    { x: "model: no error", traces: b.missed },
    { x: "false alarm", traces: b.falseAlarm },
  ];
  const n = a.erroneous + a.correct;
  return (
    <ChartCard
      title="Model vs human first error"
      name="agreement-offset"
      note={
        n
          ? `${n.toLocaleString("en")} traces with both labels (human = the trace's label: final, else the people's when they agree, else imported) · ProcessBench metric: accuracy on erroneous ${pct(a.accErroneous)} (${a.erroneousCorrect}/${a.erroneous}), on correct ${pct(a.accCorrect)} (${a.correctCorrect}/${a.correct}), F1 ${pct(a.f1)}`
          : undefined
      }
      empty={n ? null : "No trace has both a human and a model label yet: run a propose job on labelled traces."}
      csv={[
        ...data.map((d) => ({ bucket: d.x, traces: d.traces, offset: null as number | null })),
        ...a.offsets.map((o) => ({ bucket: "offset (model - human)", traces: o.count, offset: o.offset })),
      ]}
    >
      <dl className="mb-2 grid grid-cols-3 gap-2 text-center text-xs" aria-label="agreement metrics">
        <div className="rounded bg-slate-50 p-1.5">
          <dt className="text-slate-500">acc. erroneous</dt>
          <dd className="text-base font-semibold">{pct(a.accErroneous)}</dd>
        </div>
        <div className="rounded bg-slate-50 p-1.5">
          <dt className="text-slate-500">acc. correct</dt>
          <dd className="text-base font-semibold">{pct(a.accCorrect)}</dd>
        </div>
        <div className="rounded bg-slate-50 p-1.5">
          <dt className="text-slate-500">F1</dt>
          <dd className="text-base font-semibold">{pct(a.f1)}</dd>
        </div>
      </dl>
      <Bars data={data} series={["traces"]} xLabel="model's first error vs the human's" yLabel="traces" height={230} />
    </ChartCard>
  );
}
