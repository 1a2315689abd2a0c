// Child process of bench/import.ts: `importer FILE` (the real importFile), `baseline FILE`
// (a bare better-sqlite3 insert loop of the same rows into the same schema) or `baseline-prelist FILE`
// (the same loop after dropping the trace list's covering index and triggers: the schema as it was
// before issue 15 §4 made every trace insert also maintain them, so the bench can say what they
// cost the import). DATABASE_URL names a fresh file; it is migrated before the clock starts.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { countSteps } from "@/lib/core/steps";
import { ensureMigrated } from "@/lib/data/migrate";
import { nowText } from "@/lib/data/sqlite";
import { sqlitePath } from "@/lib/env";
import { importFile } from "@/lib/import";
import { peakRssMb, report } from "../lib/child";
import { lines } from "../lib/jsonl-lines";
import type { IntRow } from "../lib/synthetic";

const [mode, file] = process.argv.slice(2);
const url = process.env.DATABASE_URL!;
ensureMigrated(url);

async function importer() {
  const r = await importFile(file, { dataset: "bench", format: "int", actor: "bench" });
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  return {
    traces: r.traces,
    problems: r.problems,
    interventions: r.interventions,
    records: r.records,
    skipped: r.skipped,
  };
}

/** The index and triggers the two trace-list migrations create (read from the files, not repeated here). */
function listObjects(): { indexes: string[]; triggers: string[] } {
  const sql = ["20261206060000_trace_list_facets", "20261206060100_trace_list_counts"]
    .map((m) => readFileSync(`prisma/migrations/${m}/migration.sql`, "utf8"))
    .join("\n");
  const names = (kind: string) => [...sql.matchAll(new RegExp(`CREATE ${kind} "([^"]+)"`, "g"))].map((m) => m[1]);
  return { indexes: names("INDEX"), triggers: names("TRIGGER") };
}

async function baseline(prelist = false) {
  const db = new Database(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  if (prelist) {
    const { indexes, triggers } = listObjects();
    if (indexes.length === 0 || triggers.length === 0)
      throw new Error("baseline-prelist: no list index/triggers found");
    for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
    for (const i of indexes) db.exec(`DROP INDEX "${i}"`);
  }
  const ts = nowText();
  const insDataset = db.prepare(
    `INSERT INTO Dataset (id, name, description, createdAt, updatedAt) VALUES (?, ?, '', ?, ?)`,
  );
  const insProblem = db.prepare(
    `INSERT INTO Problem (id, datasetId, externalId, statement, referenceSolution, answer, source, metadata, contentHash, createdAt) VALUES (?, ?, NULL, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const insTrace = db.prepare(
    `INSERT INTO Trace (id, datasetId, problemId, externalId, text, generator, origin, correct, stepCount, contentHash, status, hasIntervention, humanStep, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 'imported', 0, ?, ?, 'todo', 1, NULL, 0, ?, ?)`,
  );
  const insIv = db.prepare(
    `INSERT INTO Intervention (id, traceId, location, content, status, origin, author, provenance, contentHash, rolloutsCorrect, rolloutsTotal, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'proposed', 'imported', '', '{}', ?, 0, 0, 0, ?, ?)`,
  );
  let n = 0;
  const id = (p: string) => `${p}${(n++).toString(36).padStart(10, "0")}`;
  const problems = new Map<string, string>();
  db.exec("BEGIN IMMEDIATE");
  const ds = id("d");
  insDataset.run(ds, "bench", ts, ts);
  let traces = 0;
  for await (const line of lines(file)) {
    const r = JSON.parse(line) as IntRow;
    let pid = problems.get(r.problem);
    if (!pid) {
      pid = id("p");
      problems.set(r.problem, pid);
      insProblem.run(pid, ds, r.problem, r.reference_solution, r.answer, file, pid, ts);
    }
    const tid = id("t");
    insTrace.run(tid, ds, pid, r.id, r.incorrect_attempt, r.generator, countSteps(r.incorrect_attempt), tid, ts, ts);
    const iid = id("i");
    insIv.run(iid, tid, r.intervention.location, r.intervention.content, iid, ts, ts);
    traces++;
  }
  db.exec("COMMIT");
  db.close();
  return { traces, problems: problems.size, interventions: traces };
}

const rssBefore = peakRssMb();
const t = performance.now();
const counts = mode === "importer" ? await importer() : await baseline(mode === "baseline-prelist");
const ms = performance.now() - t;
report({ mode, ms, counts, peakRssMb: peakRssMb(), rssBeforeMb: rssBefore });
