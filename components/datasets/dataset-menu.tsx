"use client";
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteDatasetAction, renameDatasetAction } from "@/lib/actions/datasets";
import type { DatasetFootprint } from "@/lib/data/dataset-lifecycle";

const INPUT = "h-8 w-full rounded-md border border-slate-300 px-2 text-sm";

/** Rename and Delete for one dataset (its list page header). */
export function DatasetMenu({ datasetId, name }: { datasetId: string; name: string }) {
  const [open, setOpen] = useState<"rename" | "delete" | null>(null);
  return (
    <div className="flex gap-1">
      <Button size="xs" variant="ghost" onClick={() => setOpen("rename")}>
        Rename
      </Button>
      <Button size="xs" variant="ghost" className="text-rose-700" onClick={() => setOpen("delete")}>
        Delete…
      </Button>
      {open === "rename" && <RenameDialog datasetId={datasetId} name={name} onClose={() => setOpen(null)} />}
      {open === "delete" && <DeleteDialog datasetId={datasetId} name={name} onClose={() => setOpen(null)} />}
    </div>
  );
}

function RenameDialog({ datasetId, name, onClose }: { datasetId: string; name: string; onClose: () => void }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await renameDatasetAction(datasetId, value);
      if (!r.ok) return setError(r.error);
      onClose();
      router.refresh();
    });
  };
  return (
    <Dialog open title="Rename dataset" onClose={onClose}>
      <form onSubmit={submit} className="space-y-2">
        <label className="block text-xs text-slate-600">
          New name
          <input autoFocus className={INPUT} value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="text-xs text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" disabled={pending || !value.trim()}>
          Rename
        </Button>
      </form>
    </Dialog>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function DeleteDialog({ datasetId, name, onClose }: { datasetId: string; name: string; onClose: () => void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const fp = useQuery({
    queryKey: ["datasets", "footprint", datasetId],
    queryFn: async () => {
      const res = await fetch(`/api/datasets/${encodeURIComponent(datasetId)}/footprint`, { cache: "no-store" });
      if (!res.ok) throw new Error(`Could not count what would be deleted (HTTP ${res.status}).`);
      return (await res.json()) as DatasetFootprint & { name: string };
    },
    staleTime: 0,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await deleteDatasetAction(datasetId, typed);
      if (!r.ok) return setError(r.error);
      router.push("/");
    });
  };
  const f = fp.data;
  return (
    <Dialog open title={`Delete “${name}”?`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        {fp.isPending && <p className="text-slate-500">Counting what would be deleted…</p>}
        {fp.error && (
          <p role="alert" className="text-rose-700">
            {fp.error.message}
          </p>
        )}
        {f && (
          <div data-testid="delete-footprint" className="space-y-1">
            <p>This deletes, for good:</p>
            <ul className="list-disc pl-5 text-slate-700">
              <li>
                {plural(f.problems, "problem")} and {plural(f.traces, "trace")}
              </li>
              <li>
                {plural(f.labels, "first-error label")}, {plural(f.interventions, "intervention")},{" "}
                {plural(f.proposals, "model proposal")}
              </li>
              <li>
                {plural(f.rollouts, "rollout")} and {plural(f.jobs, "job")}
                {f.activeJobs ? ` (${plural(f.activeJobs, "running job")} will be cancelled first)` : ""}
              </li>
            </ul>
            <p className="text-xs text-slate-500">The audit trail keeps who changed what, and this deletion.</p>
          </div>
        )}
        <label className="block text-xs text-slate-600">
          Type the dataset&apos;s name to confirm
          <input
            aria-label="Dataset name to confirm"
            className={INPUT}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
          />
        </label>
        {error && (
          <p role="alert" className="text-xs text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="danger" disabled={pending || typed !== name}>
          {pending ? "Deleting…" : "Delete dataset"}
        </Button>
      </form>
    </Dialog>
  );
}
