// Companion texts of the SFT exports (method.md §8): the LLaMA-Factory dataset_info.json
// entry and template registration, and the TRL end-of-sequence caveat.

/** A dataset_info.json key for a studio dataset: letters, digits, `_`, `-`. */
export function datasetInfoKey(datasetName: string): string {
  return `int_${datasetName.replace(/[^A-Za-z0-9_-]+/g, "_")}`;
}

export const LLAMAFACTORY_TEMPLATE = "qwen3_nothink_noeos";

// The format strings of the template the note registers (LLaMA-Factory StringFormatter slots).
// renderLlamaFactoryText (llamafactory-render.ts) applies them; a test checks that text
// against the decoded trl-tokenized row.
export const LF_FORMAT_USER = "<|im_start|>user\n{{content}}<|im_end|>\n<|im_start|>assistant\n";
export const LF_FORMAT_ASSISTANT = "{{content}}";
export const LF_FORMAT_SYSTEM = "<|im_start|>system\n{{content}}<|im_end|>\n";
/** Python source of a str literal (json.dumps-compatible for these ASCII slots). */
const py = (s: string) => JSON.stringify(s);

/** The entry to merge into LLaMA-Factory's `dataset_info.json` (alpaca formatting). */
export function llamaFactoryDatasetInfo(key: string, fileName: string) {
  return {
    [key]: {
      file_name: fileName,
      formatting: "alpaca",
      columns: { prompt: "problem", response: "intervention_guided_attempt" },
    },
  };
}

export function llamaFactoryNote(o: { key: string; fileName: string }): string {
  return `# InT SFT set for LLaMA-Factory

\`${o.fileName}\`: one JSON object per line, \`{"problem", "intervention_guided_attempt"}\`.
prompt (user turn) = the problem; response = the guided attempt (the attempt's steps before
the first error + the intervention, no suffix). Interventions containing the ground-truth
answer were excluded.

## 1. Register the data

Put \`${o.fileName}\` in your \`dataset_dir\` and merge this entry into its \`dataset_info.json\`
(the CLI writes/merges \`dataset_info.json\` beside the JSONL already):

\`\`\`json
${JSON.stringify(llamaFactoryDatasetInfo(o.key, o.fileName), null, 2)}
\`\`\`

## 2. Register a template with NO end-of-turn token after the response

The model must not learn to stop right after the intervention, so the response is trained
without \`<|im_end|>\`. Upstream's \`qwen3_nothink\` closes every assistant turn with
\`<|im_end|>\\n\`; register this variant in the training process (e.g. a launcher script):

\`\`\`python
# train_int.py: python train_int.py your_sft.yaml
from llamafactory.data.formatter import StringFormatter
from llamafactory.data.template import register_template
from llamafactory.train.tuner import run_exp

register_template(
    name="${LLAMAFACTORY_TEMPLATE}",
    format_user=StringFormatter(slots=[${py(LF_FORMAT_USER)}]),
    format_assistant=StringFormatter(slots=[${py(LF_FORMAT_ASSISTANT)}]),  # no <|im_end|>, no eos_token
    format_system=StringFormatter(slots=[${py(LF_FORMAT_SYSTEM)}]),
    stop_words=["<|im_end|>"],
    replace_eos=True,
    efficient_eos=False,  # True would append the EOS id to every response's labels
)

run_exp()
\`\`\`

and in the YAML: \`template: ${LLAMAFACTORY_TEMPLATE}\`, \`dataset: ${o.key}\`,
\`dataset_dir: <folder of the JSONL>\`, \`cutoff_len\` at least the longest row in tokens.
Qwen3-4B-Instruct-2507 is a non-thinking model: no \`<think>\` block is added.
Check once with a tokenizer that an encoded row ends with the last tokens of the
intervention, not with \`<|im_end|>\`.

Paper SFT settings (method.md §8): batch 64, 4 epochs, lr 1e-6, cosine with min lr 0.1x, warmup 0.1.
`;
}

