"use client";
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { addUserAction } from "@/lib/actions/users";
import { ROLES } from "@/lib/core/roles";
import { Button } from "@/components/ui/button";

/** Adds an account and shows its one-time password once (it is never stored in clear, so it cannot be shown again). */
export function AddUserForm() {
  const [result, setResult] = useState<
    { ok: true; name: string; password: string } | { ok: false; error: string } | null
  >(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    start(async () => {
      const r = await addUserAction({
        name: String(f.get("name") ?? ""),
        role: String(f.get("role") ?? "viewer") as (typeof ROLES)[number],
      });
      if (!r.ok) return setResult({ ok: false, error: r.error });
      setResult({ ok: true, name: r.data.name, password: r.data.password });
      form.reset();
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} className="space-y-2 text-sm" aria-label="Add a user">
      <div className="flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="text-slate-700">User name</span>
          <input
            name="name"
            required
            maxLength={64}
            className="mt-1 block h-8 w-48 rounded-md border border-slate-300 px-2"
          />
        </label>
        <label className="block">
          <span className="text-slate-700">Role</span>
          <select
            name="role"
            defaultValue="annotator"
            className="mt-1 block h-8 rounded-md border border-slate-300 px-2"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
      </div>
      {result && !result.ok && (
        <p role="alert" className="text-rose-700">
          {result.error}
        </p>
      )}
      {result?.ok && (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-amber-900">
          Added {result.name}. One-time password (shown once; hand it over privately):{" "}
          <code data-testid="one-time-password" className="font-mono font-semibold">
            {result.password}
          </code>
        </p>
      )}
    </form>
  );
}
