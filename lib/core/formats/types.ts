// What every format parser produces from one input record: a problem, optionally a trace with
// an imported first-error label and imported intervention proposals. Pure data, no ids.
export const IMPORT_FORMATS = ["int", "processbench", "prm800k", "problems"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

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

export type ParsedIntervention = { location: number; content: string; provenance: Record<string, unknown> };

export type ImportItem = {
  problem: ParsedProblem;
  trace: ParsedTrace | null;
  label: ParsedLabel | null;
  interventions: ParsedIntervention[];
};

export type ParseResult = { ok: true; value: ImportItem } | { ok: false; errors: FieldError[] };

/** source: default Problem.source (the file name) when the record names none. */
export type ParseContext = { source: string };
