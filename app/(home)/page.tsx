import Link from "next/link";
import { listDatasetSummaries } from "@/lib/data/datasets";
import { DatasetTable } from "@/components/datasets/dataset-table";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";

export default async function DatasetsPage() {
  const datasets = await listDatasetSummaries();
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">Datasets</h1>
        <Link href="/import" className={buttonClass("primary", "sm")}>
          Import a file
        </Link>
      </div>
      {datasets.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No datasets yet:{" "}
          <Link href="/import" className="font-medium text-indigo-700 hover:underline">
            import a JSONL file
          </Link>
          .
        </div>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white px-4 py-1">
          <DatasetTable datasets={datasets} />
        </div>
      )}
    </div>
  );
}
