import { cookies } from "next/headers";
import { env } from "@/lib/env";

// Who is acting: a name the researcher sets in the header (cookie), else INT_USER, else "researcher".
// There is no authentication: the studio runs on a researcher's machine or a trusted network.
export const ACTOR_COOKIE = "int-user";

export async function getActor(): Promise<string> {
  const c = (await cookies()).get(ACTOR_COOKIE)?.value?.trim();
  return c && c.length <= 64 ? c : env().INT_USER || "researcher";
}
