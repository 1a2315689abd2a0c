import { describe, expect, it } from "vitest";
import { createQueue } from "./queues";
import { completeItem, skipItem, takeNext } from "./queue-work";
import { withheldForTrace, withheldLabels } from "./blind-labels";
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
