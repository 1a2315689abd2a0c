// Pure parsers of the import formats: one untrusted record in, an ImportItem or field errors out.
// What the formats are: registry.ts.
import { isObj, typeName } from "./fields";
import { importFormatSpec, type ImportFormat } from "./registry";
import type { ParseContext, RecordParseResult } from "./types";

export * from "./types";
export * from "./registry";
export { detectFormat } from "./detect";

export function parseRecord(format: ImportFormat, rec: unknown, ctx: ParseContext): RecordParseResult {
  const spec = importFormatSpec(format); // an unknown name throws (a caller bug, not a bad record)
  if (!isObj(rec))
    return { ok: false, errors: [{ field: "", message: `a record must be a JSON object, got ${typeName(rec)}` }] };
  return spec.parse(rec, ctx);
}
