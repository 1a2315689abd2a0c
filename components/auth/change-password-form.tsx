"use client";
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

const FIELD = "mt-1 block h-8 w-full rounded-md border border-slate-300 px-2";

/** Current password + the new one twice (a typo in a hidden field would lock the person out). */
export function ChangePasswordForm() {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const [currentPassword, newPassword, again] = ["current", "new", "again"].map((k) => String(f.get(k) ?? ""));
    if (newPassword !== again) return setResult({ ok: false, text: "The two new passwords differ." });
    if (newPassword === currentPassword) return setResult({ ok: false, text: "The new password is the current one." });
    // Straight to better-auth's endpoint (not a server action): its response carries this browser's new session
    // cookie, and the page re-renders with it. The audit row is written by the server (lib/auth/auth.ts hooks).
    start(async () => {
      const r = await authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true });
      if (r.error) {
        const wrong = r.error.code === "INVALID_PASSWORD";
        return setResult({
          ok: false,
          text: wrong ? "The current password is wrong." : (r.error.message ?? "Not changed."),
        });
      }
      form.reset();
      setResult({ ok: true, text: "Password changed. Your other sessions have ended; this browser stays signed in." });
      router.refresh(); // a one-time password's notice goes, and the rest of the studio opens
    });
  };
  return (
    <form onSubmit={submit} className="space-y-2 text-sm" aria-label="Change your password">
      <label className="block">
        <span className="text-slate-700">Current password</span>
        <input name="current" type="password" autoComplete="current-password" required className={FIELD} />
      </label>
      <label className="block">
        <span className="text-slate-700">New password (8 to 128 characters)</span>
        <input
          name="new"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          className={FIELD}
        />
      </label>
      <label className="block">
        <span className="text-slate-700">New password again</span>
        <input name="again" type="password" autoComplete="new-password" required className={FIELD} />
      </label>
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
      {result && (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "text-emerald-700" : "text-rose-700"}>
          {result.text}
        </p>
      )}
    </form>
  );
}
