import { listDatasetNames } from "@/lib/data/datasets";
import { UploadForm } from "@/components/import/upload-form";
import { importFormatChoices } from "@/lib/core/formats/registry";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const datasets = await listDatasetNames();
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <div>
        <h1 className="text-lg font-semibold">Import</h1>
        <p className="text-sm text-slate-600">
          JSONL, JSON or Parquet: InT rows (<code>problem, answer, reference_solution, incorrect_attempt</code>),
          ProcessBench, PRM800K, or problem sets without traces. An import is all or nothing, and importing the same
          file twice adds nothing.
        </p>
      </div>
      <UploadForm datasets={datasets} formats={importFormatChoices()} />
    </div>
  );
}
