"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { buttonClass } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";

type Counts = { total: number; todo: number; labelled: number; curated: number };

/** Shown when n, Shift+A or Shift+R has no next trace: the end of the filtered list, its counts, the way back. */
export function EndOfList({
  datasetId,
  listHref,
  onClose,
}: {
  datasetId: string;
  listHref: string;
  onClose: () => void;
}) {
  const search = listHref.includes("?") ? listHref.slice(listHref.indexOf("?")) : "";
  const counts = useQuery({
    queryKey: ["datasets", "counts", datasetId, search],
    queryFn: async () => {
      const res = await fetch(`/api/datasets/${encodeURIComponent(datasetId)}/counts${search}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Counts;
    },
    staleTime: 0,
  });
  const c = counts.data;
  const n = (v: number) => v.toLocaleString("en");
  return (
    <div
      role="status"
      aria-label="End of the list"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
    >
      <span className="font-medium">End of the {search ? "filtered " : ""}list: this is its last trace.</span>
      {c && (
        <span data-testid="end-counts">
          {n(c.total)} {c.total === 1 ? "trace" : "traces"}: {n(c.curated)} curated, {n(c.labelled)} labelled,{" "}
          {n(c.todo)} to do.
        </span>
      )}
      {counts.error && <span className="text-rose-700">The counts could not be loaded.</span>}
      <Link href={listHref} className={buttonClass("primary", "xs")}>
        Back to the list <Kbd>g</Kbd>
      </Link>
      <button type="button" onClick={onClose} className="ml-auto text-xs text-indigo-700 hover:underline">
        dismiss
      </button>
    </div>
  );
}
