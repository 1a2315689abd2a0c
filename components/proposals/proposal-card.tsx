import type { ProposalView } from "@/lib/data/proposal-queries";
import { Badge } from "@/components/ui/badge";

// One model proposal as a suggestion. Model text is shown as plain text only (never as HTML).
// Parse failures show their reason and the raw output so a parser fix can be judged; a proposal
// the leak filter held back shows why ("held back: contains the answer ...") with its text.

function Raw({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <details className="rounded border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-slate-600">{label}</summary>
      <pre className="max-h-80 overflow-auto px-2 py-1 text-xs whitespace-pre-wrap break-words">{text}</pre>
    </details>
  );
}

export function ProposalCard({ p }: { p: Omit<ProposalView, "createdAt"> }) {
  const truncation = p.sampling.truncation as
    { attemptTokensCut?: number; replyTokensCut?: number; limit?: number } | null | undefined;
  return (
    <article
      aria-label={`Proposal ${p.sample + 1} by ${p.model}`}
      className="space-y-2 rounded-md border border-violet-200 bg-white p-3 text-sm"
    >
      <header className="flex flex-wrap items-center gap-2">
        <Badge tone="violet">model</Badge>
        <span className="font-mono text-xs text-slate-600">{p.model}</span>
        <span className="text-xs text-slate-500">sample {p.sample + 1}</span>
        {p.outcome === "no_error" ? (
          <Badge
            tone="green"
            title='The model found no critical error and left the intervention empty (its first-error label is "no error")'
          >
            no critical error
          </Badge>
        ) : p.outcome === "parsed" ? (
          <Badge tone="green">step {p.location}</Badge>
        ) : p.outcome === "held_back" ? (
          <Badge tone="amber" title={p.parseReason ?? ""}>
            held back · step {p.location}
          </Badge>
        ) : (
          <Badge tone="red" title={p.parseReason ?? ""}>
            parse failed
          </Badge>
        )}
        {p.interventionStatus && <Badge tone="blue">{p.interventionStatus}</Badge>}
        {p.truncated && (
          <Badge
            tone="amber"
            title={
              truncation
                ? `limit ${truncation.limit} tokens; cut ${truncation.attemptTokensCut ?? 0} attempt + ${truncation.replyTokensCut ?? 0} reply tokens`
                : ""
            }
          >
            prompt truncated
          </Badge>
        )}
        <span
          className="ml-auto font-mono text-xs text-slate-400"
          title={`template ${p.templateId ?? "?"} ${p.templateHash}`}
        >
          tpl {p.templateHash.slice(0, 8)} · {p.promptTokens ?? "?"} tok
        </span>
      </header>
      {p.outcome === "held_back" && (
        <p className="text-xs font-medium text-amber-800" data-testid="held-back-reason">
          {p.heldBack}
        </p>
      )}
      {p.outcome === "parse_failed" && <p className="text-xs text-rose-700">{p.parseReason}</p>}
      {p.content !== null && (
        <div>
          <div className="text-xs font-medium text-slate-600">
            Intervention{p.location !== null ? ` at step ${p.location}` : ""}
          </div>
          <p className="whitespace-pre-wrap break-words">{p.content}</p>
        </div>
      )}
      <Raw label="Critical-error report" text={p.errorReport} />
      <Raw label="Verification log" text={p.verificationLog} />
      <Raw label="Raw turn-2 output" text={p.turn2Raw} />
      <Raw label="Turn-1 solution" text={p.turn1Raw} />
    </article>
  );
}
