import Link from "next/link";
import { env } from "@/lib/env";
import { signInRequired } from "@/lib/auth/mode";
import { currentActor } from "@/lib/auth/actor";
import { safeNext } from "@/lib/auth/gate";
import { SignInForm } from "@/components/auth/sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · InT Studio" };

// Why a single sign-on came back refused (better-auth redirects here with ?error=CODE; lib/auth/auth.ts#ssoOptions).
const SSO_ERRORS: Record<string, string> = {
  signup_disabled: "No account of this studio has that email. Ask an admin to add you (with your email).",
  account_not_linked:
    "Single sign-on was refused: the provider has not verified your email, or no account here was given that email.",
  account_disabled: "This account is disabled: ask an admin to enable it.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; error?: string | string[] }>;
}) {
  const sp = await searchParams;
  const ssoError =
    typeof sp.error === "string" ? (SSO_ERRORS[sp.error] ?? `Single sign-on failed (${sp.error.slice(0, 80)}).`) : null;
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
      {ssoError && (
        <p role="alert" className="text-sm text-rose-700">
          {ssoError}
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
