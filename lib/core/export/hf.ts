import type { IntRow } from "./int";
import type { Provenance } from "./provenance";
import { METHOD_CITATION } from "./provenance";
import { provenanceMarkdown } from "./provenance-md";

// The `hf` export (issue 12 §6): the int rows as a Hugging Face dataset folder
//   README.md                          dataset card: YAML header (configs, features) + how it was made
//   provenance.json                    ./provenance.ts
//   data/train-00000-of-00001.parquet  one row per int row
// Columns are the int columns; `intervention` is a struct, `provenance` the int row's
// provenance object as JSON text (its `source` is free-form, so it has no fixed schema).

export const HF_PARQUET_PATH = "data/train-00000-of-00001.parquet";
export const HF_DATA_GLOB = "data/train-*.parquet";

export type HfFeature =
  { name: string; dtype: "string" | "int64" } | { name: string; struct: { name: string; dtype: "string" | "int64" }[] };

/** The features, in column order; the Parquet schema (lib/data/export-hf.ts) is derived from this list. */
export const HF_FEATURES: readonly HfFeature[] = [
  { name: "problem", dtype: "string" },
  { name: "answer", dtype: "string" },
  { name: "reference_solution", dtype: "string" },
  { name: "incorrect_attempt", dtype: "string" },
  {
    name: "intervention",
    struct: [
      { name: "content", dtype: "string" },
      { name: "location", dtype: "int64" },
    ],
  },
  { name: "intervention_guided_attempt", dtype: "string" },
  { name: "provenance", dtype: "string" },
];

export type HfRow = Omit<IntRow, "intervention" | "provenance"> & {
  intervention: { content: string; location: bigint };
  provenance: string;
};

/** An int row as a Parquet row: int64 as bigint, provenance as JSON text. */
export function hfRow(r: IntRow): HfRow {
  return {
    ...r,
    intervention: { content: r.intervention.content, location: BigInt(r.intervention.location) },
    provenance: JSON.stringify(r.provenance),
  };
}

function sizeCategory(n: number): string {
  if (n < 1_000) return "n<1K";
  if (n < 10_000) return "1K<n<10K";
  if (n < 100_000) return "10K<n<100K";
  if (n < 1_000_000) return "100K<n<1M";
  return "1M<n<10M";
}

// JSON strings are valid YAML double-quoted scalars: any dataset name is quoted safely.
const q = (s: string) => JSON.stringify(s);

function featuresYaml(): string[] {
  const out: string[] = [];
  for (const f of HF_FEATURES) {
    out.push(`  - name: ${f.name}`);
    if ("dtype" in f) out.push(`    dtype: ${f.dtype}`);
    else {
      out.push(`    struct:`);
      for (const s of f.struct) out.push(`    - name: ${s.name}`, `      dtype: ${s.dtype}`);
    }
  }
  return out;
}

export function datasetCard(o: { datasetName: string; provenance: Provenance }): string {
  const p = o.provenance;
  const rows = p.counts.written;
  const yaml = [
    "---",
    `pretty_name: ${q(`InT SFT set: ${o.datasetName}`)}`,
    "# license: left for the dataset owner to fill in (mind the licenses of the source files listed in provenance.json)",
    "task_categories:",
    "- text-generation",
    "tags:",
    "- math",
    "- reasoning",
    "- intervention-training",
    "size_categories:",
    `- ${sizeCategory(rows)}`,
    "configs:",
    "- config_name: default",
    "  data_files:",
    "  - split: train",
    `    path: ${HF_DATA_GLOB}`,
    "dataset_info:",
    "  features:",
    ...featuresYaml(),
    "  splits:",
    "  - name: train",
    `    num_examples: ${rows}`,
    "---",
  ].join("\n");
  const perProblem =
    p.export.per_problem === "one"
      ? "one row per problem"
      : "every kept intervention (a problem can have several rows)";
  return `${yaml}

# InT SFT set: ${o.datasetName}

Supervised fine-tuning data for **Intervention Training (InT)**: each row is a model's incorrect
attempt at a math problem, the single step (the *intervention*) that replaces its first critical
error, and the guided attempt to train on. ${rows.toLocaleString("en")} rows for ${p.counts.problems.toLocaleString("en")} problems (${perProblem}).
Made with ${p.studio.name} ${p.studio.version}.

## Load

\`\`\`python
from datasets import load_dataset
ds = load_dataset("parquet", data_files="${HF_DATA_GLOB}")["train"]   # from this folder
# or, once pushed to the Hub: load_dataset("<owner>/<name>")
\`\`\`

## Columns

| Column | Type | Meaning |
|---|---|---|
| \`problem\` | string | the problem statement (the SFT prompt, as the user turn) |
| \`answer\` | string | its ground-truth final answer ("" when unknown) |
| \`reference_solution\` | string | the human reference solution the proposer was guided by |
| \`incorrect_attempt\` | string | the attempt, byte for byte; its steps are \`split("\\n\\n")\`, numbered from 1 |
| \`intervention\` | struct {content: string, location: int64} | the step replacing step \`location\` (the first critical error) |
| \`intervention_guided_attempt\` | string | the SFT response: the steps before \`location\` + the intervention (newlines doubled), no suffix |
| \`provenance\` | string (JSON) | who decided and when, origin, status, ids, the source file/line or proposal/model |

## Train on it as the method does

prompt = \`problem\` (user turn); response = \`intervention_guided_attempt\`, with **no end-of-turn
token after the response**: the model must not learn to stop right after the intervention. A
chat template or an SFT trainer that closes the assistant turn (TRL appends the EOS to string
prompt/completion data) changes the set. The studio's \`trl-tokenized\` and \`llamafactory\`
exports give the exact form. Paper settings: batch 64, 4 epochs, lr 1e-6, cosine schedule with
min lr 0.1x, warmup 0.1.

## How it was made

1. Incorrect attempts (imported, or sampled and graded against the ground-truth answer).
2. The first critical error of each attempt and a one-step intervention, proposed by a model
   prompted with the problem and its reference solution (two turns), and/or written, accepted or
   edited by a person.
3. Interventions containing the ground-truth answer are excluded; an intervention can be kept
   only when rollouts from the guided attempt reach the correct answer (the keep rule).
4. Selection and every filter's count below; the full record is in \`provenance.json\`.

${provenanceMarkdown(p, "provenance.json")}
## License

Not set: left for the dataset owner to fill in (add \`license:\` to the YAML header). Check the
licenses of the source files listed above.

## Citation

The method:

\`\`\`bibtex
${METHOD_CITATION.bibtex}
\`\`\`

${METHOD_CITATION.authors.join(", ")} (${METHOD_CITATION.year}). *${METHOD_CITATION.title}*.
`;
}
