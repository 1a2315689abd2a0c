import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { UserPicker } from "@/components/layout/user-picker";
import { SignOutButton } from "@/components/auth/sign-out-button";

/** The header's "who you are": the typed name in single-user mode, else the account's name and role. */
export function WhoAmI({ actor }: { actor: Actor | null }) {
  if (!actor)
    return (
      <Link href="/sign-in" className="rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-slate-100">
        Sign in
      </Link>
    );
  if (actor.userId === null) return <UserPicker current={actor.name} />;
  return (
    <div className="flex items-center gap-2 text-sm text-slate-600">
      {actor.role === "admin" && (
        <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/settings/users">
          Users
        </Link>
      )}
      <span className="flex items-center gap-1.5" aria-label="Signed in as">
        <span className="flex h-5 w-5 items-center justify-center rounded-full bg-indigo-100 text-[11px] font-semibold text-indigo-700">
          {actor.name.slice(0, 1).toUpperCase()}
        </span>
        <span data-testid="current-user">{actor.name}</span>
        <span data-testid="current-role" className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">
          {actor.role}
        </span>
      </span>
      <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/account">
        Account
      </Link>
      <SignOutButton />
    </div>
  );
}
