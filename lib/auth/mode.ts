import { env } from "@/lib/env";
import { isLoopbackAddress } from "@/lib/server/serve-host";
import { accountCount } from "@/lib/auth/auth";

// Single-user mode (as before sign-in existed) holds while no account exists AND the studio is served on a
// loopback HOST. Creating the first user turns sign-in on for good: accounts are disabled, never deleted,
// so once one is seen the answer is cached for the life of the process.
let teamSeen = false;

export function signInRequiredSync(): boolean {
  if (teamSeen) return true;
  if (!isLoopbackAddress(env().HOST)) return true;
  if (accountCount() > 0) teamSeen = true;
  return teamSeen;
}

export async function signInRequired(): Promise<boolean> {
  return signInRequiredSync();
}
