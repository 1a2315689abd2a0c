import { answerMarkdown } from "@/lib/render/answer";
import { DualText } from "./dual-text";

/** The reference solution and ground-truth answer; the panel scrolls on its own. */
export function ReferencePanel({ solution, answer, source }: { solution: string; answer: string; source: string }) {
  return (
    <div className="space-y-2 p-3 text-sm leading-relaxed">
      <div className="sticky top-0 -mx-3 -mt-3 flex items-baseline gap-2 border-b border-slate-200 bg-white/95 px-3 py-2">
        <h2 className="font-semibold">Reference solution</h2>
        {source && <span className="text-xs text-slate-500">{source}</span>}
      </div>
      <div data-testid="ground-truth" className="rounded border border-emerald-200 bg-emerald-50 px-2 py-1">
        <span className="text-xs font-medium text-emerald-800">Ground-truth answer</span>
        <DualText text={answer} rendered={answerMarkdown(answer)} empty="(no answer given)" />
      </div>
      <DualText text={solution} empty="(no reference solution)" />
    </div>
  );
}
