import { setHumanLabel } from "./labels";
import { writeQueueLabel } from "./queue-label-write";
import { createIntervention, decideIntervention, editIntervention } from "./interventions";
import { setFinalLabel } from "./final-label";
import { addComment, editComment, setCommentStatus } from "./comments";
import { undoLast } from "./audit";
import { acceptHeldBackProposal } from "./held-back";

/**
 * The writes people make by hand, which the writer thread runs on a team server (writer-thread.ts): labels (review
 * screen, queue submits, final labels), intervention writes and decisions, comments, undo. Each is one function of
 * the data layer with plain, structured-clonable input and result; the same function runs on the server thread when
 * there is no writer thread (off-loop.ts). Job stages and imports have their own connections and processes.
 */
export const THREAD_WRITES = {
  setHumanLabel,
  writeQueueLabel,
  setFinalLabel,
  createIntervention,
  decideIntervention,
  editIntervention,
  acceptHeldBackProposal,
  addComment,
  editComment,
  setCommentStatus,
  undoLast,
};
export type ThreadWrites = typeof THREAD_WRITES;
export type ThreadWrite = keyof ThreadWrites;
/** What `fn` resolves to. */
export type WriteOutcome<K extends ThreadWrite> = Awaited<ReturnType<ThreadWrites[K]>>;

/** Runs one of them here (the writer thread, or the server thread without one). */
export function runWrite<K extends ThreadWrite>(fn: K, args: Parameters<ThreadWrites[K]>): Promise<WriteOutcome<K>> {
  return (THREAD_WRITES[fn] as (...a: unknown[]) => Promise<WriteOutcome<K>>)(...args);
}
