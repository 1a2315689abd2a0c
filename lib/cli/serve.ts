// `npm start`: prepare the database (migrations; demo data when it is empty), build the
// app when there is no build or the sources are newer, then serve it on HOST:PORT.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { childEnv, env } from "@/lib/env";
import { disconnectDatabase } from "@/lib/data/connection";
import { seedIfEmpty } from "@/prisma/seed";
import { serverNodeOptions } from "@/lib/server/node-flags";
import { checkServeHost, isLoopbackAddress } from "@/lib/server/serve-host";
import { activeAdminCount } from "@/lib/data/users";
import { allowedHosts } from "@/lib/server/request-guard";

const DIST = env().NEXT_DIST_DIR;

function newestMtime(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "generated" || e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const id = join(DIST, "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  const src = Math.max(...["app", "components", "lib", "public"].map(newestMtime), statSync("package.json").mtimeMs);
  return src > built;
}

async function main() {
  const { HOST, PORT, INT_ALLOW_NETWORK, INT_ALLOWED_HOSTS } = env();
  // Before the build: a refused HOST costs the person nothing. It reads the accounts (the database is migrated first).
  const admins = isLoopbackAddress(HOST) ? 0 : await activeAdminCount();
  const host = checkServeHost(HOST, admins, INT_ALLOWED_HOSTS);
  if (INT_ALLOW_NETWORK === "1" || process.argv.includes("--allow-network")) {
    console.warn(
      "INT_ALLOW_NETWORK / --allow-network no longer open the network: a non-loopback HOST needs an admin account (sign-in).",
    );
  }
  if (!host.ok) {
    console.error(host.message);
    process.exit(2);
  }
  if (host.warning) console.warn(host.warning);
  allowedHosts(INT_ALLOWED_HOSTS); // a bad entry stops here, named, rather than failing every request
  const seeded = await seedIfEmpty();
  if (seeded) console.log(`seeded demo dataset: ${seeded}`);
  await disconnectDatabase();
  if (needsBuild()) {
    console.log("building the dashboard (next build)...");
    const b = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  console.log(`InT Studio on http://${HOST}:${PORT}`);
  const child = spawn("npx", ["next", "start", "-H", HOST, "-p", String(PORT)], {
    stdio: "inherit",
    env: childEnv({ NODE_OPTIONS: serverNodeOptions() }),
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
