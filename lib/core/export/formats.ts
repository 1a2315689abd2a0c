import { buildIntRow } from "./int";
import { datasetInfoKey, intNote, llamaFactoryNote, processBenchNote, trlNote, trlTokenizedNote } from "./notes";
import { buildProcessBenchRow } from "./processbench";
import { buildLlamaFactoryRow, buildTrlRow } from "./sft";
import { buildTrlTokenizedRow, type SftEncoder } from "./trl-tokenized";
import type { BuildResult, InterventionExportInput, TraceExportInput } from "./types";

// The one registry of export formats. The CLI (lib/cli/commands/export.ts), the download route
// (app/api/datasets/[datasetId]/export/route.ts), the export panel (through exportFormatChoices)
// and the streaming export (lib/data/export.ts) read what a format is from here, so adding a
// format is one entry (and its builder/note), not a `format === "..."` in seven files.

export type NoteInput = { datasetName: string; fileName: string; template: string };

type Note = { label: string; text(o: NoteInput): string };

/** A JSONL file always has its README note beside it (how to train on it + provenance, issue 12 §6). */
type Container =
  /** OUT.jsonl + OUT.README.md (the note + provenance) + OUT.provenance.json */
  | { container: "jsonl"; note: Note }
  /** a folder (README.md dataset card, provenance.json, data/*.parquet), a .zip on the web: no separate note */
  | { container: "hf"; note: null };

type SpecBase = Container & {
  /** the export panel's option */
  label: string;
  /** llamafactory: a dataset_info.json entry is written/merged beside the JSONL */
  datasetInfo: boolean;
  /** rows are token ids: the tokenizer is loaded and a chat template applies */
  tokenized: boolean;
};

/** One row per intervention: intervention statuses, --verified and --per-problem apply. */
export type InterventionFormatSpec = SpecBase & {
  rowUnit: "intervention";
  /** `enc` (tokenizer + chat template) is given when `tokenized` */
  build(input: InterventionExportInput, enc: SftEncoder | undefined): BuildResult<unknown>;
};
/** One row per trace (its first-error label): intervention statuses, verified and per-problem do not apply. */
export type TraceFormatSpec = SpecBase & { rowUnit: "trace"; build(input: TraceExportInput): BuildResult<unknown> };
export type ExportFormatSpec = InterventionFormatSpec | TraceFormatSpec;

const plain = { container: "jsonl", datasetInfo: false, tokenized: false } as const;

const SPECS = {
  int: {
    ...plain,
    rowUnit: "intervention",
    label: "InT (JSONL + provenance)",
    build: buildIntRow,
    note: { label: "README note", text: (o) => intNote(o.fileName) },
  },
  llamafactory: {
    ...plain,
    rowUnit: "intervention",
    label: "LLaMA-Factory",
    build: buildLlamaFactoryRow,
    datasetInfo: true,
    note: {
      label: "template note",
      text: (o) => llamaFactoryNote({ key: datasetInfoKey(o.datasetName), fileName: o.fileName }),
    },
  },
  trl: {
    ...plain,
    rowUnit: "intervention",
    label: "TRL prompt/completion",
    build: buildTrlRow,
    note: { label: "EOS note", text: (o) => trlNote({ fileName: o.fileName }) },
  },
  "trl-tokenized": {
    ...plain,
    rowUnit: "intervention",
    label: "TRL tokenized (Qwen3, token-exact)",
    tokenized: true,
    build: (input, enc) => {
      if (!enc) throw new Error("trl-tokenized needs a tokenizer (SftEncoder)");
      return buildTrlTokenizedRow(input, enc);
    },
    note: { label: "row layout note", text: (o) => trlTokenizedNote({ fileName: o.fileName, template: o.template }) },
  },
  processbench: {
    ...plain,
    rowUnit: "trace",
    label: "ProcessBench labels",
    build: buildProcessBenchRow,
    note: { label: "README note", text: (o) => processBenchNote(o.fileName) },
  },
  // the int rows as a Hugging Face dataset folder (Parquet + dataset card + provenance.json)
  hf: {
    ...plain,
    container: "hf",
    rowUnit: "intervention",
    label: "Hugging Face dataset (Parquet + card, .zip)",
    build: buildIntRow,
    note: null,
  },
} satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof SPECS;
export const EXPORT_FORMATS = Object.keys(SPECS) as ExportFormat[];

export function isExportFormat(s: string): s is ExportFormat {
  return Object.prototype.hasOwnProperty.call(SPECS, s);
}

/** The spec of a format; an unknown name is an error (never a silent fallback to another format's rows). */
export function exportFormatSpec(format: string): ExportFormatSpec {
  if (!isExportFormat(format)) throw new Error(`unknown export format "${format}" (use ${EXPORT_FORMATS.join(", ")})`);
  return SPECS[format];
}

/** Intervention statuses, the keep filter (verified) and per-problem selection apply to this format. */
export function filtersInterventions(format: string): boolean {
  return exportFormatSpec(format).rowUnit === "intervention";
}

/** Plain data for the export panel (a client component: no builders or note texts in its bundle). */
export type ExportFormatChoice = {
  value: ExportFormat;
  label: string;
  rowUnit: ExportFormatSpec["rowUnit"];
  container: ExportFormatSpec["container"];
  noteLabel: string | null;
  datasetInfo: boolean;
};

export function exportFormatChoices(): ExportFormatChoice[] {
  return EXPORT_FORMATS.map((value) => {
    const s: ExportFormatSpec = SPECS[value];
    return {
      value,
      label: s.label,
      rowUnit: s.rowUnit,
      container: s.container,
      noteLabel: s.note?.label ?? null,
      datasetInfo: s.datasetInfo,
    };
  });
}

/** `<dataset>-<format>.jsonl` (hf: `<dataset>-hf.zip`), safe as a file name. */
export function exportFileName(datasetName: string, format: ExportFormat): string {
  const base = datasetName.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "dataset";
  return `${base}-${format}.${exportFormatSpec(format).container === "hf" ? "zip" : "jsonl"}`;
}
