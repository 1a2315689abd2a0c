"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { disableUserAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/core/roles";
import { Button } from "@/components/ui/button";

/** Change one user's role, or disable the account (asks first: its sessions end at once). */
export function UserRowControls({ name, role }: { name: string; role: Role }) {
  const [value, setValue] = useState<Role>(role);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? "Refused"));
      if (r.ok) router.refresh();
    });
  return (
    <span className="inline-flex items-center gap-1.5">
      <select
        aria-label={`Role of ${name}`}
        value={value}
        onChange={(e) => setValue(e.target.value as Role)}
        className="h-7 rounded-md border border-slate-300 px-1 text-sm"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <Button
        size="xs"
        disabled={pending || value === role}
        onClick={() => act(() => setUserRoleAction({ name, role: value }))}
      >
        Change role
      </Button>
      <Button
        size="xs"
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Disable ${name}? They are signed out now and cannot sign in again.`))
            act(() => disableUserAction({ name }));
        }}
      >
        Disable
      </Button>
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
