import { prisma } from "@/lib/db";
import { setHumanLabel, type LabelInput } from "./labels";
import { completeItem } from "./queue-work";

// Write my first-error label for a queue item (runs in the writer thread, writer-thread.ts;
// callers use submitQueueLabel of queue-submit.ts): the label (audited, stale writes refused, as on
// the review screen), then the completion. Two transactions in that order: a crash between them
// keeps the label and leaves the item uncompleted (offered again), never a completion without
// its label.
//
// setHumanLabel's transaction starts with a read (Prisma's adapter opens it with a deferred BEGIN);
// when another process (a second server, the CLI) commits a write in between, SQLite refuses its
// write with SQLITE_BUSY_SNAPSHOT at once, without waiting. Nothing was written, so the label is
// written again, a few times with a short pause (queue-race.test.ts fails without this).
// Prisma reports it as code SQLITE_BUSY_SNAPSHOT, or as P1008 with the driver's code inside.
type MaybeBusy = { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
const isBusy = (e: unknown) => {
  const x = e as MaybeBusy | null;
  return [x?.code, x?.meta?.driverAdapterError?.cause?.originalCode].some((c) => String(c ?? "").startsWith("SQLITE_BUSY"));
};

export async function retryBusy<T>(fn: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isBusy(e) || i >= tries) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (i + 1)));
    }
  }
}

export type QueueLabelInput = Omit<LabelInput, "expectedVersion"> & { expectedVersion?: number | null };
export type QueueLabelResult = { ok: false; reason: string } | { ok: true; labelId: string; counted: boolean };

export async function writeQueueLabel(queueId: string, input: QueueLabelInput, now = Date.now()): Promise<QueueLabelResult> {
  const item = await prisma.queueItem.findUnique({ where: { queueId_traceId: { queueId, traceId: input.traceId } }, select: { traceId: true } });
  if (!item) return { ok: false as const, reason: "This trace is not in the queue" };
  let expectedVersion = input.expectedVersion;
  if (expectedVersion === undefined) {
    const mine = await prisma.firstErrorLabel.findUnique({ where: { traceId_source_annotator: { traceId: input.traceId, source: "human", annotator: input.actor } }, select: { version: true } });
    expectedVersion = mine?.version ?? null;
  }
  const r = await retryBusy(() => setHumanLabel({ ...input, expectedVersion }));
  if (!r.ok) return r;
  const counted = await retryBusy(() => completeItem(queueId, input.traceId, input.actor, now));
  return { ok: true as const, labelId: r.value.id, counted };
}
