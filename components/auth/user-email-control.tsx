"use client";
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { setUserEmailAction } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";

/**
 * The email single sign-on signs this account in with (README "Sign-in"): the admin vouches for it, so only an admin
 * sets it. Empty: no single sign-on for this account. The CLI's `user email NAME [ADDRESS]` does the same.
 */
export function UserEmailControl({ name, email }: { name: string; email: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("email") ?? "");
    start(async () => {
      const r = await setUserEmailAction({ name, email: value });
      setError(r.ok ? null : r.error);
      if (r.ok) router.refresh();
    });
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-center gap-1"
      aria-label={`Single sign-on email of ${name}`}
    >
      <input
        name="email"
        type="email"
        defaultValue={email ?? ""}
        placeholder="none"
        aria-label={`Email of ${name}`}
        className="h-7 w-52 rounded-md border border-slate-300 px-1.5 text-sm"
      />
      <Button size="xs" type="submit" disabled={pending}>
        Set
      </Button>
      {error && (
        <span role="alert" className="basis-full text-xs text-rose-700">
          {error}
        </span>
      )}
    </form>
  );
}
