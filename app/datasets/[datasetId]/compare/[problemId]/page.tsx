import Link from "next/link";
import { notFound } from "next/navigation";
import { alignSteps, firstDivergence } from "@/lib/core/compare/align";
import { findSameMistake } from "@/lib/core/compare/same-mistake";
import { splitSteps } from "@/lib/core/steps";
import { getDataset } from "@/lib/data/datasets";
import { getProblemSides, getTraceWithError, readDecision, type SideTrace } from "@/lib/data/compare";
import { getAttemptWithText } from "@/lib/data/compare-attempts";
import { answerMarkdown } from "@/lib/render/answer";
import { MathMarkdown } from "@/components/math/math-markdown";
import { AlignedSteps } from "@/components/compare/aligned-steps";
import { AttemptPicker } from "@/components/compare/attempt-picker";
import { SameMistakeFlag } from "@/components/compare/same-mistake-flag";
import { TraceDiff } from "@/components/compare/trace-diff";
import { currentActor } from "@/lib/auth/actor";
import { withheldLabels } from "@/lib/data/blind-labels";
import { blindNotice } from "@/lib/core/queues/blind";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string; problemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProblemComparePage({ params, searchParams }: Props) {
  const { datasetId, problemId } = await params;
  const sp = await searchParams;
  const a = one(sp.a) ?? "";
  const b = one(sp.b) ?? "";
  const dataset = await getDataset(datasetId);
  const sides = dataset ? await getProblemSides(datasetId, problemId, a, b) : null;
  if (!dataset || !sides) notFound();
  // default pair: A's first wrong attempt vs B's first right one (the flip), else the first ones
  const ta = sides.a.find((t) => t.id === one(sp.ta)) ?? sides.a.find((t) => t.correct === false) ?? sides.a[0];
  const tb = sides.b.find((t) => t.id === one(sp.tb)) ?? sides.b.find((t) => t.correct === true) ?? sides.b[0];
  // a correct sampled attempt (kind "attempt") has no trace: its text comes from the Rollout row
  const load = (t: SideTrace | undefined) =>
    !t ? null : t.kind === "attempt" ? getAttemptWithText(t.id, problemId) : getTraceWithError(t.id);
  const who = await currentActor();
  const [ra, rb, withheld] = await Promise.all([
    load(ta),
    load(tb),
    // blind label queues: the base trace's first error is someone's label (lib/core/queues/blind.ts)
    withheldLabels(who, datasetId, ta?.kind === "trace" ? [ta.id] : []),
  ]);
  const hidden = ta ? withheld.get(ta.id) : undefined;
  const bothTraces = ta?.kind === "trace" && tb?.kind === "trace";
  const back = `/datasets/${datasetId}/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
  const stepsA = ra ? splitSteps(ra.text) : [];
  const stepsB = rb ? splitSteps(rb.text) : [];
  const pairs = alignSteps(stepsA, stepsB);
  const div = firstDivergence(pairs);
  const errStep = hidden ? null : (ra?.errorStep ?? null);
  const same = errStep !== null && errStep <= stepsA.length ? findSameMistake(stepsA[errStep - 1], stepsB) : null;
  const decision = ra && rb && bothTraces ? readDecision(sides.problem.metadata, ra.id, rb.id) : null;
  const verdict = (c: boolean | null | undefined) => (c === true ? "correct" : c === false ? "wrong" : "ungraded");
  return (
    <div className="mx-auto max-w-7xl space-y-3">
      <div>
        <p className="text-xs text-slate-500">
          <Link className="hover:underline" href={`/datasets/${datasetId}`}>
            {dataset.name}
          </Link>{" "}
          /{" "}
          <Link className="hover:underline" href={back}>
            compare
          </Link>{" "}
          / problem
        </p>
        <h1 className="text-lg font-semibold">
          Side by side: <span className="font-mono text-base">{a}</span> vs{" "}
          <span className="font-mono text-base">{b}</span>
        </h1>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-3 text-sm" aria-label="problem">
        <MathMarkdown text={sides.problem.statement} />
        {sides.problem.answer && (
          <div className="mt-1 flex items-baseline gap-1 text-xs text-slate-500">
            Answer: <MathMarkdown text={answerMarkdown(sides.problem.answer)} />
          </div>
        )}
      </section>
      <AttemptPicker a={sides.a} b={sides.b} ta={ta?.id} tb={tb?.id} search={{ a, b }} sampled={sides.sampled} />
      {!ra || !rb ? (
        <p className="rounded-lg border border-slate-200 bg-white py-8 text-center text-sm text-slate-500">
          One of the two models has no attempt on this problem.
        </p>
      ) : (
        <>
          <section
            className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm md:grid-cols-3"
            aria-label="summary"
          >
            <div>
              <span className="text-slate-500">A:</span> {verdict(ra.correct)}
              {ta?.kind === "attempt" ? " (sampled attempt)" : ""}, {stepsA.length} steps ·{" "}
              <span className="text-slate-500">B:</span> {verdict(rb.correct)}
              {tb?.kind === "attempt" ? " (sampled attempt)" : ""}, {stepsB.length} steps
            </div>
            <div data-testid="first-divergence">
              {div ? (
                <>
                  First divergence: A step {div.a ?? "–"} / B step {div.b ?? "–"}
                </>
              ) : (
                "The two traces have the same steps"
              )}
            </div>
            <div>
              {hidden ? (
                <span className="text-amber-800" data-testid="blind-label">
                  Base first error: {blindNotice(hidden)}
                </span>
              ) : errStep ? (
                <>
                  Base first error: <strong className="text-rose-700">step {errStep}</strong>{" "}
                  <span className="text-xs text-slate-500">({ra.errorSource})</span>
                </>
              ) : ra.errorSource ? (
                "Base: labelled no error"
              ) : (
                "Base trace not labelled yet"
              )}
            </div>
          </section>
          {errStep !== null && bothTraces && (
            <SameMistakeFlag
              datasetId={datasetId}
              problemId={problemId}
              baseTraceId={ra.id}
              otherTraceId={rb.id}
              detected={same}
              decision={decision}
            />
          )}
          <AlignedSteps
            a={stepsA}
            b={stepsB}
            pairs={pairs}
            errStep={errStep}
            sameStep={same?.found ? same.step : null}
            divergenceRow={div?.row ?? null}
          />
          <TraceDiff a={ra.text} b={rb.text} titleA={`A: ${a}`} titleB={`B: ${b}`} />
        </>
      )}
    </div>
  );
}
