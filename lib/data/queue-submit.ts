import { writeQueueLabel, type QueueLabelInput, type QueueLabelResult } from "./queue-label-write";
import { writeInThread } from "./writer-thread";

/**
 * Submit my first-error label for a queue item and complete it (queue-label-write.ts), written by
 * the writer thread (writer-thread.ts) so its commit, fsync and checkpoints never stall this
 * thread's other requests. Resolves once the label is on disk (fsynced); on this thread when the
 * writer thread cannot run.
 */
export async function submitQueueLabel(queueId: string, input: QueueLabelInput, now = Date.now()): Promise<QueueLabelResult> {
  return (await writeInThread("writeQueueLabel", queueId, input, now))?.value ?? writeQueueLabel(queueId, input, now);
}
