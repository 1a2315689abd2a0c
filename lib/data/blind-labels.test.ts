import { describe, expect, it } from "vitest";
import { createQueue } from "./queues";
import { completeItem, skipItem, takeNext } from "./queue-work";
import { blindAnywhere, blindOutcomes, blindRows, withheldForTrace, withheldLabels } from "./blind-labels";
import type { TraceRow } from "./trace-list";
import type { OutcomeRow } from "./job-outcomes";
import { queueDataset } from "@/test-support/queue-fixture";

const ann = { name: "ann", role: "annotator" as const };
const bob = { name: "bob", role: "annotator" as const };
const cur = { name: "cur", role: "curator" as const };

async function queue(datasetId: string, extra: Record<string, unknown> = {}) {
  const r = await createQueue(datasetId, { name: "blind-q", task: "label", overlap: 2, ...extra }, "cur");
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

describe("blind labels read from the queue rows", () => {
  it("withholds every item of an open blind label queue until the viewer completes it there", async () => {
    const { datasetId, traceIds } = await queueDataset(2);
    const qid = await queue(datasetId);
    const before = await withheldLabels(ann, datasetId, traceIds);
    expect([...before.keys()].sort()).toEqual([...traceIds].sort());
    expect(before.get(traceIds[0])).toEqual([{ id: qid, name: "blind-q" }]);
    const t0 = Date.now();
    const mine = await takeNext(qid, "ann", 10, t0);
    expect(await completeItem(qid, mine!.traceId, "ann", t0 + 1000)).toBe(true);
    expect(await withheldForTrace(ann, mine!.traceId)).toEqual([]); // submitted: revealed
    expect(await withheldForTrace(bob, mine!.traceId)).toHaveLength(1); // bob still has to label it
    // the curator who made the queue watches it (sees labels) until they take an item themselves
    expect(await withheldForTrace(cur, traceIds[1])).toEqual([]);
    const c = await takeNext(qid, "cur", 10, t0 + 2000);
    expect(c).not.toBeNull();
    expect(await withheldForTrace(cur, traceIds[1])).toHaveLength(1);
  });

  it("an item closed by others, or a queue that is not blind withholds nothing; a skip does not reveal", async () => {
    const { datasetId, traceIds } = await queueDataset(1);
    const qid = await queue(datasetId, { overlap: 1 });
    const t0 = Date.now();
    await takeNext(qid, "ann", 10, t0);
    expect(await skipItem(qid, traceIds[0], "ann", t0 + 10)).toBe(true);
    expect(await withheldForTrace(ann, traceIds[0])).toHaveLength(1);
    await takeNext(qid, "bob", 10, t0 + 20);
    await completeItem(qid, traceIds[0], "bob", t0 + 30); // overlap 1 reached: the item is closed
    expect(await withheldForTrace(ann, traceIds[0])).toEqual([]);

    const other = await queueDataset(1);
    await queue(other.datasetId, { blind: false });
    expect(await withheldForTrace(ann, other.traceIds[0])).toEqual([]);
  });
});

describe("the list and the job outcomes follow the rule", () => {
  it("a withheld list row keeps its place without its labels, status or intervention statuses; under a label filter it is left out", async () => {
    const { datasetId, traceIds } = await queueDataset(2);
    await queue(datasetId);
    const other = await queueDataset(1); // no queue: nothing withheld
    const row = (id: string): TraceRow =>
      ({
        id,
        position: 1,
        externalId: null,
        snippet: "",
        generator: "m",
        stepCount: 4,
        humanStep: 3,
        labelled: true,
        otherLabel: { source: "imported", step: 1 },
        status: "curated",
        interventions: { accepted: 1 },
      }) as TraceRow;
    const rows = [row(traceIds[0]), row(other.traceIds[0])];
    const w = await withheldLabels(ann, datasetId, rows.map((r) => r.id));
    for (const filter of [{}, { generator: "m" }, { answer: "wrong" as const }, { q: "x" }]) {
      const shown = blindRows(rows, w, filter);
      expect(shown.leftOut).toBe(0);
      expect(shown.rows[0]).toMatchObject({ humanStep: null, labelled: false, otherLabel: null, status: "", interventions: {} });
      expect(shown.rows[0].hidden).toContain('blind queue "blind-q"');
      expect(shown.rows[1]).toEqual(rows[1]);
    }
    // listed under any filter on what was said about a trace, the row would tell it
    const byLabel = [{ imported: "error" }, { labelled: "yes" }, { status: "curated" }, { status: "todo" }, { intervention: "yes" }, { comments: "open" }] as const;
    for (const filter of byLabel) expect(blindRows(rows, w, filter)).toEqual({ rows: [rows[1]], leftOut: 1 });
    // the curator watching the queue gets the rows as they are
    expect(blindRows(rows, await withheldLabels(cur, datasetId, traceIds), {}).rows).toEqual(rows);
  });

  it("a propose outcome's parsed step (the model's label) is left out on a withheld trace", async () => {
    const { datasetId, traceIds } = await queueDataset(2);
    await queue(datasetId, { assignees: ["ann"] });
    const out = (traceId: string): OutcomeRow =>
      ({ id: traceId, traceId, traceDatasetId: datasetId, location: 2, outcome: "parsed" }) as OutcomeRow;
    const page = { rows: [out(traceIds[0]), out(traceIds[1])], next: null };
    const mine = await blindOutcomes(ann, page);
    expect(mine.rows.map((r) => r.location)).toEqual([null, null]);
    expect(mine.rows[0].outcome).toBe("parsed");
    expect(await blindOutcomes(bob, page)).toEqual(page); // not assigned: not a labeller of that queue
  });
});

describe("bulk reads (the export) of a dataset where I still label blind", () => {
  it("names the queue while I have an open item left in it; nothing once I have done mine or for a watcher", async () => {
    const { datasetId, traceIds } = await queueDataset(2);
    const qid = await queue(datasetId, { overlap: 1 });
    expect(await blindAnywhere(cur, datasetId)).toEqual([]); // made it, labels in it nothing
    expect(await blindAnywhere(ann, datasetId)).toEqual([{ id: qid, name: "blind-q" }]);
    const t0 = Date.now();
    const c = await takeNext(qid, "cur", 10, t0);
    expect(await blindAnywhere(cur, datasetId)).toEqual([{ id: qid, name: "blind-q" }]);
    await completeItem(qid, c!.traceId, "cur", t0 + 10);
    const a = await takeNext(qid, "ann", 10, t0 + 20);
    expect(a?.traceId).not.toBe(c!.traceId);
    await completeItem(qid, a!.traceId, "ann", t0 + 30);
    // overlap 1: both items are closed now, so nobody has anything left to label blind
    expect(traceIds).toContain(a!.traceId);
    expect(await blindAnywhere(cur, datasetId)).toEqual([]);
    expect(await blindAnywhere(ann, datasetId)).toEqual([]);
  });

  it("overlap 2: my items done but still open for others: nothing left for me, still something for bob", async () => {
    const { datasetId } = await queueDataset(2);
    const qid = await queue(datasetId);
    const t0 = Date.now();
    for (let i = 0; i < 2; i++) {
      const a = await takeNext(qid, "ann", 10, t0 + i * 100);
      await completeItem(qid, a!.traceId, "ann", t0 + i * 100 + 50);
    }
    expect(await blindAnywhere(ann, datasetId)).toEqual([]);
    expect(await blindAnywhere(bob, datasetId)).toEqual([{ id: qid, name: "blind-q" }]);
  });
});
