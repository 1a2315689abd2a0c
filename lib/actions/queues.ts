"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { defineAction } from "@/lib/actions/define-action";
import type { Actor } from "@/lib/auth/actor";
import { QueueConfig } from "@/lib/core/queues/config";
import { mayWork, workRole } from "@/lib/core/queues/access";
import { roleAtLeast } from "@/lib/core/roles";
import { createQueue, getQueue, refreshQueue, type QueueView } from "@/lib/data/queues";
import { completeItem, skipItem, takeNext } from "@/lib/data/queue-work";
import { submitQueueLabel } from "@/lib/data/queue-submit";
import { countProposed } from "@/lib/data/interventions";

// Work queue writes (issue 13 §2). Curators create and refresh queues; annotators (named in an
// assigned queue) take, label, skip and complete items. Each returns where to go next.

const Id = z.string().min(1).max(64);
export type Next = { next: string }; // the URL of the next item, or of the "done" screen

async function workable(queueId: string, a: Actor): Promise<QueueView | string> {
  const q = await getQueue(queueId);
  if (!q) return "Queue not found; it may have been deleted";
  if (!mayWork(q, a)) {
    const work =
      q.task === "adjudicate" ? "Adjudicating" : q.task === "review" ? "Reviewing interventions" : "Labelling";
    if (!roleAtLeast(a.role, workRole(q.task))) return `${work} needs the ${workRole(q.task)} role`;
    return "This queue is assigned to other people";
  }
  return q;
}

/** Reserve my next item; the URL of its screen, or of the done screen when none is left for me. */
async function nextUrl(q: QueueView, me: string): Promise<string> {
  const held = await takeNext(q.id, me, q.reserveMinutes);
  return held ? `/queues/${q.id}/items/${held.traceId}` : `/queues/${q.id}/done`;
}

const Create = QueueConfig.extend({ datasetId: Id });

export const createQueueAction = defineAction(
  Create,
  { role: "curator", name: "createQueue" },
  async (p, a): Promise<ActionResult<{ id: string; items: number }>> => {
    const { datasetId, ...config } = p;
    const r = await createQueue(datasetId, config, a.name);
    if (!r.ok) return fail(r.error, r.fieldErrors);
    revalidatePath(`/datasets/${datasetId}/queues`);
    return ok({ id: r.id, items: r.items });
  },
);

const QueueRef = z.object({ queueId: Id });

export const refreshQueueAction = defineAction(
  QueueRef,
  { role: "curator", name: "refreshQueue", invalid: "Queue not found; it may have been deleted" },
  async (p): Promise<ActionResult<{ added: number }>> => {
    const q = await getQueue(p.queueId);
    if (!q) return fail("Queue not found; it may have been deleted");
    const added = await refreshQueue(q.id);
    revalidatePath(`/queues/${q.id}`);
    return ok({ added });
  },
);

export const startQueue = defineAction(
  QueueRef,
  { role: "annotator", name: "startQueue", invalid: "Queue not found; it may have been deleted" },
  async (p, a): Promise<ActionResult<Next>> => {
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    return ok({ next: await nextUrl(q, a.name) });
  },
);

const Item = z.object({ queueId: Id, traceId: Id });
const badItem = "Invalid request: queueId and traceId are required";

export const skipQueueItem = defineAction(
  Item,
  { role: "annotator", name: "skipQueueItem", invalid: badItem },
  async (p, a): Promise<ActionResult<Next>> => {
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    await skipItem(q.id, p.traceId, a.name);
    return ok({ next: await nextUrl(q, a.name) });
  },
);

const Label = Item.extend({
  step: z.number().int().min(1).nullable(),
  checkFactual: z.boolean().nullable().optional(),
  checkNotRecovered: z.boolean().nullable().optional(),
  note: z.string().max(10_000).optional(),
  unsure: z.boolean().optional(),
});

/** Label task: store my first-error label (audited) and complete the item, then the next one. */
export const submitQueueLabelAction = defineAction(
  Label,
  { role: "annotator", name: "submitQueueLabel" },
  async (p, a): Promise<ActionResult<Next>> => {
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    if (q.task !== "label") return fail(`This is a ${q.task} queue`);
    const { queueId, ...label } = p;
    const r = await submitQueueLabel(queueId, { ...label, actor: a.name });
    if (!r.ok) return fail(r.reason);
    return ok({ next: await nextUrl(q, a.name) });
  },
);

/** Review and adjudicate tasks: the decisions were written by their own actions; this marks the item done. */
export const completeQueueItem = defineAction(
  Item,
  { role: "annotator", name: "completeQueueItem", invalid: badItem },
  async (p, a): Promise<ActionResult<Next>> => {
    const q = await workable(p.queueId, a);
    if (typeof q === "string") return fail(q);
    if (q.task === "label") return fail("A label queue item is completed by submitting a label");
    if (q.task === "review") {
      // a review is done when every intervention is decided; "skip" leaves one for someone else
      const open = await countProposed(p.traceId);
      if (open > 0)
        return fail(
          `Decide every intervention first: ${open} still proposed (a accept, c edit, r reject), or skip the item`,
        );
    }
    await completeItem(q.id, p.traceId, a.name);
    return ok({ next: await nextUrl(q, a.name) });
  },
);
