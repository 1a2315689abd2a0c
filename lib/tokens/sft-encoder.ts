import type { SftEncoder } from "@/lib/core/export/trl-tokenized";
import { DEFAULT_CHAT_TEMPLATE, renderPrompt, type ChatTemplateName } from "./chat";
import { loadQwen3 } from "./qwen3-tokenizer";

// The tokenizer + chat template pair the trl-tokenized export and the token preview use.
// Prompts are cached per problem text: several interventions share a problem.

const PROMPT_CACHE_MAX = 20_000;

export async function sftEncoder(template: ChatTemplateName = DEFAULT_CHAT_TEMPLATE): Promise<SftEncoder> {
  const q = await loadQwen3();
  const cache = new Map<string, { text: string; ids: number[] }>();
  return {
    template,
    codec: q,
    prompt(problem) {
      let p = cache.get(problem);
      if (!p) {
        if (cache.size >= PROMPT_CACHE_MAX) cache.clear();
        const text = renderPrompt(template, q.hybridTemplate, problem);
        p = { text, ids: q.encode(text) };
        cache.set(problem, p);
      }
      return p;
    },
  };
}
