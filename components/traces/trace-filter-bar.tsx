"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { traceFilterToSearch, type TraceFilter } from "@/lib/core/filters";
import { Button } from "@/components/ui/button";

const SELECT = "h-7 rounded-md border border-slate-300 bg-white px-1.5 text-sm";

type Choice = readonly [value: string, text: string];
type SelectKey = "labelled" | "intervention" | "answer" | "imported" | "comments";
// a choice's value must be one the filter's zod enum (lib/core/filters.ts) accepts: tsc checks it
type SelectSpec = {
  [K in SelectKey]: {
    key: K;
    label: string;
    title?: string;
    choices: readonly (readonly [NonNullable<TraceFilter[K]>, string])[];
  };
}[SelectKey];

// The fixed-choice filters, in the order the bar shows them (each starts with "any").
const SELECTS: readonly SelectSpec[] = [
  {
    key: "labelled",
    label: "Human label",
    choices: [
      ["yes", "labelled"],
      ["no", "not labelled"],
    ],
  },
  {
    key: "intervention",
    label: "Intervention",
    choices: [
      ["yes", "has one"],
      ["no", "none"],
    ],
  },
  {
    key: "answer",
    label: "Answer",
    title: "Imported (e.g. ProcessBench final_answer_correct), else graded against the ground-truth answer",
    choices: [
      ["wrong", "wrong"],
      ["correct", "correct"],
      ["unknown", "cannot be graded"],
    ],
  },
  {
    key: "imported",
    label: "Imported label",
    choices: [
      ["error", "error"],
      ["no-error", "no error"],
    ],
  },
  {
    key: "comments",
    label: "Comments",
    title: "Traces with at least one comment that is not resolved",
    choices: [["open", "has open comments"]],
  },
];

/** One labelled select of the bar: "any" (no filter) and the given choices; "" goes back to "any". */
function FilterSelect(p: {
  label: string;
  title?: string;
  wide?: boolean;
  value: string | undefined;
  choices: readonly Choice[];
  onChange: (v: string | undefined) => void;
}) {
  return (
    <label className="flex items-center gap-1 text-slate-600" title={p.title}>
      {p.label}
      <select
        aria-label={p.label}
        className={p.wide ? `${SELECT} max-w-56` : SELECT}
        value={p.value ?? ""}
        onChange={(e) => p.onChange(e.target.value === "" ? undefined : e.target.value)}
      >
        <option value="">any</option>
        {p.choices.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Filters other than status (status is chosen with the count tabs). Every change goes to the URL and drops the cursor. */
export function TraceFilterBar({ filter, generators }: { filter: TraceFilter; generators: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(filter.q ?? "");
  const go = (patch: Partial<TraceFilter>) => router.push(pathname + traceFilterToSearch({ ...filter, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: q === "" ? undefined : q });
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
      {SELECTS.map((s) => (
        <FilterSelect
          key={s.key}
          label={s.label}
          title={s.title}
          value={filter[s.key]}
          choices={s.choices}
          onChange={(v) => go({ [s.key]: v } as Partial<TraceFilter>)}
        />
      ))}
      <FilterSelect
        label="Generator"
        wide
        value={filter.generator}
        choices={generators.filter((g) => g !== "").map((g) => [g, g] as const)}
        onChange={(v) => go({ generator: v })}
      />
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
