"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { traceFilterToSearch, type TraceFilter } from "@/lib/core/filters";
import { Button } from "@/components/ui/button";

const SELECT = "h-7 rounded-md border border-slate-300 bg-white px-1.5 text-sm";

/** Filters other than status (status is chosen with the count tabs). Every change goes to the URL and drops the cursor. */
export function TraceFilterBar({ filter, generators }: { filter: TraceFilter; generators: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(filter.q ?? "");
  const go = (patch: Partial<TraceFilter>) => router.push(pathname + traceFilterToSearch({ ...filter, ...patch }));
  const pick = (v: string) => (v === "" ? undefined : v);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: pick(q) });
  };
  const active =
    filter.labelled ||
    filter.intervention ||
    filter.generator !== undefined ||
    filter.answer ||
    filter.imported ||
    filter.q ||
    filter.status ||
    filter.comments;

  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-center gap-2 text-sm"
      role="search"
      aria-label="Trace filters"
    >
      <label className="flex items-center gap-1 text-slate-600">
        Human label
        <select
          aria-label="Human label"
          className={SELECT}
          value={filter.labelled ?? ""}
          onChange={(e) => go({ labelled: pick(e.target.value) as TraceFilter["labelled"] })}
        >
          <option value="">any</option>
          <option value="yes">labelled</option>
          <option value="no">not labelled</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-slate-600">
        Intervention
        <select
          aria-label="Intervention"
          className={SELECT}
          value={filter.intervention ?? ""}
          onChange={(e) => go({ intervention: pick(e.target.value) as TraceFilter["intervention"] })}
        >
          <option value="">any</option>
          <option value="yes">has one</option>
          <option value="no">none</option>
        </select>
      </label>
      <label
        className="flex items-center gap-1 text-slate-600"
        title="Imported (e.g. ProcessBench final_answer_correct), else graded against the ground-truth answer"
      >
        Answer
        <select
          aria-label="Answer"
          className={SELECT}
          value={filter.answer ?? ""}
          onChange={(e) => go({ answer: pick(e.target.value) as TraceFilter["answer"] })}
        >
          <option value="">any</option>
          <option value="wrong">wrong</option>
          <option value="correct">correct</option>
          <option value="unknown">cannot be graded</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-slate-600">
        Imported label
        <select
          aria-label="Imported label"
          className={SELECT}
          value={filter.imported ?? ""}
          onChange={(e) => go({ imported: pick(e.target.value) as TraceFilter["imported"] })}
        >
          <option value="">any</option>
          <option value="error">error</option>
          <option value="no-error">no error</option>
        </select>
      </label>
      <label
        className="flex items-center gap-1 text-slate-600"
        title="Traces with at least one comment that is not resolved"
      >
        Comments
        <select
          aria-label="Comments"
          className={SELECT}
          value={filter.comments ?? ""}
          onChange={(e) => go({ comments: pick(e.target.value) as TraceFilter["comments"] })}
        >
          <option value="">any</option>
          <option value="open">has open comments</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-slate-600">
        Generator
        <select
          aria-label="Generator"
          className={`${SELECT} max-w-56`}
          value={filter.generator ?? ""}
          onChange={(e) => go({ generator: pick(e.target.value) })}
        >
          <option value="">any</option>
          {generators
            .filter((g) => g !== "")
            .map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
        </select>
      </label>
      <input
        type="search"
        aria-label="Search text"
        placeholder="Search problem or trace text"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="h-7 w-64 rounded-md border border-slate-300 bg-white px-2"
      />
      <Button type="submit" size="sm">
        Search
      </Button>
      {active && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ("");
            router.push(pathname);
          }}
        >
          Clear filters
        </Button>
      )}
    </form>
  );
}
