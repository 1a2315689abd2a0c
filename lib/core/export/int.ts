import { containsAnswer, guidedParts } from "../guided";
import { countSteps } from "../steps";
import type { BuildResult, InterventionExportInput } from "./types";

// The `int` row: InT's public columns plus the intervention, its guided attempt (method.md
// §4, byte for byte) and provenance. It is also a valid `int` import row.

export type IntRow = {
  problem: string;
  answer: string;
  reference_solution: string;
  incorrect_attempt: string;
  intervention: { content: string; location: number };
  intervention_guided_attempt: string;
  provenance: {
    who: string; // who last decided on it (audit trail), else its author
    when: string; // when that happened, else its last update
    author: string;
    created_at: string;
    origin: string;
    status: string;
    original_content: string | null;
    human_first_error_step: number | null;
    human_annotator: string | null;
    first_error_source: "final" | "human" | "imported" | null; // which label human_first_error_step is
    intervention_id: string;
    trace_id: string;
    trace_external_id: string | null;
    problem_id: string;
    problem_external_id: string | null;
    generator: string;
    source: unknown; // the stored provenance JSON (file/line, proposal, model...)
  };
};

/** ISO 8601 in UTC ("...Z") whatever the stored form; unparsable text is kept as is. */
function iso(d: Date | string): string {
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? String(d) : t.toISOString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // keep what was stored rather than drop it
  }
}

/**
 * Guided attempt of an intervention, or why none: the leakage filter first (method.md §5:
 * content containing the ground-truth answer is excluded), then the location range.
 */
export function guidedAttemptFor(input: InterventionExportInput): BuildResult<string> {
  const { problem, trace, intervention } = input;
  if (containsAnswer(intervention.content, problem.answer)) return { ok: false, reason: "leakage" };
  const n = countSteps(trace.text);
  if (!Number.isInteger(intervention.location) || intervention.location < 1 || intervention.location > n) {
    return { ok: false, reason: "location_out_of_range" };
  }
  return { ok: true, row: guidedParts(trace.text, intervention.location, intervention.content).text };
}

export function buildIntRow(input: InterventionExportInput): BuildResult<IntRow> {
  const guided = guidedAttemptFor(input);
  if (!guided.ok) return guided;
  const { problem, trace, intervention: iv, humanLabel } = input;
  return {
    ok: true,
    row: {
      problem: problem.statement,
      answer: problem.answer,
      reference_solution: problem.referenceSolution,
      incorrect_attempt: trace.text,
      intervention: { content: iv.content, location: iv.location },
      intervention_guided_attempt: guided.row,
      provenance: {
        who: iv.lastChange?.actor ?? iv.author,
        when: iso(iv.lastChange?.at ?? iv.updatedAt),
        author: iv.author,
        created_at: iso(iv.createdAt),
        origin: iv.origin,
        status: iv.status,
        original_content: iv.originalContent,
        human_first_error_step: humanLabel ? humanLabel.step : null,
        human_annotator: humanLabel ? humanLabel.annotator : null,
        first_error_source: humanLabel?.source ?? null,
        intervention_id: iv.id,
        trace_id: trace.id,
        trace_external_id: trace.externalId,
        problem_id: problem.id,
        problem_external_id: problem.externalId,
        generator: trace.generator,
        source: parseJson(iv.provenance),
      },
    },
  };
}
