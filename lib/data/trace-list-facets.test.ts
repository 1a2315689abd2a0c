import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import type { TraceFilter } from "@/lib/core/filters";
import { addComment, setCommentStatus } from "./comments";
import { createIntervention, decideIntervention } from "./interventions";
import { setHumanLabel } from "./labels";
import { filteredTraceIds } from "./trace-list";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importFile } from "@/lib/import";
import { sharedData } from "@/test-support/shared-data";

// The list* columns of Trace (migration 20261206060000_trace_list_facets) are the list filters'
// copies of facts about child rows, kept by triggers. These tests hold them equal to the child
// rows after every kind of write: random inserts, updates (status, source, step, moving a row to
// another trace) and deletes through any writer, and the app's own label/intervention/comment paths.
// TraceListCount (migration 20261206060100_trace_list_counts) is held equal to a GROUP BY of the traces
// after the same writes, plus trace inserts, deletes and changes of status, generator and answer check.

/** What each column must say, computed from the child rows (the filters' old EXISTS definitions). */
const TRUTH = `SELECT t."id" AS id,
  t."listIntervention" AS iv, EXISTS (SELECT 1 FROM "Intervention" i WHERE i."traceId" = t."id" AND i."status" <> 'rejected') AS ivTruth,
  t."listHumanLabel" AS human, EXISTS (SELECT 1 FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'human') AS humanTruth,
  t."listImportedError" AS impErr, EXISTS (SELECT 1 FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'imported' AND l."step" IS NOT NULL) AS impErrTruth,
  t."listImportedNoError" AS impOk, EXISTS (SELECT 1 FROM "FirstErrorLabel" l WHERE l."traceId" = t."id" AND l."source" = 'imported' AND l."step" IS NULL) AS impOkTruth,
  t."listOpenComment" AS open, EXISTS (SELECT 1 FROM "Comment" c WHERE c."traceId" = t."id" AND c."status" = 'open') AS openTruth
FROM "Trace" t WHERE t."datasetId" = ?`;

type Truth = Record<"iv" | "human" | "impErr" | "impOk" | "open", unknown> & Record<string, unknown>;

/** Every trace whose columns disagree with its child rows, as "trace column: stored != truth". */
async function mismatches(datasetId: string, seen = new Set<string>()): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Truth[]>(TRUTH, datasetId);
  const out: string[] = [];
  for (const r of rows) {
    for (const k of ["iv", "human", "impErr", "impOk", "open"] as const) {
      seen.add(`${k}=${Boolean(Number(r[k]))}`);
      if (Boolean(Number(r[k])) !== Boolean(Number(r[`${k}Truth`]))) out.push(`${String(r.id)} ${k}: ${String(r[k])} != ${String(r[`${k}Truth`])}`);
    }
  }
  return out;
}

const KEY = `"status", "generator", "answerCheck", "listIntervention", "listHumanLabel", "listImportedError", "listImportedNoError", "listOpenComment"`;

/** TraceListCount's rows of the dataset that differ from a GROUP BY over its traces, as "key: stored != truth". */
async function countMismatches(datasetId: string): Promise<string[]> {
  const stored = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${KEY}, "n" FROM "TraceListCount" WHERE "datasetId" = ? AND "n" <> 0`, datasetId);
  const truth = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${KEY.replace(`"answerCheck"`, `IFNULL("answerCheck", '') AS "answerCheck"`)}, COUNT(*) AS "n" FROM "Trace" WHERE "datasetId" = ? GROUP BY ${KEY.replace(`"answerCheck"`, `IFNULL("answerCheck", '')`)}`,
    datasetId,
  );
  const key = (r: Record<string, unknown>) => KEY.split(", ").map((k) => String(r[k.slice(1, -1)])).join("|");
  const a = new Map(stored.map((r) => [key(r), Number(r.n)])), b = new Map(truth.map((r) => [key(r), Number(r.n)]));
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k)} != ${b.get(k)}`);
}

async function seed(n: number) {
  const ds = await prisma.dataset.create({ data: { name: `facets-${randomUUID()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "P", referenceSolution: "R", answer: "1", contentHash: sha256(ds.id) } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = `one\n\ntwo\n\nthree ${i}`;
    ids.push((await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } })).id);
  }
  return { datasetId: ds.id, ids };
}

