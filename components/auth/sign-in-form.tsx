"use client";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { Button } from "@/components/ui/button";

/** User name + password; on success a full page load of the return path (the header and every page re-read who you are). */
export function SignInForm({ next, sso }: { next: string; sso: { github: boolean; oidc: boolean } }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const r = await authClient.signIn.username({
      username: String(f.get("username") ?? ""),
      password: String(f.get("password") ?? ""),
    });
    if (r.error) {
      setPending(false);
      const tooMany = r.error.status === 429;
      return setError(
        tooMany
          ? "Too many attempts: wait a minute, then try again."
          : r.error.status === 401
            ? "Wrong user name or password."
            : (r.error.message ?? "Could not sign in."),
      );
    }
    window.location.assign(next);
  };

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="space-y-3" aria-label="Sign in">
        <label className="block text-sm">
          <span className="font-medium text-slate-700">User name</span>
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            className="mt-1 h-9 w-full rounded-md border border-slate-300 px-2"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 h-9 w-full rounded-md border border-slate-300 px-2"
          />
        </label>
        <Button type="submit" variant="primary" size="md" disabled={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        )}
      </form>
      {(sso.github || sso.oidc) && (
        <div className="space-y-2 border-t border-slate-200 pt-3">
          {sso.github && (
            <Button
              size="md"
              className="w-full"
              onClick={() => authClient.signIn.social({ provider: "github", callbackURL: next })}
            >
              Sign in with GitHub
            </Button>
          )}
          {sso.oidc && (
            <Button
              size="md"
              className="w-full"
              // better-auth 1.7 serves generic OIDC providers as social ones (/sign-in/social, /callback/oidc).
              onClick={() => authClient.signIn.social({ provider: "oidc", callbackURL: next })}
            >
              Sign in with single sign-on
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
