"use client";
import { useState, useTransition } from "react";
import { decideSameMistake } from "@/lib/actions/compare";
import type { SameMistake } from "@/lib/core/compare/same-mistake";
import type { SameMistakeDecision } from "@/lib/data/compare";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Props = {
  datasetId: string;
  problemId: string;
  baseTraceId: string;
  otherTraceId: string;
  detected: SameMistake | null;
  decision: SameMistakeDecision | null;
};

/** The detector's suggestion and the researcher's decision (confirm / clear / undecided). */
export function SameMistakeFlag({ datasetId, problemId, baseTraceId, otherTraceId, detected, decision }: Props) {
  const [cur, setCur] = useState(decision);
  const [msg, setMsg] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const found = detected?.found ? detected : null;
  const decide = (state: "confirmed" | "cleared" | null) =>
    start(async () => {
      const r = await decideSameMistake({
        datasetId,
        problemId,
        baseTraceId,
        otherTraceId,
        state,
        expected: cur?.state ?? null,
        step: found?.step ?? null,
      });
      if (r.ok) {
        setCur(r.data);
        setMsg(null);
      } else setMsg(r.error);
    });
  return (
    <section
      className="flex flex-wrap items-center gap-2 rounded-lg border border-amber-200 bg-amber-50/50 px-3 py-2 text-sm"
      aria-label="same mistake flag"
    >
      {found ? (
        <span>
          <Badge tone="amber">same mistake?</Badge> B step {found.step} repeats the base error step{" "}
          {found.kind === "text" ? (
            "(nearly the same text)"
          ) : (
            <>
              (claim <code className="font-mono">{found.claim}</code>
              {found.matches.length > 1 ? `, +${found.matches.length - 1} more` : ""})
            </>
          )}
        </span>
      ) : (
        <span>
          <Badge tone="green">not detected</Badge> the base error step&apos;s text and claims do not reappear in B
        </span>
      )}
      <span className="ml-auto text-xs text-slate-600" data-testid="same-mistake-decision">
        {cur ? `${cur.state} by ${cur.by} at ${cur.at.slice(11, 16)} UTC` : "undecided"}
      </span>
      <Button
        size="xs"
        variant={cur?.state === "confirmed" ? "primary" : "secondary"}
        disabled={pending}
        onClick={() => decide("confirmed")}
      >
        Confirm same mistake
      </Button>
      <Button
        size="xs"
        variant={cur?.state === "cleared" ? "primary" : "secondary"}
        disabled={pending}
        onClick={() => decide("cleared")}
      >
        Clear flag
      </Button>
      {cur && (
        <Button size="xs" variant="ghost" disabled={pending} onClick={() => decide(null)}>
          Reset
        </Button>
      )}
      {msg && (
        <p role="alert" className="w-full text-xs text-rose-700">
          {msg}
        </p>
      )}
    </section>
  );
}
