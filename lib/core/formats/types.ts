// What every format parser produces from one input record: a problem, optionally a trace with
// an imported first-error label and imported intervention proposals. Pure data, no ids.

/** A problem with one record: `field` is a JSON path inside the record ("intervention.location"). */
export type FieldError = { field: string; message: string };

export type ParsedProblem = {
  statement: string;
  referenceSolution: string;
  answer: string;
  source: string;
  externalId: string | null;
  metadata: Record<string, unknown>;
};

export type ParsedTrace = { text: string; generator: string; externalId: string | null; correct: boolean | null };

/** step: 1-based first error; null = "no error". */
export type ParsedLabel = { step: number | null; annotator: string };

/** An intervention carried by an imported record (model output is parsed by core/parse-intervention.ts). */
export type ImportedIntervention = { location: number; content: string; provenance: Record<string, unknown> };

export type ImportItem = {
  problem: ParsedProblem;
  trace: ParsedTrace | null;
  label: ParsedLabel | null;
  interventions: ImportedIntervention[];
};

export type RecordParseResult = { ok: true; value: ImportItem } | { ok: false; errors: FieldError[] };

/** source: default Problem.source (the file name) when the record names none. */
export type ParseContext = { source: string };
