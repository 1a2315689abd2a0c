import { cookies } from "next/headers";
import { env } from "@/lib/env";

// Single-user mode only (no accounts, loopback; lib/auth/mode.ts): the name the researcher sets in the header
// (cookie), else INT_USER, else "researcher". Everyone else asks lib/auth/actor.ts (currentActor / requireRole).
export const ACTOR_COOKIE = "int-user";

export async function getActor(): Promise<string> {
  const c = (await cookies()).get(ACTOR_COOKIE)?.value?.trim();
  return c && c.length <= 64 ? c : env().INT_USER || "researcher";
}
