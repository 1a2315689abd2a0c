import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { countSteps, fromZeroBased } from "@/lib/core/steps";
import { buildGuidedAttempt } from "@/lib/core/guided";
import { sharedData } from "@/test-support/shared-data";
import Database from "better-sqlite3";
import { sqlitePath } from "@/lib/env";
import { nowText } from "./sqlite";
import type { TraceFilter } from "@/lib/core/filters";
import { exportLines, exportSummary, newCounts, type ExportOptions } from "./export";
import { traceFilterSql } from "./export-sql";
import { filteredTraceIds } from "./trace-list";

// Integration: rows inserted with Prisma into this file's own test database, exported
// through the streaming generator.

const pad = (n: number) => String(n).padStart(6, "0");

async function collect(o: ExportOptions) {
  const counts = newCounts(o);
  const lines: string[] = [];
  for await (const l of exportLines(o, counts)) lines.push(l);
  return { lines, rows: lines.map((l) => JSON.parse(l)), counts };
}

async function dataset(name: string) {
  return prisma.dataset.create({ data: { name } });
}

async function trace(datasetId: string, i: number, o: { text: string; generator?: string; externalId?: string | null; correct?: boolean | null; statement?: string; answer?: string }) {
  const statement = o.statement ?? `Problem ${i} of ${datasetId}`;
  const problem = await prisma.problem.upsert({
    where: { datasetId_contentHash: { datasetId, contentHash: sha256(statement) } },
    update: {},
    create: { datasetId, statement, answer: o.answer ?? "42", referenceSolution: `ref ${i}`, contentHash: sha256(statement), externalId: `p${i}` },
  });
  return prisma.trace.create({
    data: {
      id: `${datasetId}-t${pad(i)}`, datasetId, problemId: problem.id, text: o.text, generator: o.generator ?? "gen-A",
      externalId: o.externalId === undefined ? `ext-${i}` : o.externalId, correct: o.correct ?? false,
      stepCount: countSteps(o.text), contentHash: sha256(o.generator ?? "gen-A", o.text),
    },
  });
}

const TEXT = "Step one.\n\nStep two is wrong.\n\nStep three.\n\nSo \\boxed{41}.";

describe("intervention exports (int, llamafactory, trl)", () => {
  let ds: { id: string };
  beforeAll(async () => {
    ds = await dataset("iv-set");
    const t1 = await trace(ds.id, 1, { text: TEXT });
    const t2 = await trace(ds.id, 2, { text: "Only step.", generator: "gen-B" });
    await prisma.firstErrorLabel.create({ data: { traceId: t1.id, step: 2, source: "human", annotator: "ada" } });
    await prisma.trace.update({ where: { id: t1.id }, data: { status: "curated", hasIntervention: true, humanStep: 2 } });
    const iv = (id: string, traceId: string, location: number, content: string, status: string) =>
      prisma.intervention.create({ data: { id: `${ds.id}-${id}`, traceId, location, content, status, origin: "human", author: "ada", contentHash: sha256(id) } });
    await iv("i1", t1.id, 2, "Let me recheck:\nstep two needs care.", "accepted");
    await iv("i2", t1.id, 3, "edited step", "edited");
    await prisma.auditEvent.createMany({
      data: [
        { actor: "bo", action: "intervention.accept", entity: "Intervention", entityId: `${ds.id}-i2`, createdAt: new Date("2026-05-01T00:00:00Z") },
        { actor: "cy", action: "intervention.edit", entity: "Intervention", entityId: `${ds.id}-i2`, createdAt: new Date("2026-05-06T07:08:09Z") },
      ],
    });
    await iv("i3", t1.id, 2, "proposed step", "proposed");
    await iv("i4", t1.id, 2, "rejected step", "rejected");
    await iv("i5", t1.id, 2, "the answer is 42", "accepted"); // leaks the answer
    await iv("i6", t2.id, 5, "too far", "accepted"); // location past the last step
  });

  it("int: default statuses accepted+edited, guided attempt byte-exact, leakage excluded and counted", async () => {
    const { rows, counts } = await collect({ datasetId: ds.id, format: "int" });
    expect(rows.map((r) => r.provenance.intervention_id)).toEqual([`${ds.id}-i1`, `${ds.id}-i2`]);
    expect(rows[0].intervention_guided_attempt).toBe(buildGuidedAttempt(TEXT, 2, "Let me recheck:\nstep two needs care."));
    expect(rows[0].intervention_guided_attempt).toBe("Step one.\n\nLet me recheck:\n\nstep two needs care.");
    expect(rows[0]).toMatchObject({ answer: "42", reference_solution: "ref 1", incorrect_attempt: TEXT, intervention: { location: 2 } });
    expect(rows[0].provenance).toMatchObject({ who: "ada", status: "accepted", origin: "human", human_first_error_step: 2, trace_external_id: "ext-1" });
    expect(rows[0].provenance.when).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows[1].provenance).toMatchObject({ who: "cy", author: "ada", when: "2026-05-06T07:08:09.000Z", status: "edited" });
    expect(counts).toMatchObject({ written: 2, excludedLeakage: 1, skipped: { location_out_of_range: 1 }, done: true });
  });

  it("any = all but rejected; explicit lists; summary equals the streamed counts", async () => {
    const any = await collect({ datasetId: ds.id, format: "llamafactory", statuses: ["proposed", "accepted", "edited"] });
    expect(any.rows).toHaveLength(3);
    expect(Object.keys(any.rows[0])).toEqual(["problem", "intervention_guided_attempt"]);
    const rej = await collect({ datasetId: ds.id, format: "trl", statuses: ["rejected"] });
    expect(rej.rows).toEqual([{ prompt: [{ role: "user", content: "Problem 1 of " + ds.id }], completion: [{ role: "assistant", content: "Step one.\n\nrejected step" }] }]);
    const s = await exportSummary({ datasetId: ds.id, format: "int" });
    expect(s).toMatchObject({ written: 2, excludedLeakage: 1, skipped: { location_out_of_range: 1 } });
  });

  it("applies the trace list filter in the query", async () => {
    expect((await collect({ datasetId: ds.id, format: "int", filter: { generator: "gen-B" } })).counts).toMatchObject({ written: 0, skipped: { location_out_of_range: 1 } });
    expect((await collect({ datasetId: ds.id, format: "int", filter: { status: "todo" } })).counts.written).toBe(0);
    expect((await collect({ datasetId: ds.id, format: "int", filter: { labelled: "yes", q: "recheck" } })).counts.written).toBe(0); // q searches problem/trace text, not interventions
    expect((await collect({ datasetId: ds.id, format: "int", filter: { labelled: "yes", q: "Step two is" } })).counts.written).toBe(2);
    expect((await collect({ datasetId: "no-such-dataset", format: "int" })).lines).toEqual([]);
  });
});

