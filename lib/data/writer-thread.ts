import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { env } from "@/lib/env";
import { setAutoCheckpoint } from "./stage-db";
import type { ThreadWrite, ThreadWrites, WriteOutcome } from "./thread-writes";

// The writer thread, seen from the server thread. better-sqlite3 is synchronous: a commit's fsync
// (synchronous=FULL) or a WAL checkpoint blocks the thread that runs it, and on a busy shared disk
// that was hundreds of ms during which no request of any person was answered (all slow queue takes
// of a bench run ended at the same millisecond). On a team server the writes people make by hand
// (thread-writes.ts: labels, decisions, comments) and the checkpoints therefore run in their own
// thread (writer-thread-worker.ts); reads and the queue takes stay here, ~0.1 ms prepared
// statements on a connection that never fsyncs.
// One thread per process and database file, started on the first take or team write so it is warm
// by the next one; if it cannot start (or dies), the writes run on this thread as before (off-loop.ts).

/** One write for the thread: a function of thread-writes.ts and its arguments. */
export type WriterJob = { fn: ThreadWrite; args: unknown[] };
export type WriterRequest = { id: number; job: WriterJob };
export type WriterReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string; code?: string } };

type Waiter = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Writer = { url: string; worker: Worker; ready: Promise<boolean>; started: boolean; waiting: Map<number, Waiter> };
const g = globalThis as unknown as { __intQueueWriter?: Writer | null };
let seq = 0;
const START_LIMIT_MS = 60_000;

/** A thread's failure, with the code the label write threw (SQLITE_BUSY..., P2002, ...). */
class WriterError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

function start(url: string): Writer | null {
  try {
    // An eval'd one-line loader, so the bundler does not try to pack tsx into the server (as lib/jobs).
    const entry = pathToFileURL(join(process.cwd(), "lib", "data", "writer-thread-entry.mjs")).href;
    const worker = new Worker(`import(${JSON.stringify(entry)}).catch((e) => { console.error(e); process.exit(1); })`, {
      eval: true,
    });
    worker.unref(); // a pending write refs it (call below)
    const w: Writer = { url, worker, ready: Promise.resolve(false), started: false, waiting: new Map() };
    // a thread that neither starts nor fails (a hung import) is given up: writes stay on this thread
    const startLimit = setTimeout(() => void (w.started || worker.terminate()), START_LIMIT_MS);
    startLimit.unref();
    w.ready = new Promise<boolean>((resolve) => {
      worker.on("message", (m: WriterReply | "ready") => {
        if (m === "ready") {
          w.started = true;
          clearTimeout(startLimit);
          setAutoCheckpoint(false); // the thread checkpoints now
          return resolve(true);
        }
        const waiter = w.waiting.get(m.id);
        if (!waiter) return;
        w.waiting.delete(m.id);
        if (!w.waiting.size) worker.unref();
        if (m.ok) waiter.resolve(m.value);
        else waiter.reject(new WriterError(m.error.message, m.error.code));
      });
      worker.on("error", (e) => console.error("[writer-thread] thread failed", e));
      worker.on("exit", (code) => {
        resolve(false);
        clearTimeout(startLimit);
        // died while running: the next write starts a new one; never started: stay on this thread
        if (g.__intQueueWriter === w) {
          g.__intQueueWriter = w.started ? undefined : null;
          setAutoCheckpoint(true);
        }
        for (const waiter of w.waiting.values()) waiter.reject(new WriterError(`the writer thread exited (${code})`));
        w.waiting.clear();
      });
    });
    return w;
  } catch (e) {
    console.error("[writer-thread] could not start the thread; labels are written on the server thread", e);
    return null;
  }
}

/**
 * Write queue labels on this thread, as before the writer thread existed: only for the bench's
 * comparison in the same run (bench/queue-load.ts).
 */
export function writeOnServerThread(): void {
  g.__intQueueWriter = null;
}

/** The running writer for this process's database, started if needed; null: write on this thread. */
export function writerThread(): Writer | null {
  const url = env().DATABASE_URL;
  const w = g.__intQueueWriter;
  if (w === null) return null; // could not start: do not try on every request
  if (w && w.url === url) return w;
  if (w) void w.worker.terminate();
  g.__intQueueWriter = start(url);
  return g.__intQueueWriter;
}

/** Resolves when this process's writer thread runs (true) or will not (false): warm-ups wait for it. */
export function writerThreadReady(): Promise<boolean> {
  return writerThread()?.ready ?? Promise.resolve(false);
}

/**
 * Send one write to the thread; null when there is no running thread to send it to. A thread still
 * starting (2-3 s after the first take, more on a loaded machine) is not waited for: the write runs
 * on this thread meanwhile, as before the thread existed.
 */
export async function writeInThread<K extends ThreadWrite>(fn: K, ...args: Parameters<ThreadWrites[K]>): Promise<{ value: WriteOutcome<K> } | null> {
  const w = writerThread();
  if (!w?.started) return null;
  const id = ++seq;
  const value = await new Promise<WriteOutcome<K>>((resolve, reject) => {
    w.waiting.set(id, { resolve: (v) => resolve(v as WriteOutcome<K>), reject });
    w.worker.ref();
    w.worker.postMessage({ id, job: { fn, args } } satisfies WriterRequest);
  });
  return { value };
}
