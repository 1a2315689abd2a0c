import { env } from "@/lib/env";
import { isLoopbackAddress } from "@/lib/server/serve-host";
import { countUsers } from "@/lib/auth/users";

// Single-user mode (as before sign-in existed) holds while no account exists AND the studio is served on a
// loopback HOST. Creating the first user turns sign-in on for good: accounts are disabled, never deleted,
// so once one is seen the answer is cached for the life of the process.
let teamSeen = false;

export async function signInRequired(): Promise<boolean> {
  if (teamSeen) return true;
  if (!isLoopbackAddress(env().HOST)) return true;
  if ((await countUsers()) > 0) teamSeen = true;
  return teamSeen;
}

/** For tests that add the first user and then check the switch. */
export function forgetSignInMode() {
  teamSeen = false;
}
