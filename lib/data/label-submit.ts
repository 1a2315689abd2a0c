import type { FirstErrorLabel } from "@/lib/generated/prisma/client";
import { setHumanLabel, type LabelInput, type WriteResult } from "./labels";
import { writeInThread, writerThread } from "./writer-thread";

/**
 * A person's first-error label from the review screen. On a team server (`thread`: people are signed in) it is written
 * by the writer thread (writer-thread.ts), as queue submits are, so that its commit's fsync and the WAL checkpoints
 * never stall the requests of everyone else on this server's event loop; it resolves once the label is on disk. The
 * first team label starts the thread and is written here meanwhile. A single researcher's server keeps writing here
 * (the thread costs ~100 MB, and there is nobody else's request to stall).
 */
export async function submitHumanLabel(input: LabelInput, o: { thread: boolean }): Promise<WriteResult<FirstErrorLabel>> {
  if (o.thread) {
    writerThread(); // started on first use
    const done = await writeInThread<WriteResult<FirstErrorLabel>>({ kind: "label", input });
    if (done) return done;
  }
  return setHumanLabel(input);
}
