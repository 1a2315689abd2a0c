import { prisma } from "@/lib/db";
import { canonicalFilter, QueueConfig, readFilter, type QueueConfigInput, type QueueOrder, type QueueTask } from "@/lib/core/queues/config";
import type { TraceFilter } from "@/lib/core/filters";
import { queueCandidates } from "./queue-items";
import { columns, table } from "./sql-types";

// Work queues (issue 13 §2): create, read, refresh. Working one: queue-work.ts; progress: queue-progress.ts.

export type QueueView = {
  id: string; datasetId: string; name: string; task: QueueTask; filter: TraceFilter; overlap: number; assignees: string[];
  reserveMinutes: number; blind: boolean; order: QueueOrder; vsModel: boolean; vsImported: boolean; createdBy: string; createdAt: Date;
};

type Row = Omit<QueueView, "filter" | "assignees" | "task" | "order"> & { filter: string; assignees: string; task: string; order: string };

function view(r: Row): QueueView {
  return { ...r, task: r.task as QueueTask, order: r.order as QueueOrder, filter: readFilter(r.filter), assignees: JSON.parse(r.assignees) as string[] };
}

export async function getQueue(id: string): Promise<QueueView | null> {
  const r = await prisma.queue.findUnique({ where: { id } });
  return r ? view(r) : null;
}

export async function listQueues(datasetId: string): Promise<QueueView[]> {
  return (await prisma.queue.findMany({ where: { datasetId }, orderBy: { createdAt: "desc" } })).map(view);
}

// (names checked against the schema by tsc: ./sql-types.ts)
const I = table("QueueItem");
const ITEM_COLUMNS = columns("QueueItem", ["queueId", "traceId", "position", "triage"]);
const LAST_POSITION_SQL = `SELECT MAX(${I.position}) AS n FROM ${I} WHERE ${I.queueId} = ?`;

const CHUNK = 300; // rows per INSERT: 4 values each, well under SQLite's 32,766 variables

async function insertItems(queueId: string, items: { traceId: string; triage: string }[], from: number): Promise<number> {
  let added = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const part = items.slice(i, i + CHUNK);
    const sql = `INSERT OR IGNORE INTO ${I} (${ITEM_COLUMNS}) VALUES ${part.map(() => "(?, ?, ?, ?)").join(", ")}`;
    added += await prisma.$executeRawUnsafe(sql, ...part.flatMap((p, j) => [queueId, p.traceId, from + i + j, p.triage]));
  }
  return added;
}

export type CreateQueueResult = { ok: true; id: string; items: number } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Create a queue and its items (validated here too: the CLI and the action both come through). */
export async function createQueue(datasetId: string, input: QueueConfigInput, actor: string): Promise<CreateQueueResult> {
  const parsed = QueueConfig.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = parsed.error.flatten().fieldErrors as Record<string, string[]>;
    return { ok: false, error: Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v[0]}`).join("; ") || "Invalid queue", fieldErrors };
  }
  const c = parsed.data;
  if (!(await prisma.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) return { ok: false, error: "Dataset not found; it may have been deleted" };
  const candidates = await queueCandidates(datasetId, c);
  if (candidates.length === 0) return { ok: false, error: emptyWhy(c.task) };
  const q = await prisma.queue.create({
    data: {
      datasetId, name: c.name, task: c.task, filter: canonicalFilter(c.filter), overlap: c.overlap, assignees: JSON.stringify(c.assignees),
      reserveMinutes: c.reserveMinutes, blind: c.blind, order: c.order, vsModel: c.vsModel, vsImported: c.vsImported, createdBy: actor,
    },
  });
  // Items after the queue row, in chunks: a 100k-trace queue is not one giant statement. A crash in
  // between leaves a queue with fewer items, which "refresh" completes.
  const items = await insertItems(q.id, candidates, 0);
  // audited like every change a person makes (AuditEntity names trace-level rows; a queue is not one)
  await prisma.auditEvent.create({ data: { actor, action: "queue.create", entity: "Queue", entityId: q.id, after: JSON.stringify({ ...c, items }) } });
  return { ok: true, id: q.id, items };
}

function emptyWhy(task: QueueTask): string {
  if (task === "adjudicate") return "No trace under this filter has disagreeing labels (and no final label yet): nothing to adjudicate";
  if (task === "review") return "No trace under this filter has an intervention waiting for review";
  return "No trace matches this filter";
}

/** Add the traces that match the queue now and are not in it yet (after new labels, imports, proposals). */
export async function refreshQueue(queueId: string): Promise<number> {
  const q = await getQueue(queueId);
  if (!q) return 0;
  const [{ n }] = await prisma.$queryRawUnsafe<{ n: number | bigint | null }[]>(LAST_POSITION_SQL, queueId);
  const have = new Set((await prisma.queueItem.findMany({ where: { queueId }, select: { traceId: true } })).map((r) => r.traceId));
  const fresh = (await queueCandidates(q.datasetId, q)).filter((c) => !have.has(c.traceId));
  return insertItems(queueId, fresh, n === null ? 0 : Number(n) + 1);
}
