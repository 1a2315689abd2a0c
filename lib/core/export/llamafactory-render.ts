import { LF_FORMAT_ASSISTANT, LF_FORMAT_USER } from "./notes";
import type { LlamaFactoryRow } from "./sft";

// The text LLaMA-Factory trains on for one `llamafactory` row with the template the note
// registers: StringFormatter fills `{{content}}` once (Python str.replace(..., 1), no
// pattern syntax), the user slot then the assistant slot, nothing after the response.
// LLaMA-Factory encodes the two slots apart and concatenates the ids; the trl-tokenized
// export does the same, and a test checks decode(its input_ids) === this text.

function fill(slot: string, content: string): string {
  const at = slot.indexOf("{{content}}");
  return at < 0 ? slot : slot.slice(0, at) + content + slot.slice(at + "{{content}}".length);
}

export function renderLlamaFactoryParts(row: LlamaFactoryRow): { prompt: string; response: string } {
  return {
    prompt: fill(LF_FORMAT_USER, row.problem),
    response: fill(LF_FORMAT_ASSISTANT, row.intervention_guided_attempt),
  };
}

export function renderLlamaFactoryText(row: LlamaFactoryRow): string {
  const p = renderLlamaFactoryParts(row);
  return p.prompt + p.response;
}