export function trlNote(o: { fileName: string }): string {
  return `# InT SFT set for TRL

\`${o.fileName}\`: conversational prompt/completion rows,
\`{"prompt": [{"role": "user", "content": problem}], "completion": [{"role": "assistant", "content": guided attempt}]}\`.
The guided attempt is the attempt's steps before the first error + the intervention, no
suffix. Interventions containing the ground-truth answer were excluded.

## End of sequence: not the InT form

InT trains the response WITHOUT an end-of-turn token after it (method.md §8): the model must
not learn to stop right after the intervention. TRL's SFTTrainer adds one: for
conversational data it applies the chat template, which closes the assistant turn (for Qwen:
\`<|im_end|>\\n\`), and for standard string prompt/completion data it appends \`eos_token\`.
Trained as is, this file teaches the model to stop after the intervention.

The token-exact form is the \`trl-tokenized\` export: pre-tokenized \`input_ids\` + \`labels\`
(-100 on the prompt tokens) + \`completion_mask\`, nothing after the last response token. Or
use the \`llamafactory\` export with its no-EOS template.
`;
}

export function trlTokenizedNote(o: { fileName: string; template: string }): string {
  return `# InT SFT set, token-exact (Qwen3 tokenizer, chat template \`${o.template}\`)

\`${o.fileName}\`: one row per intervention: \`input_ids\`, \`labels\`, \`completion_mask\`,
\`intervention_id\`, \`trace_id\`, \`problem_id\`, \`template\`, \`num_prompt_tokens\`,
\`num_prefix_tokens\`, \`num_intervention_tokens\`.

input_ids = the prompt (the problem as the user turn + the template's generation prompt,
\`<|im_start|>assistant\\n\` for qwen3-instruct-2507) followed by
the guided attempt (prefix + intervention), and NOTHING after it: no \`<|im_end|>\`, no
\`<|endoftext|>\` (method.md §8: the model must not learn to stop after the intervention).
labels = -100 on the prompt tokens and the token id on the response tokens; completion_mask =
0 on the prompt, 1 on the response. Every row is checked: it ends with a response token and
the mask flips exactly at the end of the prompt. Interventions containing the ground-truth
answer were excluded.
Qwen's tokenizer NFC-normalizes text (as transformers does), so decode(input_ids) is the NFC
form of prompt + guided attempt (identical for NFC text, e.g. every ProcessBench row).

## TRL

A dataset that already has \`input_ids\` is not tokenized again by SFTTrainer, so no EOS is
added: \`SFTTrainer(model, train_dataset=load_dataset("json", data_files="${o.fileName}")["train"],
args=SFTConfig(completion_only_loss=True, ...))\`; its collator masks the loss with
\`completion_mask\`. A plain \`transformers.Trainer\` uses \`labels\` directly (pad input_ids with
<|endoftext|> = 151643, labels with -100).

Paper SFT settings (method.md §8): batch 64, 4 epochs, lr 1e-6, cosine with min lr 0.1x, warmup 0.1.
`;
}

export function intNote(fileName: string): string {
  return `# InT export

\`${fileName}\`: one JSON object per line, InT's public columns (\`problem\`, \`answer\`,
\`reference_solution\`, \`incorrect_attempt\`) plus \`intervention\` {content, location (1-based)},
\`intervention_guided_attempt\` (the steps before the error + the intervention, no suffix) and
\`provenance\` (who decided and when, origin, status, ids, source file/line or proposal).
Interventions containing the ground-truth answer were excluded. The file imports back as \`int\`.
`;
}

export function processBenchNote(fileName: string): string {
  return `# ProcessBench labels

\`${fileName}\`: ProcessBench rows \`{id, generator, problem, steps, final_answer_correct, label}\`;
\`label\` is the 0-based index of the first wrong step (-1: no error), a person's label when there
is one, else the imported label. Model labels are never exported as ground truth.
`;
}
