import { exportFormatSpec, type ExportFormat, type NoteInput } from "./formats";
import type { Provenance } from "./provenance";
import { provenanceMarkdown } from "./provenance-md";

// The README note beside every JSONL export: the format's own note (how to train on it) and the
// export's provenance (issue 12 §6: each format reports the same provenance in its notes).

/** The format's own note (how to train on it); formats without one (hf: its dataset card) are an error. */
export function formatNote(format: ExportFormat, o: NoteInput): string {
  const note = exportFormatSpec(format).note;
  if (!note) throw new Error(`${format} has no README note (its folder carries its own card)`);
  return note.text(o);
}

export function exportNote(o: {
  format: ExportFormat;
  datasetName: string;
  fileName: string;
  template: string;
  provenance: Provenance;
  provenanceFile: string;
}): string {
  return `${formatNote(o.format, o)}\n${provenanceMarkdown(o.provenance, o.provenanceFile)}`;
}
