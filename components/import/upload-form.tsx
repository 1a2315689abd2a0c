"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ImportErrors, ImportSuccess } from "./import-result";
import { ImportProgressPanel } from "./import-progress";
import { useUpload } from "./use-upload";
import type { ImportFormatChoice } from "@/lib/core/formats/registry";

const INPUT = "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm";
const mb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** `formats` = importFormatChoices() (the import format registry), passed from the server page as plain data. */
export function UploadForm({ datasets, formats }: { datasets: string[]; formats: ImportFormatChoice[] }) {
  const { state, upload, cancel, reset, settle } = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const [dataset, setDataset] = useState("");
  const [format, setFormat] = useState<string>("auto");
  const busy = state.phase === "uploading" || state.phase === "importing";
  const exists = datasets.includes(dataset.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file || !dataset.trim()) return;
    const form = new FormData();
    form.set("file", file);
    form.set("dataset", dataset.trim());
    form.set("format", format);
    upload(form);
  };
  const pickFile = (f: File | null) => {
    setFile(f);
    reset();
    if (f && !dataset) setDataset(f.name.replace(/\.(jsonl|json|parquet)$/i, ""));
  };

  return (
    <div className="space-y-4">
      <form
        onSubmit={submit}
        className="grid max-w-2xl grid-cols-[9rem_1fr] items-center gap-x-3 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <label htmlFor="file" className="text-slate-600">
          File
        </label>
        <div>
          <input
            id="file"
            name="file"
            type="file"
            accept=".jsonl,.json,.parquet"
            disabled={busy}
            onChange={(e) => pickFile(e.target.files?.[0] ?? null)}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm"
          />
          {file && <span className="ml-2 text-xs text-slate-500 tabular-nums">{mb(file.size)}</span>}
        </div>
        <label htmlFor="dataset" className="text-slate-600">
          Dataset name
        </label>
        <div className="flex items-center gap-2">
          <input
            id="dataset"
            name="dataset"
            list="dataset-names"
            required
            maxLength={200}
            disabled={busy}
            value={dataset}
            onChange={(e) => setDataset(e.target.value)}
            className={`${INPUT} w-72`}
            placeholder="new or existing dataset"
          />
          <datalist id="dataset-names">
            {datasets.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          {dataset.trim() && (
            <span className="text-xs text-slate-500">
              {exists ? "adds to the existing dataset" : "creates a new dataset"}
            </span>
          )}
        </div>
        <label htmlFor="format" className="text-slate-600">
          Format
        </label>
        <select
          id="format"
          name="format"
          disabled={busy}
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          className={`${INPUT} w-80`}
        >
          <option value="auto">auto-detect</option>
          {formats.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <div />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" size="md" disabled={busy || !file || !dataset.trim()}>
            Upload and import
          </Button>
          {state.phase === "uploading" && (
            <Button size="md" onClick={cancel}>
              Cancel
            </Button>
          )}
        </div>
      </form>

      {state.phase === "uploading" && (
        <div className="max-w-2xl space-y-1 text-sm">
          <ProgressBar label="Upload progress" value={state.loaded} max={state.total || file?.size || 1} />
          <p className="text-xs text-slate-600 tabular-nums">
            Uploading…{" "}
            {state.total
              ? `${Math.round((state.loaded / state.total) * 100)}% (${mb(state.loaded)} of ${mb(state.total)})`
              : ""}
          </p>
        </div>
      )}
      {state.phase === "importing" && <ImportProgressPanel importId={state.importId} onEnd={settle} />}
      {state.phase === "done" && (
        <div className="max-w-2xl">
          <ImportSuccess
            summary={state.summary}
            dataset={state.summary.dataset}
            href={`/datasets/${state.summary.datasetId}`}
          />
        </div>
      )}
      {state.phase === "failed" && (
        <div className="max-w-3xl">
          <ImportErrors errors={state.errors} truncated={state.truncated} />
        </div>
      )}
    </div>
  );
}
