import { Template } from "@huggingface/jinja";
import { QWEN3_INSTRUCT_2507_TEMPLATE } from "./qwen3-templates";

// Rendering the SFT prompt with the model's chat template (method.md §8): prompt = the
// problem as the user turn + the assistant header (add_generation_prompt); the response (the
// guided attempt) follows it as is, with NO end-of-turn after it.

export const CHAT_TEMPLATES = ["qwen3-instruct-2507", "qwen3-hybrid-nothink"] as const;
export type ChatTemplateName = (typeof CHAT_TEMPLATES)[number];
export const DEFAULT_CHAT_TEMPLATE: ChatTemplateName = "qwen3-instruct-2507";

export function isChatTemplateName(s: string): s is ChatTemplateName {
  return (CHAT_TEMPLATES as readonly string[]).includes(s);
}

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type RenderOptions = {
  addGenerationPrompt?: boolean;
  /** vLLM / transformers `continue_final_message`: cut after the last message's content. */
  continueFinalMessage?: boolean;
};

const compiled = new Map<string, Template>();

function template(source: string): Template {
  let t = compiled.get(source);
  if (!t) {
    t = new Template(source);
    compiled.set(source, t);
  }
  return t;
}

/** The Jinja source of a named template (`hybridSource`: the tokenizer's own Qwen3 template). */
export function templateSource(name: ChatTemplateName, hybridSource: string): string {
  return name === "qwen3-instruct-2507" ? QWEN3_INSTRUCT_2507_TEMPLATE : hybridSource;
}

export function renderChat(name: ChatTemplateName, hybridSource: string, messages: ChatMessage[], o: RenderOptions = {}): string {
  const text = template(templateSource(name, hybridSource)).render({
    messages,
    add_generation_prompt: o.addGenerationPrompt ?? false,
    enable_thinking: false, // only read by the hybrid template
    bos_token: "",
    eos_token: "<|im_end|>",
  });
  if (!o.continueFinalMessage) return text;
  // Like transformers: the rendered text up to the end of the final message's content.
  const last = messages[messages.length - 1]?.content ?? "";
  const at = text.lastIndexOf(last);
  if (last === "" || at < 0) throw new Error("continue_final_message: the final message's content is not in the rendered text");
  return text.slice(0, at + last.length);
}

/** The SFT prompt text for a problem: user turn + generation prompt (cached per template). */
export function renderPrompt(name: ChatTemplateName, hybridSource: string, problem: string): string {
  return renderChat(name, hybridSource, [{ role: "user", content: problem }], { addGenerationPrompt: true });
}
