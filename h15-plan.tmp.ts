import Database from "better-sqlite3";
import { traceWhereSql, pageIdsSql, statusCountsSql } from "@/lib/data/trace-list-sql";
const db = new Database("/tmp/h15-fts.db");
const ds = (db.prepare(`SELECT id FROM Dataset WHERE name='bench-analysis'`).get() as { id: string }).id;
const q = process.argv[2] ?? "x^2 + 5x";
const f = JSON.parse(process.argv[3] ?? "{}");
const w = traceWhereSql(ds, { ...f, q: q || undefined });
const stmts = { page: pageIdsSql(w, undefined, "next", 50), counts: statusCountsSql(ds, { ...f, q: q || undefined }), before: { sql: `SELECT COUNT(*) AS n FROM "Trace" t WHERE ${w.sql} AND t."id" < ?`, params: [...w.params, "zzz"] } };
for (const [k, s] of Object.entries(stmts)) {
  console.log("==", k);
  for (const r of db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string; id: number; parent: number }[]) console.log("  ", r.parent, r.id, r.detail);
  const t = performance.now();
  const out = db.prepare(s.sql).all(...s.params);
  console.log("  ", Math.round(performance.now() - t), "ms", JSON.stringify(out).slice(0, 100));
}
