import { z } from "zod";

// Trace-list filters. They live in the URL (?status=todo&gen=...&q=...) so a view can be
// shared and so "export what I see" and review navigation (next/previous trace) use the
// exact same selection as the list.
export const TraceFilter = z.object({
  status: z.enum(["todo", "labelled", "curated"]).optional(),
  labelled: z.enum(["yes", "no"]).optional(), // has a human first-error label
  intervention: z.enum(["yes", "no"]).optional(), // has a non-rejected intervention
  generator: z.string().max(200).optional(),
  answer: z.enum(["correct", "wrong", "unknown"]).optional(), // final answer: imported, else graded
  imported: z.enum(["error", "no-error"]).optional(), // the imported first-error label (e.g. ProcessBench)
  q: z.string().max(500).optional(), // substring of the problem statement or trace text
  comments: z.enum(["open"]).optional(), // has at least one open (unresolved) comment
});
export type TraceFilter = z.infer<typeof TraceFilter>;

const KEYS = ["status", "labelled", "intervention", "generator", "answer", "imported", "q", "comments"] as const;

/** Parse filters from URLSearchParams or a Next `searchParams` record; unknown or invalid values are dropped. */
export function parseTraceFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): TraceFilter {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === null || s === undefined || s === "" ? undefined : s;
  };
  const out: TraceFilter = {};
  for (const k of KEYS) {
    const r = TraceFilter.shape[k].safeParse(get(k));
    if (r.success && r.data !== undefined) (out as Record<string, string>)[k] = r.data;
  }
  return out;
}

export function traceFilterToSearch(f: TraceFilter): string {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k] !== undefined) p.set(k, String(f[k]));
  const s = p.toString();
  return s ? `?${s}` : "";
}
