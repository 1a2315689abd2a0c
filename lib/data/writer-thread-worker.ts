import { parentPort } from "node:worker_threads";
import { prisma } from "@/lib/db";
import { sqlitePath } from "@/lib/env";
import { openSqlite } from "./sqlite";
import { setAutoCheckpoint } from "./stage-db";
import { retryBusy } from "./queue-label-write";
import { runWrite, type ThreadWrite, type ThreadWrites } from "./thread-writes";
import { walFsync } from "./wal-sync";
import type { WriterJob, WriterReply, WriterRequest } from "./writer-thread";

// Inside the writer thread (started by writer-thread.ts): the writes people make by hand on a team
// server (thread-writes.ts) and the WAL checkpoints, so that neither a commit's fsync, a checkpoint nor Prisma's CPU per
// write runs on the server's event loop, where they stalled every take in flight (bench/queue-load.ts).
//
// Its connections commit with synchronous=NORMAL (no fsync while the write lock is held, so the
// takes on the server thread never wait for a disk flush), and a submit is answered only after the
// WAL file was fsynced (wal-sync.ts): an acknowledged label survives a power cut, as with FULL.

const CHECKPOINT_EVERY_MS = 250;

export async function runWriterThread(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("writer-thread-worker: not started as a worker thread");
  const file = sqlitePath();
  const synced = walFsync(file);
  setAutoCheckpoint(false);
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA wal_autocheckpoint = 0");

  // PASSIVE: copies what it can without waiting for readers or writers (the writers append to the
  // WAL meanwhile). Busy (another checkpoint running) is simply tried again at the next tick.
  const ckpt = openSqlite(`file:${file}`, { busyMs: 0 });
  setInterval(() => {
    try {
      ckpt.pragma("wal_checkpoint(PASSIVE)");
    } catch (e) {
      if (!String((e as { code?: unknown }).code).startsWith("SQLITE_BUSY")) console.error("[writer-thread] checkpoint", e);
    }
  }, CHECKPOINT_EVERY_MS);

  port.on("message", (m: WriterRequest) => void answerSubmit(m, write, synced).then((r) => port.postMessage(r)));
  port.postMessage("ready");
}

/**
 * The write a job asks for: the same function the server thread runs when there is no thread. This thread has its
 * own connection, so a transaction can meet SQLITE_BUSY_SNAPSHOT from the server thread's commits: nothing was
 * written then, and it is written again (queue-label-write.ts says how). A queue submit retries each of its two
 * transactions itself (a retry of both could write the label twice).
 */
function write(job: WriterJob): Promise<unknown> {
  const run = () => runWrite(job.fn as ThreadWrite, job.args as Parameters<ThreadWrites[ThreadWrite]>);
  return job.fn === "writeQueueLabel" ? run() : retryBusy(run);
}

/**
 * One write: the label written, then the WAL fsynced, then the answer: a person is told "saved"
 * only when the label would survive a power cut. Errors go back with their code (SQLITE_BUSY, P2002).
 */
export async function answerSubmit(
  m: WriterRequest,
  write: (job: WriterJob) => Promise<unknown>,
  synced: () => Promise<void>,
): Promise<WriterReply> {
  const failed = (e: unknown): WriterReply => {
    const x = e as { message?: unknown; code?: unknown };
    return { id: m.id, ok: false, error: { message: String(x?.message ?? e), code: typeof x?.code === "string" ? x.code : undefined } };
  };
  let reply: WriterReply;
  try {
    reply = { id: m.id, ok: true, value: await write(m.job) };
  } catch (e) {
    reply = failed(e);
  }
  // also after a failure: the label may be stored when its completion failed (it is kept, not undone)
  try {
    await synced();
  } catch (e) {
    return failed(e);
  }
  return reply;
}
