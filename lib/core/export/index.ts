import { exportFormatSpec, type ExportFormat } from "./formats";
import type { SftEncoder } from "./trl-tokenized";
import type { BuildResult, InterventionExportInput, TraceExportInput } from "./types";

export * from "./types";
export * from "./formats";
export { buildIntRow } from "./int";
export { buildLlamaFactoryRow, buildTrlRow } from "./sft";
export { buildProcessBenchRow } from "./processbench";
export * from "./trl-tokenized";
export { renderLlamaFactoryParts, renderLlamaFactoryText } from "./llamafactory-render";
export * from "./status-filter";
export * from "./notes";
export { exportHref } from "./url";
export * from "./per-problem";

/** The row of one intervention in `format`; a trace format or an unknown name is an error (no fallback). */
export function buildInterventionRow(
  format: ExportFormat,
  input: InterventionExportInput,
  enc?: SftEncoder,
): BuildResult<unknown> {
  const spec = exportFormatSpec(format);
  if (spec.rowUnit !== "intervention") throw new Error(`${format} has one row per trace, not per intervention`);
  return spec.build(input, enc);
}

/** The row of one trace in `format` (processbench); an intervention format or an unknown name is an error. */
export function buildTraceRow(format: ExportFormat, input: TraceExportInput): BuildResult<unknown> {
  const spec = exportFormatSpec(format);
  if (spec.rowUnit !== "trace") throw new Error(`${format} has one row per intervention, not per trace`);
  return spec.build(input);
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
