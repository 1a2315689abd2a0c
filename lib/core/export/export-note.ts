import { datasetInfoKey, llamaFactoryNote, trlNote, trlTokenizedNote } from "./notes";
import type { Provenance } from "./provenance";
import { provenanceMarkdown } from "./provenance-md";
import type { ExportFormat } from "./types";

// The README note beside every JSONL export: the format's own note (how to train on it) and the
// export's provenance (issue 12 §6: each format reports the same provenance in its notes).

function intNote(fileName: string): string {
  return `# InT export

\`${fileName}\`: one JSON object per line, InT's public columns (\`problem\`, \`answer\`,
\`reference_solution\`, \`incorrect_attempt\`) plus \`intervention\` {content, location (1-based)},
\`intervention_guided_attempt\` (the steps before the error + the intervention, no suffix) and
\`provenance\` (who decided and when, origin, status, ids, source file/line or proposal).
Interventions containing the ground-truth answer were excluded. The file imports back as \`int\`.
`;
}

function processBenchNote(fileName: string): string {
  return `# ProcessBench labels

\`${fileName}\`: ProcessBench rows \`{id, generator, problem, steps, final_answer_correct, label}\`;
\`label\` is the 0-based index of the first wrong step (-1: no error), a person's label when there
is one, else the imported label. Model labels are never exported as ground truth.
`;
}

export function formatNote(format: Exclude<ExportFormat, "hf">, o: { datasetName: string; fileName: string; template: string }): string {
  if (format === "llamafactory") return llamaFactoryNote({ key: datasetInfoKey(o.datasetName), fileName: o.fileName });
  if (format === "trl") return trlNote({ fileName: o.fileName });
  if (format === "trl-tokenized") return trlTokenizedNote({ fileName: o.fileName, template: o.template });
  if (format === "processbench") return processBenchNote(o.fileName);
  return intNote(o.fileName);
}

export function exportNote(o: {
  format: Exclude<ExportFormat, "hf">; datasetName: string; fileName: string; template: string; provenance: Provenance; provenanceFile: string;
}): string {
  return `${formatNote(o.format, o)}\n${provenanceMarkdown(o.provenance, o.provenanceFile)}`;
}
