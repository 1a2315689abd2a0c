import { headers } from "next/headers";
import { getActor } from "@/lib/server/actor";
import { isRole, roleAtLeast, type Role } from "@/lib/core/roles";
import { auth } from "@/lib/auth/auth";
import { signInRequired } from "@/lib/auth/mode";
import { CHANGE_PASSWORD_FIRST } from "@/lib/auth/one-time-password";

// The person behind a request. `userId` is null in single-user mode (no accounts exist and the studio is served on
// loopback): then the name is the one typed in the header and the role is admin, as before sign-in existed.
// `mustChangePassword`: signed in with a one-time password an admin generated; nothing but /account until changed.
export type Actor = { name: string; role: Role; userId: string | null; mustChangePassword?: boolean };

// A refused request: 401 when nobody is signed in, 403 when the role is too low.
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

/** Who is asking: the signed-in account (null when none, or it is disabled), or the single-user header name. */
export async function currentActor(): Promise<Actor | null> {
  if (!(await signInRequired())) return { name: await getActor(), role: "admin", userId: null };
  const s = await auth().api.getSession({ headers: await headers() });
  if (!s) return null;
  const u = s.user as typeof s.user & { role?: unknown; disabled?: unknown };
  // Disabling deletes the sessions too; this check also covers a session read from a cookie cache or a race.
  if (u.disabled) return null;
  const actor: Actor = { name: u.name, role: isRole(u.role) ? u.role : "viewer", userId: u.id };
  return (s.session as { mustChangePassword?: unknown }).mustChangePassword
    ? { ...actor, mustChangePassword: true }
    : actor;
}

export async function requireRole(min: Role): Promise<Actor> {
  const a = await currentActor();
  if (!a) throw new AuthError(401, "Sign in first");
  if (a.mustChangePassword) throw new AuthError(403, CHANGE_PASSWORD_FIRST);
  if (!roleAtLeast(a.role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${a.role}`);
  return a;
}
