import { userInfo } from "node:os";
import { env } from "@/lib/env";

// Who a CLI command acts as, recorded in the audit trail: `--as NAME` (any command; main.ts takes it off the
// arguments before the command parses them), else INT_USER, else the OS user name. Whoever runs the CLI holds the
// database file itself, so the name is recorded, not authenticated.
let chosen: string | undefined;

/** Removes `--as NAME` / `--as=NAME` from argv and remembers the name; an error names what is wrong. */
export function takeAsFlag(argv: string[]): { ok: true; rest: string[] } | { ok: false; error: string } {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === "--as" ? argv[++i] : a.startsWith("--as=") ? a.slice(5) : null;
    if (value === null) {
      rest.push(a);
      continue;
    }
    if (!value || !/^[^\u0000-\u001f;,]{1,64}$/.test(value.trim()))
      return { ok: false, error: "--as needs a name (1-64 characters, no commas, semicolons or control characters)" };
    chosen = value.trim();
  }
  return { ok: true, rest };
}

export function cliActor(): string {
  if (chosen) return chosen;
  const fromEnv = env().INT_USER;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username || "cli";
  } catch {
    return "cli"; // no passwd entry for this uid (some containers)
  }
}
