import Database from "better-sqlite3";
import { MODEL_GROUPS, modelGroupsParams } from "@/lib/data/attempts-sql";
const db = new Database(process.argv[2] ?? "/tmp/h15-fts.db");
const ds = (db.prepare(`SELECT id FROM Dataset WHERE name='bench-analysis'`).get() as { id: string }).id;
for (const r of db.prepare(`EXPLAIN QUERY PLAN ${MODEL_GROUPS}`).all(...modelGroupsParams(ds)) as { detail: string }[]) console.log("  ", r.detail);
for (let i = 0; i < 3; i++) {
  const c0 = process.cpuUsage(); const t = performance.now();
  const rows = db.prepare(MODEL_GROUPS).all(...modelGroupsParams(ds));
  const c = process.cpuUsage(c0);
  console.log(Math.round(performance.now() - t), "ms wall", Math.round((c.user + c.system) / 1000), "ms cpu", rows.length);
}
