import { open } from "node:fs/promises";

// Durability without holding the write lock during an fsync. A connection with
// synchronous=NORMAL commits by appending its frames to the WAL file (write(), no fsync), so the
// commit survives a crash of the process (SIGKILL) at once; fsyncing the WAL file afterwards makes
// everything appended so far survive a power cut too, which is what synchronous=FULL does inside
// the commit, while the write lock is held and the calling thread waits. Here the fsync runs on
// libuv's thread pool after the lock is released: other writers go on, and callers that commit
// while one fsync is running share the next one (group commit).

/**
 * A coalescing sync: `sync()` resolves only after a `doSync` that STARTED after the call has
 * finished (an fsync already running may have begun before my frames were written, so it does
 * not count for me). Calls made while one runs share the next one.
 */
export function coalescingSync(doSync: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const p = doSync().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    // waits for the running one (success or not), then starts a fresh one for everyone queued
    const again = () => {
      next = null;
      return start();
    };
    next ??= running.then(again, again);
    return next;
  };
}

/** fsync of a SQLite file's WAL (`<file>-wal`), off the calling thread. */
export function walFsync(file: string): () => Promise<void> {
  return coalescingSync(async () => {
    const fh = await open(`${file}-wal`, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}
