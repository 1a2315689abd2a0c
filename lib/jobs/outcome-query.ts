import { z } from "zod";
import { OUTCOME_FILTERS } from "@/lib/data/job-outcomes";

// The outcome table's URL state (?filter=failed&after=<key>), shared by the page, its GET route
// and the CSV route; anything unreadable falls back to the first page of all items.
const Q = z.object({
  filter: z.enum(OUTCOME_FILTERS).catch("all"),
  after: z.string().max(2000).nullable().catch(null),
});
export type OutcomeQuery = z.infer<typeof Q>;

export function outcomeQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): OutcomeQuery {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return Array.isArray(v) ? v[0] : (v ?? null);
  };
  return Q.parse({ filter: get("filter") ?? "all", after: get("after") || null });
}
