import { z } from "zod";
import { TraceFilter } from "@/lib/core/filters";

// A work queue's settings (issue 13 §2), shared by the create form, the CLI and the data layer.
export const QUEUE_TASKS = ["label", "review", "adjudicate"] as const;
export type QueueTask = (typeof QUEUE_TASKS)[number];
export const QUEUE_ORDERS = ["filter", "triage"] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export const MAX_OVERLAP = 20;
export const MAX_RESERVE_MINUTES = 24 * 60;

// A person's name as the header / sign-in writes it: no commas (the assignee list is comma-separated in the CLI).
const Name = z
  .string()
  .trim()
  .min(1, "a name is empty")
  .max(100, "a name is longer than 100 characters")
  .refine((s) => !s.includes(","), "a name contains a comma");

export const QueueConfig = z.object({
  name: z.string().trim().min(1, "Give the queue a name").max(120, "At most 120 characters"),
  task: z.enum(QUEUE_TASKS),
  overlap: z.coerce
    .number()
    .int("Overlap is a whole number")
    .min(1, "Overlap is at least 1")
    .max(MAX_OVERLAP, `Overlap is at most ${MAX_OVERLAP}`),
  assignees: z
    .array(Name)
    .max(200)
    .default([])
    .transform((a) => [...new Set(a)].sort()),
  reserveMinutes: z.coerce
    .number()
    .int("Minutes are a whole number")
    .min(1, "At least 1 minute")
    .max(MAX_RESERVE_MINUTES, `At most ${MAX_RESERVE_MINUTES} minutes`)
    .default(30),
  blind: z.boolean().default(true),
  order: z.enum(QUEUE_ORDERS).default("filter"),
  vsModel: z.boolean().default(false),
  vsImported: z.boolean().default(false),
  filter: TraceFilter.default({}),
});
export type QueueConfig = z.infer<typeof QueueConfig>;
export type QueueConfigInput = z.input<typeof QueueConfig>;

/** The filter as stored: keys in a fixed order, unset keys left out, so equal filters are equal text. */
export function canonicalFilter(f: TraceFilter): string {
  const keys = Object.keys(TraceFilter.shape).sort() as (keyof TraceFilter)[];
  const out: Record<string, string> = {};
  for (const k of keys) if (f[k] !== undefined && f[k] !== "") out[k] = String(f[k]);
  return JSON.stringify(out);
}

/** A stored filter back; a row written by hand that no longer parses is refused by name, not widened to "everything". */
export function readFilter(text: string): TraceFilter {
  const r = TraceFilter.strict().safeParse(JSON.parse(text));
  if (!r.success)
    throw new Error(
      `Stored queue filter is invalid: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return r.data;
}

/**
 * The CLI's `--filter "status=todo&generator=x"` (the list URL's query string, with or without
 * the leading "?"). Unlike the list page, an unknown key or a bad value is an error: a typo must
 * not silently queue the whole dataset.
 */
export function parseFilterText(text: string): { ok: true; filter: TraceFilter } | { ok: false; error: string } {
  const p = new URLSearchParams(text.trim().replace(/^\?/, ""));
  const known = Object.keys(TraceFilter.shape);
  const raw: Record<string, string> = {};
  for (const [k, v] of p) {
    if (!known.includes(k)) return { ok: false, error: `--filter: unknown key "${k}" (known: ${known.join(", ")})` };
    raw[k] = v;
  }
  const r = TraceFilter.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, error: `--filter: ${i.path.join(".")}: ${i.message}` };
  }
  return { ok: true, filter: r.data };
}

/** The assigned list from text ("a, b"): empty means anyone. */
export const splitNames = (s: string): string[] =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
