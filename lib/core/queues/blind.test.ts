import { describe, expect, it } from "vitest";
import { blindNotice, withheldBy, type BlindFact } from "./blind";

const fact = (over: Partial<BlindFact> = {}, assignees: string[] = []): BlindFact => ({
  queue: { id: "q1", name: "Batch 1", assignees },
  itemOpen: true,
  completedByViewer: false,
  viewerHasTaken: false,
  ...over,
});
const ann = { name: "ann", role: "annotator" as const };
const bob = { name: "bob", role: "annotator" as const };
const cur = { name: "cur", role: "curator" as const };

describe("blind labels: who is withheld what", () => {
  it("an annotator who may work an open item and has not submitted it sees no one else's label", () => {
    expect(withheldBy(ann, [fact()])).toEqual([{ id: "q1", name: "Batch 1" }]);
    expect(withheldBy(ann, [fact({}, ["ann", "cy"])])).toHaveLength(1);
  });
  it("submitting reveals; a closed item (overlap reached) reveals; skipping does not", () => {
    expect(withheldBy(ann, [fact({ completedByViewer: true })])).toEqual([]);
    expect(withheldBy(ann, [fact({ itemOpen: false })])).toEqual([]);
    expect(withheldBy(ann, [fact({ viewerHasTaken: true })])).toHaveLength(1);
  });
  it("an annotator the queue does not name, a viewer and nobody signed in are not labellers of it", () => {
    expect(withheldBy(bob, [fact({}, ["ann"])])).toEqual([]);
    expect(withheldBy({ name: "vi", role: "viewer" }, [fact()])).toEqual([]);
    expect(withheldBy(null, [fact()])).toEqual([]);
  });
  it("curators and admins are blind only when named or once they have taken an item of the queue", () => {
    expect(withheldBy(cur, [fact()])).toEqual([]);
    expect(withheldBy(cur, [fact({}, ["cur"])])).toHaveLength(1);
    expect(withheldBy({ name: "ad", role: "admin" }, [fact({ viewerHasTaken: true })])).toHaveLength(1);
    expect(withheldBy(cur, [fact({ viewerHasTaken: true, completedByViewer: true })])).toEqual([]);
  });
  it("any one blind queue is enough; the notice names every one", () => {
    const two = [
      fact({ completedByViewer: true }),
      { ...fact(), queue: { id: "q2", name: "Batch 2", assignees: [] } },
      { ...fact(), queue: { id: "q3", name: "Batch 3", assignees: [] } },
    ];
    const w = withheldBy(ann, two);
    expect(w.map((q) => q.id)).toEqual(["q2", "q3"]);
    expect(blindNotice(w)).toBe(
      'Other labels are hidden until you submit this trace in blind queues "Batch 2", "Batch 3"',
    );
    expect(blindNotice(w.slice(0, 1))).toBe(
      'Other labels are hidden until you submit this trace in blind queue "Batch 2"',
    );
  });
});
