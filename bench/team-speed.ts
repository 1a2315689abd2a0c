// Issue 15 §4, "speed where a team will live", on one database: 100,000 traces seeded with the
// real import writer (bench/analysis.ts: so the FTS triggers run as they do on an import) plus
// 40,000 sampled attempts (attempt rollouts; the wrong ones also sampled traces).
// a) Text search: bench/team-speed-search.ts (BENCH_SPEED_ONLY=search runs this part alone).
// b) Trace list page: `next start` full server render of /datasets/:id for filter combinations
//    (no text search), median of 3 each; baseline: the bare page-ids query of the same filter.
// c) Analysis per-model query (lib/data/attempts-sql.ts MODEL_GROUPS) with the 40,000 attempts:
//    CPU time of this process (better-sqlite3 runs it synchronously), median of 5; baseline: the
//    same query on the same data without the two covering indexes (replaced on a copy).
import Database from "better-sqlite3";
import { copyFileSync } from "node:fs";
import type { TraceFilter } from "@/lib/core/filters";
import { traceFilterToSearch } from "@/lib/core/filters";
import { MODEL_GROUPS, modelGroupsParams } from "@/lib/data/attempts-sql";
import { pageIdsSql, traceWhereSql } from "@/lib/data/trace-list-sql";
import { seed } from "./analysis";
import { seedAttempts } from "./lib/attempts";
import { benchTextSearch } from "./team-speed-search";
import { removeDb, scaled, speedOnly, tempDb } from "./lib/config";
import { ensureBuild, startServer } from "./lib/next-server";
import type { BenchLine } from "./lib/result";
import { median, round } from "./lib/stats";

const PAGE_MS = 150,
  ANALYSIS_MS = 300;

// The list's filter space (issue 15 §4: "any filter combination but text search"): every filter
// value alone, then combinations a curator uses; `pages` adds the second page, the last page
// (by cursor, as the pager reaches it) and the page before the last (dir=prev) of some of them.
const G_INT = "Qwen3-4B-InT";
const ALONE: TraceFilter[] = [
  ...(["todo", "labelled", "curated"] as const).map((status) => ({ status })),
  ...[G_INT, "Qwen3-4B-Instruct-2507", "Qwen3-4B-sampled"].map((generator) => ({ generator })),
  ...(["wrong", "correct", "unknown"] as const).map((answer) => ({ answer })),
  ...(["yes", "no"] as const).map((intervention) => ({ intervention })),
  ...(["yes", "no"] as const).map((labelled) => ({ labelled })),
  ...(["error", "no-error"] as const).map((imported) => ({ imported })),
  { comments: "open" },
];
const COMBOS: TraceFilter[] = [
  { generator: G_INT, status: "todo", intervention: "no", labelled: "no" },
  { answer: "correct", imported: "no-error", intervention: "yes" },
  { answer: "wrong", status: "todo" },
  { answer: "wrong", generator: G_INT },
  { answer: "wrong", imported: "error", labelled: "no" },
  { comments: "open", status: "todo", generator: G_INT },
  { imported: "error", intervention: "no", status: "todo" },
  { status: "labelled", labelled: "yes", intervention: "no" },
  { answer: "wrong", intervention: "no", labelled: "no", imported: "error", generator: G_INT, status: "todo" },
];
const FILTERS: TraceFilter[] = [{}, ...ALONE, ...COMBOS];
const PAGED: TraceFilter[] = [
  {},
  { answer: "wrong" },
  { status: "labelled" },
  { answer: "wrong", imported: "error", labelled: "no" },
];

/** What a team has done to the list: a person's label on every 7th trace (every 3rd of those "no error": curated). */
function seedCuration(db: Database.Database, datasetId: string): number {
  const ids = db
    .prepare(`SELECT id FROM Trace WHERE datasetId = ? AND origin = 'imported' ORDER BY rowid`)
    .all(datasetId) as { id: string }[];
  const label = db.prepare(
    `INSERT INTO "FirstErrorLabel" (id, traceId, step, source, annotator, updatedAt) VALUES (?, ?, ?, 'human', 'bench', CURRENT_TIMESTAMP)`,
  );
  const state = db.prepare(`UPDATE "Trace" SET status = ?, humanStep = ? WHERE id = ?`);
  let n = 0;
  db.transaction(() => {
    ids.forEach((t, i) => {
      if (i % 7 !== 0) return;
      const step = i % 3 === 0 ? null : 2;
      label.run(`hl-${i}`, t.id, step);
      state.run(step === null ? "curated" : "labelled", step, t.id);
      n++;
    });
  })();
  return n;
}

