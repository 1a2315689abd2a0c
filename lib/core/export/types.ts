import type { SourcedLabel } from "../agreement/winning-label";
// Plain inputs of the export row builders (lib/core: no Prisma types). lib/data maps its
// rows to these shapes; the builders never see the database.

export type ExportProblem = {
  id: string;
  statement: string;
  answer: string; // ground-truth answer, "" when unknown
  referenceSolution: string;
  externalId: string | null;
};

export type ExportTrace = {
  id: string;
  text: string; // byte-exact attempt
  generator: string;
  externalId: string | null;
  correct: boolean | null;
};

export type ExportIntervention = {
  id: string;
  location: number; // 1-based step it replaces
  content: string;
  status: string;
  origin: string;
  author: string;
  originalContent: string | null;
  provenance: string; // JSON text as stored
  createdAt: Date | string;
  updatedAt: Date | string;
  /** The latest audited change by a person (accept, edit, ...), when there is one. */
  lastChange?: { actor: string; at: Date | string } | null;
};

/** A trace's label as exported: the winner of lib/core/agreement/winning-label.ts, with its source. */
export type ExportLabel = { step: number | null; annotator: string; source?: "final" | "human" | "imported" };

/** One intervention with its trace and problem: input of the int / llamafactory / trl rows. */
export type InterventionExportInput = {
  problem: ExportProblem;
  trace: ExportTrace;
  intervention: ExportIntervention;
  /** the trace's winning label (final, else agreeing people, else imported); null when none or people disagree */
  humanLabel: ExportLabel | null;
};

/** One trace with its labels: input of the processbench row. */
export type TraceExportInput = {
  problem: Pick<ExportProblem, "statement">;
  trace: ExportTrace;
  /** every final, human and imported label of the trace, newest first; the winning rule picks one */
  labels: readonly SourcedLabel[];
};

/** Why a selected item produced no row. `leakage` is counted apart (method.md §5). */
export type SkipReason =
  | "leakage"
  | "location_out_of_range"
  | "no_label"
  | "label_out_of_range"
  // processbench: people's labels disagree and nobody adjudicated the trace yet
  | "labels_disagree"
  // trl-tokenized only: the response would carry <|im_end|>/<|endoftext|>, is empty, or its
  // first token would also hold prompt text (no exact loss-mask boundary).
  | "end_token_in_response"
  | "empty_response"
  | "boundary_straddles_token";

export type BuildResult<T> = { ok: true; row: T } | { ok: false; reason: SkipReason };
