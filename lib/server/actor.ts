import { cookies } from "next/headers";
import { env } from "@/lib/env";

// Single-user mode only (no accounts, loopback; lib/auth/mode.ts): the name the researcher sets in the header
// (cookie), else INT_USER, else "researcher". Everyone else asks lib/auth/actor.ts (currentActor / requireRole).
export const ACTOR_COOKIE = "int-user";

export async function getActor(): Promise<string> {
  const fallback = env().INT_USER || "researcher";
  let jar;
  try {
    jar = await cookies();
  } catch {
    // A route handler called outside a request (a script, a test): no header name, so the default one.
    return fallback;
  }
  const c = jar.get(ACTOR_COOKIE)?.value?.trim();
  return c && c.length <= 64 ? c : fallback;
}
