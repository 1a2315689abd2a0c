// Pure parsers of the import formats: one untrusted record in, an ImportItem or field errors out.
import { isObj, typeName } from "./fields";
import { parseIntRecord } from "./int";
import { parsePrm800kRecord } from "./prm800k";
import { parseProblemRecord } from "./problems";
import { parseProcessBenchRecord } from "./processbench";
import type { ImportFormat, ParseContext, ParseResult } from "./types";

export * from "./types";
export { detectFormat } from "./detect";

const PARSERS: Record<ImportFormat, (rec: Record<string, unknown>, ctx: ParseContext) => ParseResult> = {
  int: parseIntRecord,
  processbench: parseProcessBenchRecord,
  prm800k: parsePrm800kRecord,
  problems: parseProblemRecord,
};

export function parseRecord(format: ImportFormat, rec: unknown, ctx: ParseContext): ParseResult {
  if (!isObj(rec)) return { ok: false, errors: [{ field: "", message: `a record must be a JSON object, got ${typeName(rec)}` }] };
  return PARSERS[format](rec, ctx);
}
