import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { env } from "@/lib/env";
import { ensureMigrated } from "@/lib/data/migrate";
import { DEFAULT_BUSY_MS } from "@/lib/data/sqlite";

// The one Prisma client. On a new database file the migrations are applied first,
// so the server and the CLI work on a fresh checkout without a separate step.
function makeClient() {
  const url = env().DATABASE_URL;
  ensureMigrated(url);
  const adapter = new PrismaBetterSQLite3({ url, timeout: DEFAULT_BUSY_MS });
  return new PrismaClient({ adapter });
}

const g = globalThis as unknown as { prisma?: PrismaClient };
export const prisma: PrismaClient = g.prisma ?? makeClient();
g.prisma = prisma;

export type Db = PrismaClient;
/** A transaction client or the root client: data functions accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
