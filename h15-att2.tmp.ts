import Database from "better-sqlite3";
import { attemptCtes, attemptCteParams } from "@/lib/data/attempts-sql";
const db = new Database("/tmp/h15-att.db");
const ds = (db.prepare(`SELECT id FROM Dataset WHERE name='bench-analysis'`).get() as { id: string }).id;
for (const tail of ["SELECT count(*) FROM att", "SELECT count(*) FROM x", "SELECT count(*) FROM pm"]) {
  const t = performance.now();
  db.prepare(`WITH ${attemptCtes("all")} ${tail}`).all(...attemptCteParams("all", ds));
  console.log(tail, Math.round(performance.now() - t));
}
