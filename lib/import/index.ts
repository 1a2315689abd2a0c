export { importBuffer, importFile } from "./importer";
export type { ImportError, ImportOptions, ImportProgress, ImportResult, ImportSummary, ImportFailure } from "./types";
