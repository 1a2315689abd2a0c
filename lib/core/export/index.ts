import { buildIntRow } from "./int";
import { buildLlamaFactoryRow, buildTrlRow } from "./sft";
import { buildTrlTokenizedRow, type SftEncoder } from "./trl-tokenized";
import type { BuildResult, ExportFormat, InterventionExportInput } from "./types";

export * from "./types";
export { buildIntRow } from "./int";
export { buildLlamaFactoryRow, buildTrlRow } from "./sft";
export { buildProcessBenchRow } from "./processbench";
export * from "./trl-tokenized";
export { renderLlamaFactoryParts, renderLlamaFactoryText } from "./llamafactory-render";
export * from "./status-filter";
export * from "./notes";
export { exportHref } from "./url";
export * from "./per-problem";

/** Formats with one row per intervention (processbench has one row per trace). */
export type InterventionFormat = Exclude<ExportFormat, "processbench">;

/** `enc` (tokenizer + chat template) is required by trl-tokenized only. */
export function buildInterventionRow(format: InterventionFormat, input: InterventionExportInput, enc?: SftEncoder): BuildResult<unknown> {
  if (format === "int" || format === "hf") return buildIntRow(input); // hf: the int row, written as Parquet
  if (format === "llamafactory") return buildLlamaFactoryRow(input);
  if (format === "trl-tokenized") {
    if (!enc) throw new Error("trl-tokenized needs a tokenizer (SftEncoder)");
    return buildTrlTokenizedRow(input, enc);
  }
  return buildTrlRow(input);
}

const LINE_SEPARATORS = /[\u2028\u2029]/;

/**
 * One JSONL line: JSON.stringify escapes "\n" inside strings, so a row is exactly one line.
 * U+2028/U+2029 are legal raw in JSON but some line readers split on them: escape them too
 * (JSON.parse gives back the same string).
 */
export function toJsonLine(row: unknown): string {
  const s = JSON.stringify(row);
  return (LINE_SEPARATORS.test(s) ? s.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029") : s) + "\n";
}
