import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { createQueue } from "./queues";
import { takeNext } from "./queue-work";
import { queueDataset } from "@/test-support/queue-fixture";

// The next-item rule under real concurrency: several processes (each its own connection, as
// several servers or the CLI would be) take, label and complete items of one queue at the same
// moment. Nobody may hold an item while someone else holds it, every item ends with exactly
// `overlap` completions, and every completion has its label and audit event.

const WORKER = fileURLToPath(new URL("../../test-support/queue-race-worker.ts", import.meta.url));

function worker(queueId: string, names: string[], startAt: number, holdMs = 0, barrier: string[] = []): { proc: ChildProcess; lines: string[]; done: Promise<number> } {
  const proc = spawn(process.execPath, ["--import", "tsx", WORKER, queueId, names.join(","), String(startAt), String(holdMs), ...barrier], {
    env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let err = "";
  proc.stdout!.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const done = new Promise<number>((resolve) => proc.on("close", (code) => { if (code) console.error(err.slice(-2000)); resolve(code ?? -1); }));
  return { proc, lines, done };
}


describe("work queue under concurrent requests", () => {
  it("4 processes x 5 people on an overlap-2 queue: never two holders, every item done twice, every label stored and audited", { timeout: 120_000 }, async () => {
    const { datasetId } = await queueDataset(40);
    const q = await createQueue(datasetId, { name: "race", task: "label", overlap: 2, reserveMinutes: 10 }, "cur");
    if (!q.ok) throw new Error(q.error);
    const startAt = Date.now() + 4000; // after every child has loaded
    const barrier = [join(tmpdir(), `queue-race-${randomUUID()}`), "4"];
    const ws = [0, 1, 2, 3].map((p) => worker(q.id, [0, 1, 2, 3, 4].map((i) => `p${p}-a${i}`), startAt, 0, barrier));
    expect(await Promise.all(ws.map((w) => w.done))).toEqual([0, 0, 0, 0]);
    // the first round: 20 people took at the same moment and nobody completed anything until all
    // had taken, so all 20 holds are on different items
    const firstTakes = ws.flatMap((w) => w.lines.filter((l) => l.startsWith("FIRST ")).map((l) => l.split(" ")[2]));
    expect(firstTakes).toHaveLength(20);
    expect(new Set(firstTakes).size).toBe(20);
    const items = await prisma.queueItem.findMany({ where: { queueId: q.id } });
    expect(items.map((i) => i.doneCount)).toEqual(items.map(() => 2));
    const completions = await prisma.queueCompletion.findMany({ where: { queueId: q.id } });
    expect(completions).toHaveLength(80);
    const labels = await prisma.firstErrorLabel.findMany({ where: { source: "human", trace: { datasetId } }, select: { traceId: true, annotator: true, id: true } });
    expect(labels.map((l) => `${l.traceId}/${l.annotator}`).sort()).toEqual(completions.map((c) => `${c.traceId}/${c.annotator}`).sort());
    const audited = await prisma.auditEvent.count({ where: { action: "label.set", entityId: { in: labels.map((l) => l.id) } } });
    expect(audited).toBe(80);
  });

  it("a process killed mid-run loses no submitted label and its reservation holds until it expires", { timeout: 120_000 }, async () => {
    const { datasetId } = await queueDataset(10);
    const q = await createQueue(datasetId, { name: "restart", task: "label", overlap: 1, reserveMinutes: 10 }, "cur");
    if (!q.ok) throw new Error(q.error);
    const w = worker(q.id, ["kim"], Date.now(), 150);
    // kill it while it holds its 4th item (3 submitted)
    for (let i = 0; i < 600 && w.lines.filter((l) => l.startsWith("TAKE kim")).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    w.proc.kill("SIGKILL");
    await w.done;
    const submitted = w.lines.filter((l) => l.startsWith("DONE ")).map((l) => l.split(" ")[2]);
    const held = w.lines.filter((l) => l.startsWith("TAKE ")).at(-1)!.split(" ")[2];
    expect(submitted.length).toBeGreaterThanOrEqual(3);
    for (const traceId of submitted) {
      const l = await prisma.firstErrorLabel.findUnique({ where: { traceId_source_annotator: { traceId, source: "human", annotator: "kim" } } });
      expect(l?.step, traceId).toBe(1);
      expect(await prisma.auditEvent.count({ where: { action: "label.set", entityId: l!.id } })).toBe(1);
    }
    // the "restarted server": someone else never gets kim's held item while it holds...
    const others = [];
    for (let i = 0; i < 10; i++) others.push((await takeNext(q.id, `o${i}`, 10))?.traceId);
    expect(others).not.toContain(held);
    // ...kim gets it back, and after 10 minutes it is free
    expect(await takeNext(q.id, "kim", 10)).toMatchObject({ traceId: held, resumed: true });
    expect((await takeNext(q.id, "late", 10, Date.now() + 10 * 60_000 + 1))?.traceId).toBe(held);
  });
});
