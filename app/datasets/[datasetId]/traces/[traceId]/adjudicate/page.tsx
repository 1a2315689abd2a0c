import Link from "next/link";
import { notFound } from "next/navigation";
import { currentActor } from "@/lib/auth/actor";
import { roleAtLeast } from "@/lib/core/roles";
import { parseTraceFilter, traceFilterToSearch } from "@/lib/core/filters";
import { getAdjudicationHeading } from "@/lib/data/adjudication";
import { AdjudicateRoute } from "@/components/adjudicate/adjudicate-route";
import { withheldLabels } from "@/lib/data/blind-labels";
import { blindNotice } from "@/lib/core/queues/blind";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ datasetId: string; traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Every label of one trace side by side; a curator sets the final label (issue 13 §3). */
export default async function AdjudicatePage({ params, searchParams }: Props) {
  const [{ datasetId, traceId }, sp, who] = await Promise.all([params, searchParams, currentActor()]);
  const trace = await getAdjudicationHeading(traceId);
  if (!trace || trace.datasetId !== datasetId) notFound();
  // a curator labelling this trace in a blind queue may not see the labels side by side yet (lib/core/queues/blind.ts)
  const withheld = (await withheldLabels(who, datasetId, [traceId])).get(traceId) ?? [];
  const back = `/datasets/${datasetId}/traces/${traceId}${traceFilterToSearch(parseTraceFilter(sp))}`;
  return (
    <div className="mx-auto max-w-5xl space-y-3">
      <div>
        <p className="text-xs text-slate-500">
          <Link className="hover:underline" href={`/datasets/${datasetId}`}>
            {trace.dataset.name}
          </Link>{" "}
          /{" "}
          <Link className="hover:underline" href={back}>
            trace {trace.externalId ?? traceId.slice(-8)}
          </Link>{" "}
          / adjudicate
        </p>
        <h1 className="text-lg font-semibold">Adjudicate the first error</h1>
      </div>
      {withheld.length > 0 ? (
        <p role="note" className="rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          {blindNotice(withheld)}.
        </p>
      ) : who && roleAtLeast(who.role, "curator") ? (
        <AdjudicateRoute traceId={traceId} backHref={back} />
      ) : (
        <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-600">
          Adjudication needs the curator role{who ? `; you are ${who.role}` : ""}.
        </p>
      )}
    </div>
  );
}