/** Deterministic 32-bit PRNG (mulberry32): the same sequence of writes on every run. */
function prng(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

describe("Trace list columns (kept by triggers)", () => {
  it("equal their child rows, and the counts their traces, after each of 400 random inserts, updates, moves and deletes", async () => {
    const { datasetId, ids } = await seed(4);
    const r = prng(0x15ee);
    const pick = <T>(xs: readonly T[]) => xs[r(xs.length)];
    const IV = ["proposed", "accepted", "edited", "rejected"] as const;
    const SOURCES = ["human", "imported", "model", "final"] as const;
    const steps = [null, 1, 2] as const;
    const log: string[] = [];
    const seen = new Set<string>();
    for (let k = 0; k < 400; k++) {
      const [ivs, labels, comments] = await Promise.all([
        prisma.intervention.findMany({ where: { traceId: { in: ids } }, select: { id: true } }),
        prisma.firstErrorLabel.findMany({ where: { traceId: { in: ids } }, select: { id: true } }),
        prisma.comment.findMany({ where: { traceId: { in: ids } }, select: { id: true } }),
      ]);
      const op = r(15);
      const traceId = pick(ids);
      if (op === 0 || (op < 3 && ivs.length === 0)) {
        await prisma.intervention.create({ data: { traceId, location: 1, content: `c${k}`, status: pick(IV), origin: "human", contentHash: `h${k}` } });
      } else if (op === 1) await prisma.intervention.update({ where: { id: pick(ivs).id }, data: { status: pick(IV) } });
      else if (op === 2) {
        // a move to another trace (no writer does it today; the trigger must still see both traces)
        await prisma.intervention.update({ where: { id: pick(ivs).id }, data: { traceId } });
      } else if (op === 3 && ivs.length) await prisma.intervention.delete({ where: { id: pick(ivs).id } });
      else if (op === 4 || (op < 7 && labels.length === 0)) {
        const source = pick(SOURCES), annotator = pick(["a", "b", ""]), step = pick(steps);
        await prisma.firstErrorLabel.upsert({
          where: { traceId_source_annotator: { traceId, source, annotator } },
          create: { traceId, source, annotator, step },
          update: { step },
        });
      } else if (op === 5) await prisma.firstErrorLabel.update({ where: { id: pick(labels).id }, data: { step: pick(steps) } }).catch(() => undefined);
      else if (op === 6) {
        // source changed (or the label moved): may collide with the unique key, then nothing is written
        await prisma.firstErrorLabel.update({ where: { id: pick(labels).id }, data: r(2) ? { source: pick(SOURCES) } : { traceId } }).catch(() => undefined);
      } else if (op === 7 && labels.length) await prisma.firstErrorLabel.delete({ where: { id: pick(labels).id } });
      else if (op === 8 || (op < 11 && comments.length === 0)) {
        await prisma.comment.create({ data: { traceId, datasetId, author: "a", body: "b", status: pick(["open", "resolved"]) } });
      } else if (op === 9) await prisma.comment.update({ where: { id: pick(comments).id }, data: { status: pick(["open", "resolved"]) } });
      else if (op === 10) await prisma.comment.delete({ where: { id: pick(comments).id } });
      else if (op === 11) {
        // raw SQL, as the import and the job stages write: a bulk delete of one trace's children
        await prisma.$executeRawUnsafe(`DELETE FROM "FirstErrorLabel" WHERE "traceId" = ? AND "source" = ?`, traceId, pick(SOURCES));
        await prisma.$executeRawUnsafe(`UPDATE "Intervention" SET "status" = 'rejected' WHERE "traceId" = ?`, traceId);
      }
      else if (op === 12) {
        // the trace's own list columns (the counts' key) change: status, generator, answer check
        const patch = [{ status: pick(["todo", "labelled", "curated"]) }, { generator: pick(["g1", "g2"]) }, { answerCheck: pick([null, "correct", "wrong", "unknown"]) }][r(3)];
        await prisma.trace.update({ where: { id: traceId }, data: patch });
      } else if (op === 13) {
        const text = `new trace ${k}`;
        const p = await prisma.trace.findUniqueOrThrow({ where: { id: ids[0] }, select: { problemId: true } });
        ids.push((await prisma.trace.create({ data: { datasetId, problemId: p.problemId, text, stepCount: 1, contentHash: sha256(text), status: pick(["todo", "curated"]), answerCheck: pick([null, "wrong"]) } })).id);
      } else if (op === 14 && ids.length > 3) {
        // a trace deleted with its children (cascade): its count goes, the child triggers find no trace
        const gone = ids.splice(r(ids.length), 1)[0];
        await prisma.trace.delete({ where: { id: gone } });
      }
      log.push(String(op));
      const bad = [...(await mismatches(datasetId, seen)), ...(await countMismatches(datasetId))];
      if (bad.length) throw new Error(`after write ${k} (ops ${log.join(",")}): ${bad.join("; ")}`);
    }
    // the sequence took every column through both of its values, and left traces to count
    expect(seen.size).toBe(10);
    expect(ids.length).toBeGreaterThan(3);
  });

  it("follow the app's own writers, and the list filters select by them", async () => {
    const { datasetId, ids } = await seed(3);
    const [a, b, c] = ids;
    const sel = (f: TraceFilter) => filteredTraceIds(datasetId, f);

    expect(await sel({ labelled: "no" })).toEqual([...ids].sort());
    const label = await setHumanLabel({ traceId: a, actor: "ann", step: 2, expectedVersion: null });
    expect(label.ok).toBe(true);
    expect(await sel({ labelled: "yes" })).toEqual([a]);

    const iv = await createIntervention({ traceId: b, actor: "ann", location: 2, content: "check the sign" });
    if (!iv.ok) throw new Error(iv.reason);
    expect(await sel({ intervention: "yes" })).toEqual([b]);
    const rejected = await decideIntervention({ id: iv.value.id, actor: "ann", expectedVersion: iv.value.version, decision: "reject" });
    expect(rejected.ok).toBe(true);
    expect(await sel({ intervention: "yes" })).toEqual([]);

    const cm = await addComment({ traceId: c, step: 1, interventionId: null, body: "?", actor: { name: "ann", role: "annotator" } });
    if (!cm.ok) throw new Error("comment refused");
    expect(await sel({ comments: "open" })).toEqual([c]);
    await setCommentStatus({ id: cm.comment.id, expectedVersion: cm.comment.version, status: "resolved", actor: { name: "ann", role: "annotator" } });
    expect(await sel({ comments: "open" })).toEqual([]);

    await prisma.firstErrorLabel.create({ data: { traceId: c, source: "imported", annotator: "file", step: null } });
    expect(await sel({ imported: "no-error" })).toEqual([c]);
    expect(await sel({ imported: "error" })).toEqual([]);
    expect(await mismatches(datasetId)).toEqual([]);

    // a trace's deletion cascades to its children: the other traces keep their values
    await prisma.trace.delete({ where: { id: a } });
    expect(await sel({ labelled: "yes" })).toEqual([]);
    expect(await mismatches(datasetId)).toEqual([]);
    expect(await countMismatches(datasetId)).toEqual([]);
  });

  it("are written by the importer as the triggers would: real ProcessBench files, InT rows, and a re-import adding children", async () => {
    const name = `facets-import-${randomUUID()}`;
    for (const f of ["gsm8k.json", "math.json"]) {
      const r = await importFile(sharedData("processbench", f), { dataset: name, format: "processbench", actor: "t" });
      expect(r.ok).toBe(true);
    }
    const dir = mkdtempSync(join(tmpdir(), "facets-"));
    const row = (i: number, content: string) =>
      JSON.stringify({
        problem: `What is ${i}+1?`,
        answer: String(i + 1),
        reference_solution: `${i}+1=${i + 1}.`,
        incorrect_attempt: `Step one.\n\nSo ${i}+1=${i + 2}.`,
        intervention: { content, location: 2 },
        model: "m",
      });
    // the first file makes new traces with an intervention; the second meets the same traces (insert ignored) and adds one
    for (const [k, content] of [[0, "Check the sum."], [1, "Add again."]] as const) {
      const file = join(dir, `int-${k}.jsonl`);
      writeFileSync(file, [0, 1, 2].map((i) => row(i, content)).join("\n") + "\n");
      const r = await importFile(file, { dataset: name, format: "int", actor: "t" });
      expect(r.ok).toBe(true);
      if (k === 1) continue;
      // a curator rejects trace 0's only intervention: the second file's new one must turn its fact on again
      const ds0 = await prisma.dataset.findFirstOrThrow({ where: { name } });
      const iv = await prisma.intervention.findFirstOrThrow({ where: { trace: { datasetId: ds0.id, externalId: null, text: { contains: "So 0+1=2." } } } });
      expect((await decideIntervention({ id: iv.id, actor: "ann", expectedVersion: iv.version, decision: "reject" })).ok).toBe(true);
      expect((await prisma.trace.findUniqueOrThrow({ where: { id: iv.traceId } })).listIntervention).toBe(false);
    }
    // a PRM800K path the first labeller gave up on (no label), then labelled "no error" by a second one: the label
    // lands on the trace the first file made, whose imported-label fact must turn on
    const prm = (labeler: string, finish: string) =>
      JSON.stringify({
        labeler,
        question: { problem: "What is 2+2?", ground_truth_answer: "4" },
        label: { steps: [{ completions: [{ text: "2+2=4.", rating: 1 }], chosen_completion: 0, human_completion: null }], finish_reason: finish },
      });
    for (const [k, line] of [prm("a", "give_up"), prm("b", "solution")].entries()) {
      const file = join(dir, `prm-${k}.jsonl`);
      writeFileSync(file, line + "\n");
      const r = await importFile(file, { dataset: name, format: "prm800k", actor: "t" });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const ds = await prisma.dataset.findFirstOrThrow({ where: { name } });
    const met = await prisma.trace.findFirstOrThrow({ where: { datasetId: ds.id, text: { contains: "So 0+1=2." } } });
    expect(met.listIntervention).toBe(true);
    const labelledLater = await prisma.trace.findFirstOrThrow({ where: { datasetId: ds.id, generator: "prm800k" } });
    expect(labelledLater.listImportedNoError).toBe(true);
    const seen = new Set<string>();
    expect(await mismatches(ds.id, seen)).toEqual([]);
    expect(await countMismatches(ds.id)).toEqual([]);
    // the files reach every value the importer writes: interventions, imported error and no-error labels
    expect([...seen]).toEqual(expect.arrayContaining(["iv=true", "iv=false", "impErr=true", "impErr=false", "impOk=true", "impOk=false"]));
    // the importer's suspension of the list triggers ends with its transaction: a later write moves the counts again
    const one = await prisma.trace.findFirstOrThrow({ where: { datasetId: ds.id, listHumanLabel: false } });
    expect((await setHumanLabel({ traceId: one.id, actor: "ann", step: 1, expectedVersion: null })).ok).toBe(true);
    expect(await countMismatches(ds.id)).toEqual([]);
  });
});
