import { NextResponse, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";
import { signInRequiredSync } from "@/lib/auth/mode";
import { CHANGE_PASSWORD_FIRST } from "@/lib/auth/one-time-password";

// The proxy's sign-in gate. It only turns signed-out requests away early and politely; the role checks that
// decide are on the server, in every action (defineAction) and route (defineRoute).
const PUBLIC = [/^\/sign-in\/?$/, /^\/api\/auth\//, /^\/favicon\.ico$/];
const SAFE = new Set(["GET", "HEAD"]);

const SIGN_IN_PATH = "/sign-in";
const ACCOUNT_PATH = "/account";
const ACCOUNT = /^\/account\/?$/;

/** Only same-site paths come back from ?next=, so the sign-in page cannot be used to redirect elsewhere. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function signInGate(request: NextRequest): Promise<Response | null> {
  const path = request.nextUrl.pathname;
  if (PUBLIC.some((re) => re.test(path)) || !signInRequiredSync()) return null;
  // The session is read from the database (not only the cookie), so a disabled user's next request is signed out.
  const s = await auth().api.getSession({ headers: request.headers });
  if (s && !(s.user as { disabled?: unknown }).disabled)
    return (s.session as { mustChangePassword?: unknown }).mustChangePassword ? changePasswordFirst(request) : null;
  if (path.startsWith("/api/")) {
    return NextResponse.json(
      { ok: false, error: "Sign in first" },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  }
  // Writes (server actions) go on: they answer with their own refusal, which the page can show.
  if (!SAFE.has(request.method)) return null;
  const url = new URL(SIGN_IN_PATH, request.url);
  url.searchParams.set("next", path + request.nextUrl.search);
  return NextResponse.redirect(url, 307);
}

/**
 * Signed in with a one-time password (lib/data/users.ts): every page leads to /account until its owner chooses their
 * own, the JSON routes refuse, and writes go on to the actions, which refuse themselves (lib/auth/actor.ts).
 */
function changePasswordFirst(request: NextRequest): Response | null {
  const path = request.nextUrl.pathname;
  if (ACCOUNT.test(path) || !SAFE.has(request.method)) return null;
  if (path.startsWith("/api/"))
    return NextResponse.json(
      { ok: false, error: CHANGE_PASSWORD_FIRST },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  return NextResponse.redirect(new URL(ACCOUNT_PATH, request.url), 307);
}
