import type { AdjudicationLabel } from "@/lib/data/adjudication";
import { Button } from "@/components/ui/button";

// Every label of the trace in one table: who, which step, the two method checks, the flags and
// the note (a note is untrusted text: shown as text, never as HTML).

export const raterName = (l: Pick<AdjudicationLabel, "source" | "annotator">) =>
  l.source === "human" ? l.annotator : `${l.source}: ${l.annotator}`;
export const stepWords = (step: number | null) => (step === null ? "no error" : `step ${step}`);
const check = (v: boolean | null) => (v === null ? "–" : v ? "yes" : "no");

export function LabelTable({
  labels,
  onTake,
}: {
  labels: AdjudicationLabel[];
  onTake: (l: AdjudicationLabel) => void;
}) {
  if (!labels.length)
    return (
      <p className="text-sm text-slate-500">
        Nobody labelled this trace yet: set the final label from the steps below.
      </p>
    );
  return (
    <table className="w-full text-sm" aria-label="labels">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th>rater</th>
          <th>first error</th>
          <th title="factual error or logical fallacy">check 1</th>
          <th title="not recovered later">check 2</th>
          <th>flags</th>
          <th>note</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {labels.map((l) => {
          const flags = [l.badProblem && "bad problem", l.badReference && "bad reference", l.unsure && "unsure"]
            .filter(Boolean)
            .join(", ");
          return (
            <tr
              key={`${l.source}:${l.annotator}`}
              className="border-t border-slate-100 align-top"
              data-testid="adjudication-label"
            >
              <td className="font-mono text-xs">{raterName(l)}</td>
              <td className="font-medium">{stepWords(l.step)}</td>
              <td>{check(l.checkFactual)}</td>
              <td>{check(l.checkNotRecovered)}</td>
              <td className="text-xs text-amber-700">{flags || "–"}</td>
              <td className="max-w-xs whitespace-pre-wrap break-words text-xs text-slate-600">{l.note || "–"}</td>
              <td>
                <Button size="xs" aria-label={`Take ${raterName(l)}'s label`} onClick={() => onTake(l)}>
                  Take
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