describe("processbench export", () => {
  it("human label wins over the imported one, -1 = no error, unlabelled traces skipped, ids kept", async () => {
    const ds = await dataset("pb-small");
    const a = await trace(ds.id, 1, { text: "a\n\nb\n\nc", externalId: "math-1", correct: true });
    const b = await trace(ds.id, 2, { text: "x\n\ny", externalId: null });
    await trace(ds.id, 3, { text: "unlabelled" });
    await prisma.firstErrorLabel.createMany({
      data: [
        { traceId: a.id, step: 2, source: "imported", annotator: "processbench" },
        { traceId: a.id, step: null, source: "human", annotator: "ada" },
        { traceId: b.id, step: 2, source: "imported", annotator: "processbench" },
        { traceId: b.id, step: 1, source: "model", annotator: "qwen" }, // suggestions are never exported
      ],
    });
    const { rows, counts } = await collect({ datasetId: ds.id, format: "processbench" });
    expect(rows).toEqual([
      { id: "math-1", generator: "gen-A", problem: `Problem 1 of ${ds.id}`, steps: ["a", "b", "c"], final_answer_correct: true, label: -1 },
      { id: b.id, generator: "gen-A", problem: `Problem 2 of ${ds.id}`, steps: ["x", "y"], final_answer_correct: false, label: 1 },
    ]);
    expect(counts).toMatchObject({ written: 2, skipped: { no_label: 1 }, statuses: null });
  });

  it("the final label wins; people who disagree without one are skipped as labels_disagree (the winning rule)", async () => {
    const ds = await dataset("pb-final");
    const a = await trace(ds.id, 1, { text: "a\n\nb\n\nc", externalId: "adjudicated" });
    const b = await trace(ds.id, 2, { text: "x\n\ny\n\nz", externalId: "disputed" });
    await prisma.firstErrorLabel.createMany({
      data: [
        { traceId: a.id, step: 1, source: "human", annotator: "ada" },
        { traceId: a.id, step: 3, source: "human", annotator: "bob" },
        { traceId: a.id, step: 3, source: "final", annotator: "" },
        { traceId: b.id, step: 1, source: "human", annotator: "ada" },
        { traceId: b.id, step: 2, source: "human", annotator: "bob" },
        { traceId: b.id, step: 1, source: "imported", annotator: "processbench" },
      ],
    });
    const { rows, counts } = await collect({ datasetId: ds.id, format: "processbench" });
    expect(rows.map((r) => [r.id, r.label])).toEqual([["adjudicated", 2]]);
    expect(counts).toMatchObject({ written: 1, skipped: { labels_disagree: 1 } });
  });

  it("SFT provenance names the winning label: the final one over people who disagree", async () => {
    const ds = await dataset("sft-final");
    const t = await trace(ds.id, 1, { text: "a\n\nb\n\nc" });
    await prisma.firstErrorLabel.createMany({
      data: [
        { traceId: t.id, step: 1, source: "human", annotator: "ada" },
        { traceId: t.id, step: 2, source: "human", annotator: "bob" },
        { traceId: t.id, step: 2, source: "final", annotator: "" },
      ],
    });
    await prisma.intervention.create({ data: { traceId: t.id, location: 2, content: "Recheck b.", status: "accepted", origin: "human", author: "bob", contentHash: sha256(`${ds.id}-iv`) } });
    const { rows } = await collect({ datasetId: ds.id, format: "int" });
    expect(rows[0].provenance).toMatchObject({ human_first_error_step: 2, human_annotator: "", first_error_source: "final" });
    await prisma.firstErrorLabel.deleteMany({ where: { traceId: t.id, source: "final" } });
    const undecided = await collect({ datasetId: ds.id, format: "int" });
    expect(undecided.rows[0].provenance).toMatchObject({ human_first_error_step: null, human_annotator: null, first_error_source: null });
  });

  it("gives back every row of the native ProcessBench files, written as the importer writes them", async () => {
    const ds = await dataset("pb-native");
    type Pb = { id: string; generator: string; problem: string; steps: string[]; final_answer_correct: boolean; label: number };
    const native = ["gsm8k.json", "math.json"].flatMap((f) => JSON.parse(readFileSync(sharedData("processbench", f), "utf8")) as Pb[]);
    const problems = new Map<string, string>();
    for (const r of native) if (!problems.has(r.problem)) problems.set(r.problem, `${ds.id}-p${pad(problems.size)}`);
    // Raw inserts (as the bulk importer does): Prisma createMany takes seconds here.
    const db = new Database(sqlitePath());
    const ts = nowText();
    db.transaction(() => {
      const ip = db.prepare(`INSERT INTO Problem (id, datasetId, statement, referenceSolution, answer, source, metadata, contentHash, createdAt) VALUES (?, ?, ?, '', '', '', '{}', ?, ?)`);
      const it = db.prepare(`INSERT INTO Trace (id, datasetId, problemId, externalId, text, generator, origin, correct, stepCount, contentHash, status, hasIntervention, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, 'imported', ?, ?, ?, 'todo', 0, 0, ?, ?)`);
      const il = db.prepare(`INSERT INTO FirstErrorLabel (id, traceId, step, source, annotator, note, badProblem, badReference, unsure, version, createdAt, updatedAt) VALUES (?, ?, ?, 'imported', 'processbench', '', 0, 0, 0, 0, ?, ?)`);
      for (const [statement, id] of problems) ip.run(id, ds.id, statement, sha256(statement), ts);
      native.forEach((r, i) => {
        const text = r.steps.join("\n\n");
        const id = `${ds.id}-t${pad(i)}`;
        it.run(id, ds.id, problems.get(r.problem)!, r.id, text, r.generator, r.final_answer_correct ? 1 : 0, countSteps(text), sha256(r.generator, text, String(i)), ts, ts);
        il.run(`${id}-l`, id, fromZeroBased(r.label), ts, ts);
      });
    })();
    db.close();

    const { lines, counts } = await collect({ datasetId: ds.id, format: "processbench" });
    expect(counts.written).toBe(native.length);
    // same rows, same key order, same bytes
    expect(lines).toEqual(native.map((r) => JSON.stringify(r) + "\n"));
  });
});

