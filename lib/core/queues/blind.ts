import { roleAtLeast, type Role } from "@/lib/core/roles";

// Blind labelling (issue 13 §3): while a person may still label a trace in a blind label queue, nobody's labels but
// their own reach them: not other people's, the model's, the imported or the final label, nor what gives one away
// (the trace's human step, model proposals, interventions by others, comments). One rule for every reader: the review
// screen, the trace list, the compare page and the JSON routes all ask `withheldBy`.
//
// The rule, for a viewer V and a trace T: T's labels are withheld from V while some queue Q
//   - is a label queue with blind on, has T as an item that is still open (fewer than `overlap` people completed it),
//   - and V has not completed T in Q (submitting reveals; skipping does not, or skip would be a "show me" key),
//   - and V is one of Q's labellers:
//       annotator: may work Q (Q is open to anyone, or names V);
//       curator / admin: named in Q's assignees, or has taken an item of Q (they may work every queue, but a curator
//       who only creates and watches a queue must still see labels to run it; once they label in it, they are blind);
//       viewer: never (a viewer cannot label, so seeing labels biases nobody's label).
// Once the item is closed, Q needs no more labels on T, so its blindness ends for everyone.

export type BlindQueue = { id: string; name: string };

export type BlindFact = {
  queue: BlindQueue & { assignees: readonly string[] };
  itemOpen: boolean;
  completedByViewer: boolean;
  viewerHasTaken: boolean; // V holds or held a reservation on some item of this queue
};

export type Viewer = { name: string; role: Role };

function isLabeller(f: BlindFact, v: Viewer): boolean {
  if (!roleAtLeast(v.role, "annotator")) return false;
  const named = f.queue.assignees.includes(v.name);
  if (roleAtLeast(v.role, "curator")) return named || f.viewerHasTaken;
  return f.queue.assignees.length === 0 || named;
}

/** The blind queues that withhold a trace's labels from this viewer (empty: the viewer sees every label). */
export function withheldBy(viewer: Viewer | null, facts: readonly BlindFact[]): BlindQueue[] {
  if (!viewer) return [];
  return facts
    .filter((f) => f.itemOpen && !f.completedByViewer && isLabeller(f, viewer))
    .map((f) => ({ id: f.queue.id, name: f.queue.name }));
}

/** The notice shown where the labels would be. */
export function blindNotice(queues: readonly BlindQueue[]): string {
  const names = queues.map((q) => `"${q.name}"`).join(", ");
  return `Other labels are hidden until you submit this trace in blind ${queues.length > 1 ? "queues" : "queue"} ${names}`;
}
