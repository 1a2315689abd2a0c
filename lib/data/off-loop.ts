import { runWrite, type ThreadWrite, type ThreadWrites, type WriteOutcome } from "./thread-writes";
import { writeInThread, writerThread } from "./writer-thread";

/**
 * A write a person made by hand (thread-writes.ts). On a team server (`by` is a signed-in account) the writer thread
 * runs it (writer-thread.ts), so its commit's fsync and the WAL checkpoints never stall everyone else's requests on
 * this event loop; it resolves once the write is on disk. The first team write starts the thread and runs here
 * meanwhile. A single researcher's server keeps writing here: the thread costs ~100 MB, and nobody else is waiting.
 */
export async function offLoop<K extends ThreadWrite>(
  by: { userId: string | null },
  fn: K,
  ...args: Parameters<ThreadWrites[K]>
): Promise<WriteOutcome<K>> {
  if (by.userId !== null) {
    writerThread(); // started on first use
    const done = await writeInThread(fn, ...args);
    if (done) return done.value;
  }
  return runWrite(fn, args);
}
