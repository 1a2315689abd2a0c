import type { ReviewData } from "@/components/review/types";

const stepText = (s: number | null) => (s === null ? "no error" : `step ${s}`);

/** Human vs model first error on this trace, e.g. "model says step 5, you said step 4". */
export function AgreementLine({
  data,
  modelLabels,
}: {
  data: ReviewData;
  modelLabels: { annotator: string; step: number | null }[];
}) {
  if (modelLabels.length === 0) return null;
  const mine = data.myLabel;
  const human = mine ? mine.step : data.humanStep;
  const who = mine ? "you said" : "a person said";
  const hasHuman = mine !== null || data.humanStep !== null;
  return (
    <ul data-testid="agreement" className="space-y-0.5 text-xs">
      {modelLabels.map((l) => {
        const agree = hasHuman && l.step === human;
        return (
          <li
            key={l.annotator}
            className={!hasHuman ? "text-slate-600" : agree ? "text-emerald-700" : "text-amber-800"}
          >
            <span title={l.annotator}>model says {stepText(l.step)}</span>
            {hasHuman ? `, ${who} ${stepText(human)}${agree ? " (agree)" : " (disagree)"}` : "; no human label yet"}
          </li>
        );
      })}
    </ul>
  );
}
