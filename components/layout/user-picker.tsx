"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { setUserName } from "@/lib/actions/user";
import { Button } from "@/components/ui/button";

/** Shows who is acting (cookie "int-user") and lets the researcher change it. */
export function UserPicker({ current }: { current: string }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();

  const save = (e: FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await setUserName(name);
      if (!r.ok) return setError(r.error);
      setError(null);
      setEditing(false);
      router.refresh();
    });
  };

  if (!editing) {
    return (
      <button
        type="button"
        onClick={() => {
          setName(current);
          setEditing(true);
        }}
        title="Change the name written into labels and the audit trail"
        className="flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      >
        <span className="flex h-5 w-5 items-center justify-center rounded-full bg-indigo-100 text-[11px] font-semibold text-indigo-700">
          {current.slice(0, 1).toUpperCase()}
        </span>
        <span data-testid="current-user">{current}</span>
      </button>
    );
  }
  return (
    <form onSubmit={save} className="flex items-center gap-1.5 text-sm">
      <input
        autoFocus
        aria-label="Your name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={64}
        onKeyDown={(e) => {
          if (e.key === "Escape") setEditing(false);
        }}
        className="h-7 w-36 rounded-md border border-slate-300 px-2"
      />
      <Button type="submit" size="xs" variant="primary" disabled={pending}>
        Save
      </Button>
      <Button size="xs" variant="ghost" onClick={() => setEditing(false)}>
        Cancel
      </Button>
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </form>
  );
}
