import { Template } from "@huggingface/jinja";
import { readFileSync } from "node:fs";
import { QWEN3_INSTRUCT_2507_TEMPLATE } from "./qwen3-templates";
import type { ChatMessage } from "@/lib/core/prompts/render";
import { env } from "@/lib/env";

// Rendering the SFT prompt with the model's chat template (method.md §8): prompt = the
// problem as the user turn + the assistant header (add_generation_prompt); the response (the
// guided attempt) follows it as is, with NO end-of-turn after it.

// "model-file": the `chat_template` of the served model's own tokenizer_config.json (or a
// .jinja file), named by INT_CHAT_TEMPLATE_FILE: the template the trainer will really use,
// for a model other than the two built in or to check the built-in one against the real file.
export const CHAT_TEMPLATES = ["qwen3-instruct-2507", "qwen3-hybrid-nothink", "model-file"] as const;
export type ChatTemplateName = (typeof CHAT_TEMPLATES)[number];
export const DEFAULT_CHAT_TEMPLATE: ChatTemplateName = "qwen3-instruct-2507";

export function isChatTemplateName(s: string): s is ChatTemplateName {
  return (CHAT_TEMPLATES as readonly string[]).includes(s);
}

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
  if (name === "model-file") return modelFileTemplate();
  return name === "qwen3-instruct-2507" ? QWEN3_INSTRUCT_2507_TEMPLATE : hybridSource;
}

/** Why a template cannot be used here (e.g. "model-file" without a readable file), else null. */
export function checkTemplate(name: ChatTemplateName): string | null {
  if (name !== "model-file") return null;
  try {
    modelFileTemplate();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let fromFile: { path: string; source: string } | null = null;
/** INT_CHAT_TEMPLATE_FILE: a tokenizer_config.json (its chat_template) or a Jinja file. */
export function modelFileTemplate(path = env().INT_CHAT_TEMPLATE_FILE): string {
  if (!path)
    throw new Error(
      `template "model-file" needs INT_CHAT_TEMPLATE_FILE: the path of the model's tokenizer_config.json (or a .jinja file)`,
    );
  if (fromFile?.path === path) return fromFile.source;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`INT_CHAT_TEMPLATE_FILE ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let source = text;
  if (path.endsWith(".json")) {
    let cfg: unknown;
    try {
      cfg = JSON.parse(text);
    } catch (e) {
      throw new Error(`INT_CHAT_TEMPLATE_FILE ${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    const t = (cfg as { chat_template?: unknown } | null)?.chat_template;
    if (typeof t !== "string" || t === "")
      throw new Error(`INT_CHAT_TEMPLATE_FILE ${path}: field "chat_template" is missing or not a string`);
    source = t;
  }
  fromFile = { path, source };
  return source;
}

export function renderChat(
  name: ChatTemplateName,
  hybridSource: string,
  messages: ChatMessage[],
  o: RenderOptions = {},
): string {
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
  if (last === "" || at < 0)
    throw new Error("continue_final_message: the final message's content is not in the rendered text");
  return text.slice(0, at + last.length);
}

/** The SFT prompt text for a problem: user turn + generation prompt (cached per template). */
export function renderPrompt(name: ChatTemplateName, hybridSource: string, problem: string): string {
  return renderChat(name, hybridSource, [{ role: "user", content: problem }], { addGenerationPrompt: true });
}
