"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { AuthError, requireRole, type Actor } from "@/lib/auth/actor";
import { QueueConfig } from "@/lib/core/queues/config";
import { mayWork } from "@/lib/core/queues/access";
import { createQueue, getQueue, refreshQueue, type QueueView } from "@/lib/data/queues";
import { completeItem, skipItem, takeNext } from "@/lib/data/queue-work";
import { submitQueueLabel } from "@/lib/data/queue-submit";

// Work queue writes (issue 13 §2). Curators create and refresh queues; annotators (named in an
// assigned queue) take, label, skip and complete items. Each returns where to go next.

const Id = z.string().min(1).max(64);

/** zod in: a malformed request is a refusal in one line, not an exception. */
function input<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> | null {
  const r = schema.safeParse(raw);
  return r.success ? r.data : null;
}
export type Next = { next: string }; // the URL of the next item, or of the "done" screen

async function who<T>(min: "annotator" | "curator", fn: (a: Actor) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await fn(await requireRole(min));
  } catch (e) {
    if (e instanceof AuthError) return fail(e.message);
    throw e;
  }
}

async function workable(queueId: string, a: Actor): Promise<QueueView | string> {
  const q = await getQueue(queueId);
  if (!q) return "Queue not found; it may have been deleted";
  if (!mayWork(q, a)) return q.task === "adjudicate" ? "Adjudicating needs the curator role" : "This queue is assigned to other people";
  return q;
}

/** Reserve my next item; the URL of its screen, or of the done screen when none is left for me. */
async function nextUrl(q: QueueView, me: string): Promise<string> {
  const held = await takeNext(q.id, me, q.reserveMinutes);
  return held ? `/queues/${q.id}/items/${held.traceId}` : `/queues/${q.id}/done`;
}

const Create = QueueConfig.extend({ datasetId: Id });

export async function createQueueAction(raw: z.input<typeof Create>): Promise<ActionResult<{ id: string; items: number }>> {
  return who("curator", async (a) => {
    const p = Create.safeParse(raw);
    if (!p.success) {
      const fe = z.flattenError(p.error).fieldErrors as Record<string, string[]>;
      return fail(Object.values(fe).flat()[0] ?? "Invalid queue", fe);
    }
    const { datasetId, ...config } = p.data;
    const r = await createQueue(datasetId, config, a.name);
    if (!r.ok) return fail(r.error, r.fieldErrors);
    revalidatePath(`/datasets/${datasetId}/queues`);
    return ok({ id: r.id, items: r.items });
  });
}

export async function refreshQueueAction(raw: { queueId: string }): Promise<ActionResult<{ added: number }>> {
  return who("curator", async () => {
    const id = input(Id, raw?.queueId);
    const q = id ? await getQueue(id) : null;
    if (!q) return fail("Queue not found; it may have been deleted");
    const added = await refreshQueue(q.id);
    revalidatePath(`/queues/${q.id}`);
    return ok({ added });
  });
}

export async function startQueue(raw: { queueId: string }): Promise<ActionResult<Next>> {
  return who("annotator", async (a) => {
    const id = input(Id, raw?.queueId);
    if (!id) return fail("Queue not found; it may have been deleted");
    const q = await workable(id, a);
    if (typeof q === "string") return fail(q);
    return ok({ next: await nextUrl(q, a.name) });
  });
}

const Item = z.object({ queueId: Id, traceId: Id });

export async function skipQueueItem(raw: z.input<typeof Item>): Promise<ActionResult<Next>> {
  return who("annotator", async (a) => {
    const p = input(Item, raw);
    if (!p) return fail("Invalid request: queueId and traceId are required");
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    await skipItem(q.id, p.traceId, a.name);
    return ok({ next: await nextUrl(q, a.name) });
  });
}

const Label = Item.extend({
  step: z.number().int().min(1).nullable(),
  checkFactual: z.boolean().nullable().optional(),
  checkNotRecovered: z.boolean().nullable().optional(),
  note: z.string().max(10_000).optional(),
  unsure: z.boolean().optional(),
});

/** Label task: store my first-error label (audited) and complete the item, then the next one. */
export async function submitQueueLabelAction(raw: z.input<typeof Label>): Promise<ActionResult<Next>> {
  return who("annotator", async (a) => {
    const p = Label.safeParse(raw);
    if (!p.success) return fail("Invalid label: " + p.error.issues.map((i) => i.path.join(".")).join(", "));
    const q = await workable(p.data.queueId, a);
    if (typeof q === "string") return fail(q);
    if (q.task !== "label") return fail(`This is a ${q.task} queue`);
    const { queueId, ...label } = p.data;
    const r = await submitQueueLabel(queueId, { ...label, actor: a.name });
    if (!r.ok) return fail(r.reason);
    return ok({ next: await nextUrl(q, a.name) });
  });
}

/** Review and adjudicate tasks: the decisions were written by their own actions; this marks the item done. */
export async function completeQueueItem(raw: z.input<typeof Item>): Promise<ActionResult<Next>> {
  return who("annotator", async (a) => {
    const p = input(Item, raw);
    if (!p) return fail("Invalid request: queueId and traceId are required");
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    if (q.task === "label") return fail("A label queue item is completed by submitting a label");
    await completeItem(q.id, p.traceId, a.name);
    return ok({ next: await nextUrl(q, a.name) });
  });
}
