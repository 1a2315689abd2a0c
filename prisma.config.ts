// Prisma 6.19 with the JS (wasm) schema engine and the better-sqlite3 driver adapter:
// no engine binary is downloaded, so generate/migrate work offline.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma must be able to read the datasource url, otherwise the CLI falls back to the
// "library" engine and tries to download it.
process.env.DATABASE_URL ||= "file:./data/int-studio.db";
const url = process.env.DATABASE_URL;

type ShadowDb = Awaited<ReturnType<PrismaBetterSQLite3["connectToShadowDb"]>>;

// Migration scripts reach the shadow DB through executeRaw (one statement only):
// route parameterless executeRaw to executeScript.
function scriptSafe(a: ShadowDb): ShadowDb {
  const raw = a.executeRaw.bind(a);
  a.executeRaw = async (q) => (q.args.length === 0 ? (await a.executeScript(q.sql), 0) : raw(q));
  return a;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const base = new PrismaBetterSQLite3({ url });
    return {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => base.connect(),
      connectToShadowDb: async () => scriptSafe(await base.connectToShadowDb()),
    };
  },
});
