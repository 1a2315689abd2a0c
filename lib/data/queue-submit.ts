import { writeQueueLabel, type QueueLabelInput, type QueueLabelResult } from "./queue-label-write";
import { writeInThread } from "./queue-writer";

/**
 * Submit my first-error label for a queue item and complete it (queue-label-write.ts), written by
 * the queue writer thread (queue-writer.ts) so its commit, fsync and checkpoints never stall this
 * thread's other requests. Resolves once the label is on disk (fsynced); on this thread when the
 * writer thread cannot run.
 */
export async function submitQueueLabel(queueId: string, input: QueueLabelInput, now = Date.now()): Promise<QueueLabelResult> {
  return (await writeInThread(queueId, input, now)) ?? writeQueueLabel(queueId, input, now);
}
