import Link from "next/link";
import { currentActor } from "@/lib/auth/actor";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your account · InT Studio" };

// Linked from the header's name: who you are, and your own password (the proxy sends signed-out visitors to sign-in).
export default async function AccountPage() {
  const me = await currentActor();
  if (!me || me.userId === null)
    return (
      <div className="mx-auto max-w-md space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h1 className="text-lg font-semibold">Your account</h1>
        <p className="text-slate-600">
          {me
            ? "Single-user mode: there are no accounts, so there is no password. The name in the header is the one written into labels."
            : "You are not signed in."}
        </p>
        {!me && (
          <Link className="text-indigo-700 underline" href="/sign-in?next=/account">
            Sign in
          </Link>
        )}
      </div>
    );
  return (
    <div className="mx-auto max-w-md space-y-4">
      {me.mustChangePassword && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          You signed in with a one-time password an admin gave you. Choose your own below; until then the studio shows
          only this page.
        </p>
      )}
      <section className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h1 className="text-lg font-semibold">Your account</h1>
        <p className="text-slate-600">
          Signed in as <span className="font-medium text-slate-900">{me.name}</span> ({me.role}). Only an admin changes
          roles.
        </p>
      </section>
      <section
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="change-password-h"
      >
        <h2 id="change-password-h" className="font-semibold">
          Change your password
        </h2>
        <p className="text-sm text-slate-600">
          Every other session of your account ends (another browser, a lost laptop); this one stays signed in.
        </p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
