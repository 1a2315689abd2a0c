// Child process of bench/export.ts: `export OUT` runs the real CLI export (int format, every
// intervention status) and `baseline OUT` a bare select + JSON.stringify + write of the same
// joined rows. RSS is sampled while it runs; "before" is taken once the database is open.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import Database from "better-sqlite3";
import { sqlitePath } from "@/lib/env";
import { peakRssMb, report, rssMb } from "../lib/child";

const [mode, out] = process.argv.slice(2);
const url = process.env.DATABASE_URL!;

async function realExport(): Promise<number> {
  const { run } = await import("@/lib/cli/commands/export");
  const { prisma } = await import("@/lib/db");
  await prisma.dataset.count(); // connect before the clock starts
  return start(async () => {
    const code = await run(["--dataset", "bench", "--format", "int", "--status", "any", "--out", out]);
    if (code !== 0) throw new Error(`export exited ${code}`);
  });
}

async function baseline(): Promise<number> {
  const db = new Database(sqlitePath(url), { readonly: true });
  const st =
    db.prepare(`SELECT i.id, i.location, i.content, i.status, i.origin, i.provenance, i.createdAt, t.id AS traceId, t.text, t.generator,
      p.statement, p.answer, p.referenceSolution
    FROM Intervention i JOIN Trace t ON t.id = i.traceId JOIN Problem p ON p.id = t.problemId ORDER BY i.id`);
  return start(async () => {
    const ws = createWriteStream(out);
    let buf = "";
    for (const row of st.iterate()) {
      buf += JSON.stringify(row) + "\n";
      if (buf.length >= 1 << 20) {
        if (!ws.write(buf)) await once(ws, "drain");
        buf = "";
      }
    }
    ws.end(buf);
    await once(ws, "finish");
    db.close();
  });
}

let before = 0;
let sampledPeak = 0;
let ms = 0;
async function start(fn: () => Promise<void>): Promise<number> {
  before = Math.max(peakRssMb(), rssMb());
  const timer = setInterval(() => (sampledPeak = Math.max(sampledPeak, rssMb())), 20);
  const t = performance.now();
  await fn();
  ms = performance.now() - t;
  clearInterval(timer);
  return ms;
}

await (mode === "export" ? realExport() : baseline());
report({ mode, ms, rssBeforeMb: before, peakRssMb: peakRssMb(), sampledPeakMb: sampledPeak });
process.exit(0);
