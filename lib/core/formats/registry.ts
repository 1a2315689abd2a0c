import { type Obj, isObj } from "./fields";
import { parseIntRecord } from "./int";
import { parsePrm800kRecord } from "./prm800k";
import { parseProblemRecord } from "./problems";
import { parseProcessBenchRecord } from "./processbench";
import type { ParseContext, RecordParseResult } from "./types";

// The one registry of import formats: the CLI (--format), the upload route (its zod enum), the
// upload form (through importFormatChoices), detection and parsing read what a format is from
// here. Adding a format is one entry here and its parser.

export type ImportFormatSpec = {
  /** the upload form's option */
  label: string;
  /** the fields that identify it, for "cannot detect" messages */
  signature: string;
  /** true when the first record of a file looks like this format (see DETECTION_ORDER) */
  detect(first: Obj, has: (k: string) => boolean): boolean;
  parse(rec: Obj, ctx: ParseContext): RecordParseResult;
};

const SPECS = {
  int: {
    label: "InT rows (problem, answer, incorrect_attempt)",
    signature: "int (incorrect_attempt)",
    detect: (_r, has) => has("incorrect_attempt"),
    parse: parseIntRecord,
  },
  processbench: {
    label: "ProcessBench (steps + label)",
    signature: "processbench (steps + label)",
    detect: (_r, has) => has("steps") && (has("label") || has("first_error_index")),
    parse: parseProcessBenchRecord,
  },
  prm800k: {
    label: "PRM800K (question + label)",
    signature: "prm800k (question + label)",
    detect: (r) => isObj(r.question) && isObj(r.label),
    parse: parsePrm800kRecord,
  },
  problems: {
    label: "Problems without traces",
    signature: "problems (problem/Problem)",
    detect: (_r, has) => ["problem", "Problem", "question", "statement"].some(has),
    parse: parseProblemRecord,
  },
} satisfies Record<string, ImportFormatSpec>;

export type ImportFormat = keyof typeof SPECS;
export const IMPORT_FORMATS = Object.keys(SPECS) as ImportFormat[];

/**
 * Detection tries the most specific signature first: a PRM800K record also has `question`
 * (a problems signature), a ProcessBench record also has `problem`.
 */
export const DETECTION_ORDER: readonly ImportFormat[] = ["prm800k", "processbench", "int", "problems"];

export function isImportFormat(s: string): s is ImportFormat {
  return Object.prototype.hasOwnProperty.call(SPECS, s);
}

/** The spec of a format; an unknown name is an error naming the known ones. */
export function importFormatSpec(format: string): ImportFormatSpec {
  if (!isImportFormat(format)) throw new Error(`unknown import format "${format}" (use ${IMPORT_FORMATS.join(", ")})`);
  return SPECS[format];
}

/** Plain data for the upload form (a client component: no parsers in its bundle). */
export type ImportFormatChoice = { value: ImportFormat; label: string };

export function importFormatChoices(): ImportFormatChoice[] {
  return IMPORT_FORMATS.map((value) => ({ value, label: SPECS[value].label }));
}
