"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import type { PreviewToken } from "@/lib/data/token-preview";
import { useTokenPreview } from "./use-token-preview";

// The exact tokens of an intervention's trl-tokenized SFT row with the loss mask coloured:
// grey = prompt (labels -100), blue = prefix (trained), green = intervention (trained).
// Token text is rendered as React text (never as HTML); newlines show as ↵ and break lines.

const TEMPLATES = [
  { value: "qwen3-instruct-2507", label: "Qwen3 Instruct-2507" },
  { value: "qwen3-hybrid-nothink", label: "Qwen3 hybrid, no think" },
  { value: "model-file", label: "Model's own (INT_CHAT_TEMPLATE_FILE)" },
] as const;

const PART_CLASS: Record<PreviewToken["part"], [string, string]> = {
  prompt: ["bg-slate-100 text-slate-500", "bg-slate-200 text-slate-500"],
  prefix: ["bg-sky-100 text-sky-950", "bg-sky-200 text-sky-950"],
  intervention: ["bg-emerald-100 text-emerald-950", "bg-emerald-200 text-emerald-950"],
};

function Piece({ t, i }: { t: PreviewToken; i: number }) {
  const lines = t.text.split("\n");
  return (
    <span
      className={cn("rounded-sm", PART_CLASS[t.part][i % 2])}
      title={`#${i} id ${t.id} · ${t.part}${t.masked ? " · masked (-100)" : " · trained"}`}
      data-masked={t.masked ? "true" : "false"}
    >
      {lines.map((l, k) => (
        <span key={k}>
          {k > 0 && (
            <>
              <span aria-hidden className="text-slate-400">
                ↵
              </span>
              {"\n"}
            </>
          )}
          {l}
        </span>
      ))}
      {t.text === "" && (
        <span aria-hidden className="text-slate-400">
          ·
        </span>
      )}
    </span>
  );
}

/**
 * Collapsed by default (a toggle; tokens are fetched only when opened), so it can sit in every
 * intervention card. `version` (e.g. the intervention's version) refetches after an edit.
 */
export function TokenPreview({
  interventionId,
  version,
  defaultOpen = false,
}: {
  interventionId: string;
  version?: string | number;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const [template, setTemplate] = useState<string>("qwen3-instruct-2507");
  const q = useTokenPreview(interventionId, template, open, version);
  if (!open) {
    return (
      <button
        type="button"
        className="text-xs text-indigo-700 hover:underline"
        aria-expanded="false"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        Show training tokens
      </button>
    );
  }
  return (
    <section aria-label="Token preview" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <header className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="text-xs text-indigo-700 hover:underline"
          aria-expanded="true"
          onClick={(e) => {
            e.stopPropagation();
            setOpen(false);
          }}
        >
          Hide
        </button>
        <span className="font-medium text-slate-700">Training tokens</span>
        <select
          aria-label="Chat template"
          className="h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs"
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
        >
          {TEMPLATES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        {q.data && (
          <span className="flex flex-wrap gap-1.5" data-testid="token-counts">
            <Badge tone="slate" title="labels -100">
              {q.data.counts.prompt} prompt (masked)
            </Badge>
            <Badge tone="blue" title="trained">
              {q.data.counts.prefix} prefix
            </Badge>
            <Badge tone="green" title="trained">
              {q.data.counts.intervention} intervention
            </Badge>
            <span className="text-xs text-slate-500">
              {q.data.counts.total} tokens · no end-of-turn after the response
            </span>
            {q.data.excluded === "leakage" && (
              <Badge tone="amber">excluded from SFT exports: contains the answer</Badge>
            )}
          </span>
        )}
      </header>
      {q.isPending && <Skeleton className="h-24 w-full" />}
      {q.error && <p className="text-rose-700">Tokens unavailable: {(q.error as Error).message}</p>}
      {q.data && (
        <div className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded border border-slate-100 p-2 font-mono text-xs leading-5">
          {q.data.tokens.map((t, i) => (
            <Piece key={i} t={t} i={i} />
          ))}
        </div>
      )}
    </section>
  );
}
