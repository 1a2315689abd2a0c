import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { addComment, editComment, listComments, setCommentStatus } from "./comments";
import { listTraces } from "./trace-list";
import { listAudit } from "./audit";

const ann = { name: `ann-${randomUUID().slice(0, 6)}`, role: "annotator" as const };
const bob = { name: `bob-${randomUUID().slice(0, 6)}`, role: "annotator" as const };

async function seed(n = 3) {
  const ds = await prisma.dataset.create({ data: { name: `comments-${randomUUID()}` } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: `P${i}`, referenceSolution: "R", answer: "1", contentHash: sha256(`${ds.id}${i}`) } });
    const text = `one\n\ntwo\n\nthree ${i}`;
    const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text, stepCount: 3, contentHash: sha256(text) } });
    ids.push(t.id);
  }
  return { datasetId: ds.id, ids };
}

describe("comments", () => {
  it("add anchored to a step, edit (audited before/after), resolve, reopen", async () => {
    const { ids: [t] } = await seed(1);
    const add = await addComment({ traceId: t, step: 2, interventionId: null, body: "is step 2 right?", actor: ann });
    expect(add.ok).toBe(true);
    if (!add.ok) return;
    expect(add.comment).toMatchObject({ step: 2, author: ann.name, status: "open", version: 0 });

    const edit = await editComment({ id: add.comment.id, expectedVersion: 0, body: "is step 2 right? (sign)", actor: ann });
    expect(edit.ok && edit.comment.version).toBe(1);
    const [c] = await listComments(t);
    expect(c.body).toBe("is step 2 right? (sign)");
    expect(c.edits).toEqual([expect.objectContaining({ actor: ann.name, before: "is step 2 right?", after: "is step 2 right? (sign)" })]);

    const res = await setCommentStatus({ id: c.id, expectedVersion: 1, status: "resolved", actor: bob });
    expect(res.ok && res.comment).toMatchObject({ status: "resolved", resolvedBy: bob.name, version: 2 });
    const again = await setCommentStatus({ id: c.id, expectedVersion: 2, status: "resolved", actor: bob });
    expect(again).toEqual({ ok: false, reason: "This comment is already resolved" });
    const reopen = await setCommentStatus({ id: c.id, expectedVersion: 2, status: "open", actor: ann });
    expect(reopen.ok && reopen.comment).toMatchObject({ status: "open", resolvedBy: null, resolvedAt: null });

    const trail = (await listAudit(t)).filter((e) => e.entity === "Comment").map((e) => [e.action, e.actor]);
    expect(trail).toEqual([["comment.reopen", ann.name], ["comment.resolve", bob.name], ["comment.edit", ann.name], ["comment.create", ann.name]]);
  });

  it("refuses: someone else's edit, a stale write (naming who), a viewer, a bad anchor, an empty text", async () => {
    const { ids: [t] } = await seed(1);
    const add = await addComment({ traceId: t, step: null, interventionId: null, body: "x", actor: ann });
    if (!add.ok) throw new Error(add.reason);
    const id = add.comment.id;
    expect(await editComment({ id, expectedVersion: 0, body: "y", actor: bob })).toEqual({ ok: false, reason: `Only ${ann.name} can edit this comment (you can reply or resolve it)` });
    expect((await setCommentStatus({ id, expectedVersion: 0, status: "resolved", actor: bob })).ok).toBe(true);
    const stale = await editComment({ id, expectedVersion: 0, body: "z", actor: ann });
    expect(stale.ok ? "" : stale.reason).toMatch(new RegExp(`^This comment was resolved by ${bob.name} at .* UTC; reload to see it$`));
    expect((await listComments(t))[0].body).toBe("x");
    const viewer = { name: "v", role: "viewer" as const };
    expect((await addComment({ traceId: t, step: null, interventionId: null, body: "x", actor: viewer })).ok).toBe(false);
    expect((await setCommentStatus({ id, expectedVersion: 1, status: "open", actor: viewer })).ok).toBe(false);
    expect(await addComment({ traceId: t, step: 4, interventionId: null, body: "x", actor: ann })).toEqual({ ok: false, reason: "Step 4 is not a step of this trace (1..3)" });
    expect((await addComment({ traceId: t, step: null, interventionId: "nope", body: "x", actor: ann })).ok).toBe(false);
    expect((await addComment({ traceId: t, step: null, interventionId: null, body: "  \n", actor: ann })).ok).toBe(false);
    expect((await addComment({ traceId: "missing", step: null, interventionId: null, body: "x", actor: ann })).ok).toBe(false);
  });

  it("anchors to an intervention of the trace; stores hostile text byte-exact", async () => {
    const { ids: [t] } = await seed(1);
    const iv = await prisma.intervention.create({ data: { traceId: t, location: 2, content: "fix", origin: "human", contentHash: sha256("fix") } });
    const body = "<script>alert(1)</script>\r\n  <img src=x onerror=alert(2)> $\\href{javascript:alert(3)}{x}$  ";
    const r = await addComment({ traceId: t, step: null, interventionId: iv.id, body, actor: ann });
    expect(r.ok && r.comment.interventionId).toBe(iv.id);
    expect((await listComments(t))[0].body).toBe(body);
  });

  it("the list filter 'has open comments' selects traces with an open comment, in the list and its counts", async () => {
    const { datasetId, ids } = await seed(3);
    const a = await addComment({ traceId: ids[0], step: 1, interventionId: null, body: "open one", actor: ann });
    const b = await addComment({ traceId: ids[2], step: null, interventionId: null, body: "resolved one", actor: ann });
    if (!a.ok || !b.ok) throw new Error("seed");
    await setCommentStatus({ id: b.comment.id, expectedVersion: 0, status: "resolved", actor: bob });
    const list = await listTraces(datasetId, { comments: "open" });
    expect(list.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(list.total).toBe(1);
    expect(list.statusCounts.todo).toBe(1);
    await setCommentStatus({ id: b.comment.id, expectedVersion: 1, status: "open", actor: bob });
    expect((await listTraces(datasetId, { comments: "open" })).rows.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    // unfiltered: all three
    expect((await listTraces(datasetId, {})).total).toBe(3);
  });
});
