import type { ModelStatus } from "@/lib/model/settings";
import type { ThreadData } from "@/lib/data/comment-thread";

// Serializable data the review client needs. The raw trace text travels once: the step list
// renders from it (on the server first), and so do the guided-attempt preview and the diff.
export type ReviewIntervention = {
  id: string;
  location: number;
  content: string;
  status: string;
  origin: string;
  author: string;
  originalContent: string | null;
  version: number;
  updatedAt: string;
};

export type MyLabel = {
  step: number | null;
  checkFactual: boolean | null;
  checkNotRecovered: boolean | null;
  note: string;
  badProblem: boolean;
  badReference: boolean;
  unsure: boolean;
  version: number;
};

export type ReviewData = {
  datasetId: string;
  traceId: string;
  text: string;
  stepCount: number;
  actor: string;
  myLabel: MyLabel | null;
  humanStep: number | null; // the trace's current human first error (any annotator)
  otherLabels: { source: string; annotator: string; step: number | null }[]; // imported, model, other people
  // set when a blind label queue withholds the other labels from this reader (lib/core/queues/blind.ts): then
  // otherLabels is empty, humanStep is the reader's own, and proposals and comments are not shown
  blind: { notice: string; queues: { id: string; name: string }[] } | null;
  interventions: ReviewIntervention[];
  prevHref: string | null;
  nextHref: string | null;
  // The trace after the next one: its page is fetched ahead too, so that pressing "accept and
  // next" the moment a trace appears does not wait for the server to render the next page.
  afterNextHref: string | null;
  listHref: string;
  model: ModelStatus; // model actions are disabled with its reason when not configured
  comments: ThreadData | null; // the comment thread when the page was rendered (then kept fresh by react-query)
};

export type Composer =
  | { kind: "new"; location: number; content: string }
  // base: the text the person started from (the model's proposal, or the first text of the
  // intervention before any edit), shown as "model proposal -> my edit" while editing
  | {
      kind: "edit";
      id: string;
      expectedVersion: number;
      location: number;
      content: string;
      original: string;
      base: string;
      baseLabel: string;
    };