describe("streaming", () => {
  it("reads in id-cursor batches of bounded size, and only as fast as lines are consumed", async () => {
    const ds = await dataset("big");
    const n = 1234;
    const statement = "One problem, many traces";
    const p = await prisma.problem.create({ data: { datasetId: ds.id, statement, answer: "no-such-answer", contentHash: sha256(statement) } });
    await prisma.trace.createMany({
      data: Array.from({ length: n }, (_, i) => ({ id: `big-t${pad(i)}`, datasetId: ds.id, problemId: p.id, text: `s1 ${i}\n\ns2 ${i}`, stepCount: 2, contentHash: sha256(String(i)) })),
    });
    await prisma.intervention.createMany({
      data: Array.from({ length: n }, (_, i) => ({ id: `big-i${pad(i)}`, traceId: `big-t${pad(i)}`, location: 2, content: `fix ${i}`, status: "accepted", origin: "human", contentHash: sha256(String(i)) })),
    });

    const takes: number[] = [];
    const onBatch = (n: number) => takes.push(n);
    const o: ExportOptions = { datasetId: ds.id, format: "int", batchSize: 100, onBatch };
    const it = exportLines(o, newCounts(o));
    const first = await it.next();
    expect(JSON.parse(first.value as string).intervention_guided_attempt).toBe("s1 0\n\nfix 0");
    expect(takes).toEqual([100]); // one batch read for the first line, not the dataset
    let count = 1;
    for await (const _ of it) count++;
    expect(count).toBe(n);
    expect(Math.max(...takes)).toBe(100);
    expect(takes).toHaveLength(Math.ceil(n / 100)); // 13 batches: 12 x 100 + 34

    takes.length = 0;
    const pb = await collect({ datasetId: ds.id, format: "processbench", batchSize: 100, onBatch });
    expect(pb.counts.skipped.no_label).toBe(n);
    expect(takes).toHaveLength(Math.ceil(n / 100));
  });
});

