import Link from "next/link";
import { env } from "@/lib/env";
import { signInRequired } from "@/lib/auth/mode";
import { currentActor } from "@/lib/auth/actor";
import { safeNext } from "@/lib/auth/gate";
import { SignInForm } from "@/components/auth/sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · InT Studio" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === "string" ? sp.next : null);
  const e = env();
  if (!(await signInRequired())) {
    return (
      <div className="mx-auto mt-16 max-w-sm space-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <h1 className="text-lg font-semibold">Sign-in is off</h1>
        <p className="text-slate-600">
          No accounts exist and the studio is served on this machine only, so it runs in single-user mode: the name in
          the header is written into labels and the audit trail. To share it, create an admin with{" "}
          <code>npm run int -- user add NAME --role admin</code>.
        </p>
        <Link className="text-indigo-700 underline" href="/">
          Go to the datasets
        </Link>
      </div>
    );
  }
  const me = await currentActor();
  return (
    <div className="mx-auto mt-16 max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Sign in to InT Studio</h1>
      {me && (
        <p className="text-sm text-slate-600">
          You are signed in as {me.name} ({me.role}).{" "}
          <Link className="text-indigo-700 underline" href={next}>
            Go on
          </Link>
        </p>
      )}
      <SignInForm
        next={next}
        sso={{
          github: !!(e.GITHUB_CLIENT_ID && e.GITHUB_CLIENT_SECRET),
          oidc: !!(e.OIDC_DISCOVERY_URL && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET),
        }}
      />
      <p className="text-xs text-slate-500">No account? Ask an admin of this studio to add you.</p>
    </div>
  );
}