/** Issue 13 §4: an open comment on every 97th trace and a resolved one on every 89th (as a team leaves them). */
function seedComments(db: Database.Database, datasetId: string): number {
  const ids = db.prepare(`SELECT id FROM Trace WHERE datasetId = ? ORDER BY rowid`).all(datasetId) as { id: string }[];
  const ins = db.prepare(
    `INSERT INTO "Comment" (id, traceId, datasetId, step, author, body, status, updatedAt) VALUES (?, ?, ?, 1, 'bench', 'is step 1 right?', ?, CURRENT_TIMESTAMP)`,
  );
  let n = 0;
  db.transaction(() => {
    ids.forEach((t, i) => {
      if (i % 97 === 0) {
        ins.run(`cmt-o-${i}`, t.id, datasetId, "open");
        n++;
      }
      if (i % 89 === 0) ins.run(`cmt-r-${i}`, t.id, datasetId, "resolved");
    });
  })();
  return n;
}

async function timeIt<T>(fn: () => Promise<T> | T): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchTeamSpeed(log: (s: string) => void): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const traces = scaled(100_000, 500),
    attempts = scaled(40_000, 200);
  const db = tempDb("team-speed");
  log(
    `team-speed: seeding ${traces.toLocaleString("en")} traces + ${attempts.toLocaleString("en")} sampled attempts...`,
  );
  let t = performance.now();
  const datasetId = seed(db.url, traces);
  seedAttempts(db.path, datasetId, attempts);
  log(`team-speed: seeded in ${Math.round((performance.now() - t) / 1000)} s`);
  const raw = new Database(db.path);
  log(`team-speed: ${seedComments(raw, datasetId).toLocaleString("en")} traces with an open comment`);
  log(`team-speed: ${seedCuration(raw, datasetId).toLocaleString("en")} traces with a person's label`);
  const lines: BenchLine[] = [];
  const out: Record<string, unknown> = { traces, attempts };
  try {
    // a) text search (bench/team-speed-search.ts)
    const search = await benchTextSearch(raw, db, datasetId, traces, log);
    lines.push(...search.lines);
    out.search = search.out;
    if (speedOnly() === "search") return { lines, raw: out };

    // c) analysis per-model query, with and without the covering index (on a copy)
    const cpu = (d: Database.Database) => {
      const xs: number[] = [];
      const stmt = d.prepare(MODEL_GROUPS);
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        stmt.all(...modelGroupsParams(datasetId));
        const c = process.cpuUsage(c0);
        xs.push((c.user + c.system) / 1000);
      }
      return median(xs);
    };
    const withIdx = cpu(raw);
    raw.pragma("wal_checkpoint(TRUNCATE)");
    const copy = tempDb("team-speed-noidx");
    copyFileSync(db.path, copy.path);
    const c2 = new Database(copy.path);
    // the old access paths (rows read behind their texts), same names for INDEXED BY
    c2.exec(`DROP INDEX "Rollout_attempt_idx"; CREATE INDEX "Rollout_attempt_idx" ON "Rollout"("problemId", "condition") WHERE "condition" = 'attempt';
      DROP INDEX "Trace_sampled_idx"; CREATE INDEX "Trace_sampled_idx" ON "Trace"("id", "origin") WHERE "origin" = 'sampled'`);
    const withoutIdx = cpu(c2);
    c2.close();
    removeDb(copy.path);
    log(
      `team-speed: analysis per-model query CPU ${Math.round(withIdx)} ms (without the two covering indexes ${Math.round(withoutIdx)} ms)`,
    );
    out.analysis = { withIdx, withoutIdx };
    lines.push({
      bench: `Analysis per-model query, ${traces.toLocaleString("en")} traces + ${attempts.toLocaleString("en")} sampled attempts`,
      metric: "CPU time of MODEL_GROUPS (median of 5)",
      value: `${Math.round(withIdx)} ms`,
      baseline: `${Math.round(withoutIdx)} ms (same data, attempts and sampled traces read from their rows)`,
      ratio: round(withIdx / withoutIdx),
      target: `< ${ANALYSIS_MS} ms`,
      pass: withIdx < ANALYSIS_MS,
    });

    // b) trace list page through next start
    ensureBuild(log);
    const server = await startServer(db.url, log);
    try {
      const pages: { search: string; ms: number; bareMs: number }[] = [];
      await fetch(`${server.base}/datasets/${datasetId}`).then((r) => r.text()); // route loaded
      const urls: { f: TraceFilter; search: string; cursor?: string }[] = FILTERS.map((f) => ({
        f,
        search: traceFilterToSearch(f),
      }));
      for (const f of PAGED) {
        // the ids the pager's cursors point at: the 50th (second page), the 51st from the end (last page)
        const all = raw.prepare(pageIdsSql(traceWhereSql(datasetId, f), undefined, "next", -1).sql);
        const ids = (all.all(...traceWhereSql(datasetId, f).params) as { id: string }[]).map((r) => r.id);
        const base = traceFilterToSearch(f);
        const join = (extra: string) => `${base ? `${base}&` : "?"}${extra}`;
        if (ids.length > 50) urls.push({ f, search: join(`cursor=${ids[49]}`), cursor: ids[49] });
        if (ids.length > 100) {
          urls.push({ f, search: join(`cursor=${ids[ids.length - 51]}`), cursor: ids[ids.length - 51] });
          urls.push({ f, search: join(`cursor=${ids[ids.length - 50]}&dir=prev`), cursor: ids[ids.length - 50] });
        }
      }
      // One untimed pass over every URL first: the server's code paths are warm, and the one-off
      // grading fill of the first answer filter (lib/data/answer-check.ts writes answerCheck on every
      // trace, once per dataset) is not counted as a render of whatever filter happens to come first.
      for (const { search } of urls) await fetch(`${server.base}/datasets/${datasetId}${search}`).then((r) => r.text());
      for (const { f, search, cursor } of urls) {
        const xs: number[] = [];
        for (let i = 0; i < 3; i++) {
          xs.push(
            await timeIt(async () => {
              const res = await fetch(`${server.base}/datasets/${datasetId}${search}`); // search: "" or "?k=v..."
              const html = await res.text();
              if (res.status !== 200 || !html.includes("Compare"))
                throw new Error(`trace list ${search}: status ${res.status}`);
            }),
          );
        }
        const q = pageIdsSql(traceWhereSql(datasetId, f), cursor, "next", 50);
        const bare = median(
          [0, 1, 2].map(() => {
            t = performance.now();
            raw.prepare(q.sql).all(...q.params);
            return performance.now() - t;
          }),
        );
        pages.push({ search, ms: median(xs), bareMs: bare });
        log(
          `team-speed: trace list ${search || "(no filter)"}: ${Math.round(median(xs))} ms (page ids alone ${Math.round(bare)} ms)`,
        );
      }
      out.pages = pages;
      const worst = pages.reduce((a, b) => (b.ms > a.ms ? b : a));
      const all = median(pages.map((p) => p.ms));
      lines.push({
        bench: `Trace list page, ${traces.toLocaleString("en")} traces`,
        metric: `server render (next start), slowest of ${pages.length} filter combinations and pages (median over them ${Math.round(all)} ms)`,
        value: `${Math.round(worst.ms)} ms (${worst.search || "no filter"})`,
        baseline: `${round(worst.bareMs, 1)} ms (its page-ids query alone)`,
        ratio: null,
        target: `< ${PAGE_MS} ms`,
        pass: worst.ms < PAGE_MS,
      });
    } finally {
      await server.stop();
    }
    return { lines, raw: out };
  } finally {
    raw.close();
    removeDb(db.path);
  }
}