describe("selection", () => {
  it("the export's SQL filter selects exactly what the list selects", async () => {
    const ds = await dataset("sel");
    const texts = ["Alpha beta", "alpha 50% off", "under_score", "GAMMA delta", "plain"];
    for (let i = 0; i < 10; i++) {
      const t = await trace(ds.id, 100 + i, { text: texts[i % 5] + `\n\nstep ${i}`, generator: i % 3 ? "gen-A" : "gen-B", statement: i === 7 ? "Find Alpha" : undefined });
      const status = ["todo", "labelled", "curated"][i % 3];
      await prisma.trace.update({ where: { id: t.id }, data: { status, hasIntervention: i % 4 === 0 } });
      if (i % 4 === 0) await prisma.intervention.create({ data: { traceId: t.id, location: 1, content: "x", status: i === 4 ? "rejected" : "proposed", origin: "human", contentHash: `k${i}` } });
      if (i % 2) await prisma.firstErrorLabel.create({ data: { traceId: t.id, step: i % 5 === 0 ? null : 1, source: "human", annotator: `u${i}` } });
      if (i % 3 === 0) await prisma.firstErrorLabel.create({ data: { traceId: t.id, step: 1, source: "imported", annotator: "pb" } });
    }
    const filters: TraceFilter[] = [
      {}, { status: "todo" }, { status: "labelled" }, { status: "curated" }, { labelled: "yes" }, { labelled: "no" },
      { intervention: "yes" }, { intervention: "no" }, { generator: "gen-B" }, { generator: "" }, { q: "alpha" }, { q: "ALPHA" },
      { q: "50%" }, { q: "_" }, { q: "%" }, { q: "step 1" }, { status: "curated", labelled: "yes", intervention: "no", generator: "gen-A", q: "a" },
    ];
    const db = new Database(sqlitePath(), { readonly: true });
    try {
      for (const f of filters) {
        const list = await filteredTraceIds(ds.id, f);
        const q = traceFilterSql(ds.id, f);
        const mine = db.prepare(`SELECT t.id FROM Trace t JOIN Problem p ON p.id = t.problemId WHERE ${q.sql} ORDER BY t.id`).all(...q.params).map((r) => (r as { id: string }).id);
        expect(mine, JSON.stringify(f)).toEqual(list);
      }
    } finally {
      db.close();
    }
  });

  it("several interventions per trace across batch boundaries: each once, in (trace, intervention) order", async () => {
    const ds = await dataset("multi");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await trace(ds.id, 200 + i, { text: "a\n\nb" });
      for (let k = 0; k < 3; k++) {
        const id = `${t.id}-iv${k}`;
        ids.push(id);
        await prisma.intervention.create({ data: { id, traceId: t.id, location: 2, content: `c${k}`, status: "accepted", origin: "human", contentHash: id } });
      }
    }
    for (const batchSize of [1, 2, 4, 7, 100]) {
      const { rows } = await collect({ datasetId: ds.id, format: "int", batchSize });
      expect(rows.map((r) => r.provenance.intervention_id), `batch ${batchSize}`).toEqual(ids);
    }
  });
});
