// The agreement aggregates of the Analysis page at 100,000 traces (issue 13 §3: "keep Analysis
// fast"). Seeded like bench/analysis.ts (every trace with an imported label, a model label on one
// in five), plus three people who each labelled the same 5,000 traces (disagreeing on some) and a
// final label on 1,000 of them. Median of 5: the model panel's groups under the winning rule (the
// statement in SQLite + the rule in JS), and the agreement section as the page computes it
// (computeTeamAgreement: Prisma read + the pure report; streamed in behind its own Suspense
// boundary, so it never delays the rest of the page). Baseline in the same run: the model
// panel's statement before issue 13 (newest human label, else imported), kept below verbatim.
import Database from "better-sqlite3";
import { groupLabels } from "@/lib/core/agreement/label-groups";
import { agreementReport, type LabelRow } from "@/lib/core/agreement/report";
import { winningStep } from "@/lib/core/agreement/winning-label";
import { AGREEMENT_GROUPS, TEAM_LABELS } from "@/lib/data/analysis-sql";
import { removeDb, scaled, tempDb } from "./lib/config";
import { markdownTable, type BenchLine } from "./lib/result";
import { median, round } from "./lib/stats";
import { seed } from "./analysis";

const BEFORE = `
SELECT h."step" AS "human", m."step" AS "model", COUNT(*) AS "count"
FROM "Trace" t
CROSS JOIN "FirstErrorLabel" m ON m."id" = (
  SELECT x."id" FROM "FirstErrorLabel" x WHERE x."traceId" = t."id" AND x."source" = 'model' ORDER BY x."updatedAt" DESC, x."id" DESC LIMIT 1)
CROSS JOIN "FirstErrorLabel" h ON h."id" = (
  SELECT y."id" FROM "FirstErrorLabel" y WHERE y."traceId" = t."id" AND y."source" IN ('human', 'imported')
  ORDER BY y."source" = 'human' DESC, y."updatedAt" DESC, y."id" DESC LIMIT 1)
WHERE t."datasetId" = ? GROUP BY h."step", m."step"`;

const MAX_RATIO = 1.25; // the model panel may cost at most a quarter more than before
const TARGET_MS = 2_000; // the page's budget (bench/analysis.ts); the section streams apart

function time(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export async function run(log: (s: string) => void = console.log): Promise<{ lines: BenchLine[]; raw: unknown }> {
  const traces = scaled(100_000, 500);
  const db = tempDb("agreement-h13");
  log(`agreement: seeding ${traces.toLocaleString("en")} traces...`);
  const datasetId = seed(db.url, traces);
  const sql = new Database(db.path);
  try {
    const now = `strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')`;
    for (const [who, shift] of [
      ["ada", 0],
      ["bob", 1],
      ["cara", 2],
    ] as const) {
      sql.exec(`INSERT INTO FirstErrorLabel (id, traceId, step, source, annotator, note, badProblem, badReference, unsure, version, createdAt, updatedAt)
        SELECT 'h${who}' || t.rowid, t.id, CASE WHEN t.rowid % 6 = 0 THEN NULL ELSE 1 + (t.rowid + (t.rowid % 4 = 0) * ${shift}) % 7 END, 'human', '${who}', '', 0, 0, 0, 0, ${now}, ${now}
        FROM Trace t WHERE t.rowid % 20 = 0`);
    }
    sql.exec(`INSERT INTO FirstErrorLabel (id, traceId, step, source, annotator, note, badProblem, badReference, unsure, version, createdAt, updatedAt)
      SELECT 'f' || t.rowid, t.id, 1 + t.rowid % 7, 'final', '', '', 0, 0, 0, 0, ${now}, ${now} FROM Trace t WHERE t.rowid % 100 = 0`);
    sql.exec("ANALYZE");
    for (const [name, q] of [
      ["groups", AGREEMENT_GROUPS],
      ["team", TEAM_LABELS],
    ] as const) {
      const plan = sql.prepare(`EXPLAIN QUERY PLAN ${q}`).all(datasetId) as { detail: string }[];
      log(`agreement: plan of ${name}: ${plan.map((p) => p.detail).join(" | ")}`);
    }
    process.env.DATABASE_URL = db.url; // the app's Prisma client opens the bench DB
    const { computeTeamAgreement, teamLabelRows } = await import("@/lib/data/team-agreement");
    const before: number[] = [],
      groups: number[] = [],
      team: number[] = [],
      read: number[] = [],
      prismaMs: number[] = [];
    let pairs = 0,
      rows = 0;
    for (let i = 0; i < 5; i++) {
      before.push(time(() => sql.prepare(BEFORE).all(datasetId)));
      groups.push(
        time(() => {
          for (const r of sql.prepare(AGREEMENT_GROUPS).all(datasetId) as Record<string, number | string | null>[]) {
            const opt = (v: unknown) => (v === null ? null : Number(v));
            winningStep(
              groupLabels({
                final: opt(r.final),
                humans: r.humans === null ? null : String(r.humans),
                imported: opt(r.imported),
              }),
            );
          }
        }),
      );
      let labels: LabelRow[] = [];
      read.push(
        time(() => {
          labels = teamLabelRows((sql.prepare(TEAM_LABELS).get(datasetId) as { labels: string }).labels);
        }),
      );
      team.push(
        read[read.length - 1] +
          time(() => {
            rows = labels.length;
            pairs = agreementReport(labels).pairs.length;
          }),
      );
      const t0 = performance.now();
      await computeTeamAgreement(datasetId);
      prismaMs.push(performance.now() - t0);
    }
    const b = median(before),
      g = median(groups),
      t = median(team),
      p = median(prismaMs);
    log(
      `agreement: model panel ${Math.round(g)} ms (before issue 13: ${Math.round(b)} ms); team labels + report ${Math.round(t)} ms (read ${Math.round(median(read))} ms; through Prisma as the page does ${Math.round(p)} ms) over ${rows} label rows, ${pairs} pairs`,
    );
    const lines: BenchLine[] = [
      {
        bench: `Analysis agreement, ${traces.toLocaleString("en")} traces`,
        metric: "model-vs-label panel under the winning rule (SQLite + JS rule)",
        value: `${Math.round(g)} ms`,
        baseline: `${Math.round(b)} ms (the statement before issue 13)`,
        ratio: round(g / b),
        target: `ratio <= ${MAX_RATIO}`,
        pass: g / b <= MAX_RATIO,
      },
      {
        bench: `Analysis agreement, ${traces.toLocaleString("en")} traces`,
        metric: `agreement section, streamed apart (Prisma read of ${rows.toLocaleString("en")} labels of 5% of traces + report; 3 people + model + imported)`,
        value: `${Math.round(p)} ms (better-sqlite3 read + report: ${Math.round(t)} ms)`,
        baseline: `${Math.round(b)} ms (the model panel before issue 13)`,
        ratio: round(p / b),
        target: `< ${TARGET_MS} ms`,
        pass: p < TARGET_MS,
      },
    ];
    return { lines, raw: { traces, before, groups, team, read, prisma: prismaMs, rows, pairs } };
  } finally {
    sql.close();
    removeDb(db.path);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run((s) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`));
  console.log(`\n${markdownTable(r.lines)}`);
  if (r.lines.some((l) => l.pass === false)) process.exitCode = 1;
}
