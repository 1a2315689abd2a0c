// `int` format: InT's columns `problem, answer, reference_solution` (or `solution`),
// `incorrect_attempt`, optional `intervention: {content, location}` and `generator`/`model`.
import { countSteps } from "@/lib/core/steps";
import { type Obj, idString, isObj, str, strAlias, typeName } from "./fields";
import { coerceLocation } from "../location";
import type { FieldError, ParseContext, RecordParseResult, ImportedIntervention } from "./types";

export function parseIntRecord(rec: Obj, ctx: ParseContext): RecordParseResult {
  const errors: FieldError[] = [];
  const statement = str(rec, "problem", errors, { required: true });
  const answer = str(rec, "answer", errors, { required: true });
  const referenceSolution = strAlias(rec, ["reference_solution", "solution"], errors) ?? "";
  const attempt = str(rec, "incorrect_attempt", errors, { required: true });
  const generator = strAlias(rec, ["generator", "model"], errors) ?? "";
  const source = str(rec, "source", errors) ?? ctx.source;
  const externalId = idString(rec, "id", errors);

  const interventions: ImportedIntervention[] = [];
  const iv = rec.intervention;
  if (iv !== undefined && iv !== null) {
    if (!isObj(iv))
      errors.push({ field: "intervention", message: `must be an object {content, location}, got ${typeName(iv)}` });
    else {
      const content = str(iv, "content", errors, { required: true, path: "intervention.content" });
      if (iv.location === undefined || iv.location === null)
        errors.push({ field: "intervention.location", message: "is required" });
      else if (attempt !== undefined) {
        const loc = coerceLocation(iv.location, countSteps(attempt));
        if (!loc.ok) errors.push({ field: "intervention.location", message: loc.reason });
        else if (content !== undefined) interventions.push({ location: loc.value, content, provenance: {} });
      }
    }
  }
  if (errors.length > 0 || statement === undefined || answer === undefined || attempt === undefined)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      problem: { statement, referenceSolution, answer, source, externalId: null, metadata: {} },
      trace: { text: attempt, generator, externalId, correct: false },
      label: null,
      interventions,
    },
  };
}
