import { rmSync } from "node:fs";
import { env, sqlitePath } from "@/lib/env";
import { ensureMigrated } from "@/lib/data/migrate";

export const summary =
  "delete the SQLite database file and apply the migrations again (prisma migrate reset is broken here)";

export async function run(argv: string[]): Promise<number> {
  if (!argv.includes("--yes")) {
    process.stderr.write(`This deletes ${sqlitePath()}. Run again with --yes.\n`);
    return 2;
  }
  const file = sqlitePath();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  const ran = ensureMigrated(env().DATABASE_URL);
  process.stdout.write(`reset ${file}: applied ${ran.length} migration(s)\n`);
  return 0;
}
