import { getActor } from "@/lib/server/actor";
import { roleAtLeast, type Role } from "@/lib/core/roles";

// The person behind a request. `userId` is null in single-user mode (no accounts exist and the studio is served on
// loopback): then the name is the one typed in the header and the role is admin, as before sign-in existed.
export type Actor = { name: string; role: Role; userId: string | null };

// A refused request: 401 when nobody is signed in, 403 when the role is too low.
export class AuthError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
    this.name = "AuthError";
  }
}

// Contract used by every server action and route handler. Sign-in (issue 13 §1) replaces the body; callers stay.
export async function currentActor(): Promise<Actor | null> {
  return { name: await getActor(), role: "admin", userId: null };
}

export async function requireRole(min: Role): Promise<Actor> {
  const a = await currentActor();
  if (!a) throw new AuthError(401, "Sign in first");
  if (!roleAtLeast(a.role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${a.role}`);
  return a;
}
