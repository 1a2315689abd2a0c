import { Badge } from "@/components/ui/badge";
import type { InterventionScore } from "@/lib/data/onpolicy-trace";

/** Mean NLL of the intervention under the scoring model (nats/token) and its token count; "outlier" above the dataset's fence. */
export function OnpolicyScore({ score }: { score: InterventionScore | undefined }) {
  if (!score || score.nllMean === null) return null;
  const ctx =
    score.fence === null
      ? ""
      : ` · dataset median ${score.median?.toFixed(3)}, outlier above ${score.fence.toFixed(3)} (Q3 + 1.5 IQR)`;
  return (
    <span
      className="inline-flex items-center gap-1"
      data-testid="onpolicy-score"
      title={`mean negative log-likelihood of the intervention's ${score.nllTokens} tokens under ${score.nllModel}, given problem + prefix${ctx}`}
    >
      <span className="tabular-nums text-slate-700">NLL {score.nllMean.toFixed(3)}</span>
      <span className="text-slate-400">({score.nllTokens} tok)</span>
      {score.outlier && <Badge tone="red">outlier</Badge>}
    </span>
  );
}
