import { describe, expect, it } from "vitest";
import { canonicalFilter, parseFilterText, QueueConfig, readFilter } from "./config";
import { mayWork, maySee } from "./access";
import { TRIAGE_RULE, triageOrder, triageRank } from "./triage";
import { median, remainingCompletions } from "./progress";
import { nextItemFor, type RuleState } from "./next-item";

describe("queue config", () => {
  it("stores a filter canonically and reads it back", () => {
    const a = canonicalFilter({ q: "x", status: "todo" });
    expect(a).toBe(canonicalFilter({ status: "todo", q: "x" }));
    expect(a).toBe('{"q":"x","status":"todo"}');
    expect(readFilter(a)).toEqual({ q: "x", status: "todo" });
    expect(() => readFilter('{"stauts":"todo"}')).toThrow(/stauts|Unrecognized/);
  });
  it("refuses a CLI filter with an unknown key or a bad value instead of queueing everything", () => {
    expect(parseFilterText("?status=todo&generator=g")).toEqual({
      ok: true,
      filter: { status: "todo", generator: "g" },
    });
    expect(parseFilterText("stauts=todo")).toEqual({
      ok: false,
      error: expect.stringContaining('unknown key "stauts"'),
    });
    expect(parseFilterText("status=done")).toEqual({ ok: false, error: expect.stringContaining("status") });
  });
  it("validates overlap, minutes and names", () => {
    expect(QueueConfig.safeParse({ name: "q", task: "label", overlap: 0 }).success).toBe(false);
    expect(QueueConfig.safeParse({ name: "q", task: "label", overlap: 2, reserveMinutes: 0 }).success).toBe(false);
    expect(QueueConfig.safeParse({ name: "q", task: "label", overlap: 1, assignees: ["a,b"] }).success).toBe(false);
    const ok = QueueConfig.parse({ name: " q ", task: "adjudicate", overlap: "2", assignees: ["b", "a", "b"] });
    expect(ok).toMatchObject({
      name: "q",
      overlap: 2,
      assignees: ["a", "b"],
      blind: true,
      order: "filter",
      reserveMinutes: 30,
    });
  });
});

describe("who may work a queue", () => {
  const open = { assignees: [] };
  const assigned = { assignees: ["ann"] };
  it("annotators see assigned queues only when named; curators see all; viewers work none", () => {
    expect(mayWork(open, { name: "bob", role: "annotator" })).toBe(true);
    expect(mayWork(assigned, { name: "bob", role: "annotator" })).toBe(false);
    expect(maySee(assigned, { name: "bob", role: "annotator" })).toBe(false);
    expect(mayWork(assigned, { name: "ann", role: "annotator" })).toBe(true);
    expect(mayWork(assigned, { name: "cu", role: "curator" })).toBe(true);
    expect(mayWork(open, { name: "v", role: "viewer" })).toBe(false);
    expect(mayWork({ assignees: [], task: "adjudicate" }, { name: "ann", role: "annotator" })).toBe(false);
    expect(mayWork({ assignees: [], task: "adjudicate" }, { name: "cu", role: "curator" })).toBe(true);
    // reviewing accepts / edits / rejects interventions: the curator's role, as on the review screen
    expect(mayWork({ assignees: [], task: "review" }, { name: "ann", role: "annotator" })).toBe(false);
    expect(mayWork({ assignees: ["ann"], task: "review" }, { name: "ann", role: "annotator" })).toBe(false);
    expect(mayWork({ assignees: [], task: "review" }, { name: "cu", role: "curator" })).toBe(true);
  });
});

describe("triage order", () => {
  it("ranks by the highest signal, then by how many, then keeps the list's order", () => {
    const items = [
      { id: "none", facts: {} },
      { id: "leak", facts: { answerLeak: true } },
      { id: "split", facts: { modelSplit: true } },
      { id: "imp+fail", facts: { modelVsImported: true, rolloutsAllFailed: true } },
      { id: "imp", facts: { modelVsImported: true } },
      { id: "split2", facts: { modelSplit: true } },
    ];
    expect(triageOrder(items).map((i) => i.id)).toEqual(["split", "split2", "imp+fail", "imp", "leak", "none"]);
    expect(triageRank({})).toBeGreaterThan(triageRank({ answerLeak: true }));
    expect(TRIAGE_RULE).toMatch(/^Most valuable first: 1\. model proposals disagree/);
  });
});

describe("progress", () => {
  it("median and remaining completions", () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    // 3 items, overlap 2: one done twice, one once, one over-done (3 people) counts 2
    expect(
      remainingCompletions(4, 2, [
        { doneCount: 2, n: 1 },
        { doneCount: 1, n: 1 },
        { doneCount: 3, n: 1 },
        { doneCount: 0, n: 1 },
      ]),
    ).toBe(3);
  });
});

describe("next-item rule", () => {
  const base = (): RuleState => ({
    overlap: 2,
    items: [
      { traceId: "a", position: 0, doneCount: 0 },
      { traceId: "b", position: 1, doneCount: 0 },
      { traceId: "c", position: 2, doneCount: 2 },
    ],
    reservations: [],
    completions: [],
  });
  it("gives the first free item, never one someone else holds, and resumes my own hold", () => {
    const s = base();
    expect(nextItemFor(s, "p", 10)).toEqual({ traceId: "a", resumed: false });
    s.reservations.push({ traceId: "a", annotator: "p", expiresAt: 100, endedAt: null, endReason: null });
    expect(nextItemFor(s, "q", 10)).toEqual({ traceId: "b", resumed: false });
    expect(nextItemFor(s, "p", 10)).toEqual({ traceId: "a", resumed: true });
    // expired: free again
    expect(nextItemFor(s, "q", 100)).toEqual({ traceId: "a", resumed: false });
  });
  it("skips what I completed or skipped, and items completed by `overlap` people", () => {
    const s = base();
    s.completions.push({ traceId: "a", annotator: "p" });
    s.reservations.push({ traceId: "b", annotator: "p", expiresAt: 100, endedAt: 5, endReason: "skipped" });
    expect(nextItemFor(s, "p", 10)).toBeNull(); // c is done by 2
    expect(nextItemFor(s, "q", 10)).toEqual({ traceId: "a", resumed: false });
  });
});
