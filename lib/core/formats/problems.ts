// `problems`: problem sets without traces. MATH-500 `{problem, solution, answer, subject, level,
// unique_id}`; IMO-AnswerBench `{"Problem ID", Problem, "Short Answer", Category, Subcategory, Source}`.
// Other scalar columns are kept in Problem.metadata.
import { type Obj, idString, scalarMetadata, str, strAlias } from "./fields";
import type { FieldError, ParseContext, RecordParseResult } from "./types";

const STATEMENT = ["problem", "Problem", "question", "statement"] as const;
const SOLUTION = ["solution", "reference_solution", "Solution"] as const;
const ANSWER = ["answer", "Short Answer", "ground_truth_answer", "Answer"] as const;
export const PROBLEM_ID_KEYS = ["unique_id", "Problem ID", "id"] as const;
const ID = PROBLEM_ID_KEYS;

export function parseProblemRecord(rec: Obj, ctx: ParseContext): RecordParseResult {
  const errors: FieldError[] = [];
  const statement = strAlias(rec, STATEMENT, errors, { required: true });
  const referenceSolution = strAlias(rec, SOLUTION, errors) ?? "";
  const answer = strAlias(rec, ANSWER, errors) ?? "";
  const idKey = ID.find((k) => rec[k] !== undefined && rec[k] !== null);
  const externalId = idKey ? idString(rec, idKey, errors) : null;
  const source =
    (typeof rec.Source === "string" ? str(rec, "Source", errors) : str(rec, "source", errors)) ?? ctx.source;
  if (errors.length > 0 || statement === undefined) return { ok: false, errors };
  const metadata = scalarMetadata(rec, [...STATEMENT, ...SOLUTION, ...ANSWER, "source"]);
  return {
    ok: true,
    value: {
      problem: { statement, referenceSolution, answer, source, externalId, metadata },
      trace: null,
      label: null,
      interventions: [],
    },
  };
}
