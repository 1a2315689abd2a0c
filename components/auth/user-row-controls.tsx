"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { disableUserAction, enableUserAction, resetUserPasswordAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/core/roles";
import { Button } from "@/components/ui/button";

/**
 * One user's row: change the role, disable (asks first: their sessions end at once) or enable again, and set a new
 * one-time password (asks first; shown once here, like a new account's, because only its hash is kept).
 */
export function UserRowControls({ name, role, disabled }: { name: string; role: Role; disabled: boolean }) {
  const [value, setValue] = useState<Role>(role);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? "Refused"));
      if (r.ok) router.refresh();
    });
  const reset = () => {
    if (!window.confirm(`Set a new password for ${name}? Their old one stops working and they are signed out now.`))
      return;
    start(async () => {
      const r = await resetUserPasswordAction({ name });
      setError(r.ok ? null : r.error);
      setPassword(r.ok ? r.data.password : null);
    });
  };
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-1.5">
      {!disabled && (
        <>
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
        </>
      )}
      <Button size="xs" disabled={pending} onClick={reset}>
        Reset password
      </Button>
      {disabled ? (
        <Button size="xs" disabled={pending} onClick={() => act(() => enableUserAction({ name }))}>
          Enable
        </Button>
      ) : (
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
      )}
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
      {password && (
        <span role="status" className="basis-full rounded-md bg-amber-50 p-1.5 text-left text-xs text-amber-900">
          New one-time password for {name} (shown once; hand it over privately):{" "}
          <code data-testid="reset-password" className="font-mono font-semibold">
            {password}
          </code>
        </span>
      )}
    </span>
  );
}
