import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { modelFileTemplate, renderPrompt } from "./chat";
import { QWEN3_INSTRUCT_2507_TEMPLATE } from "./qwen3-templates";

// "model-file": the served model's own chat template, read from its tokenizer_config.json.
const dir = mkdtempSync(join(tmpdir(), "chat-template-"));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe("chat template from the model's tokenizer_config.json", () => {
  it("renders with the file's chat_template, not a built-in one", () => {
    process.env.INT_CHAT_TEMPLATE_FILE = file(
      "tokenizer_config.json",
      JSON.stringify({
        chat_template:
          "{% for m in messages %}<<{{ m.role }}>>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<<assistant>>{% endif %}",
      }),
    );
    expect(renderPrompt("model-file", "", "What is $1+1$?")).toBe("<<user>>What is $1+1$?<<assistant>>");
  });

  it("the built-in Instruct-2507 template through a file gives the same prompt as the built-in name", () => {
    process.env.INT_CHAT_TEMPLATE_FILE = file(
      "same.json",
      JSON.stringify({ chat_template: QWEN3_INSTRUCT_2507_TEMPLATE }),
    );
    expect(renderPrompt("model-file", "", "Solve $x^2=4$.")).toBe(
      renderPrompt("qwen3-instruct-2507", "", "Solve $x^2=4$."),
    );
  });

  it("a .jinja file is the template itself", () => {
    expect(modelFileTemplate(file("t.jinja", "{{ messages[0].content }}"))).toBe("{{ messages[0].content }}");
  });

  it("says what is wrong: no variable, unreadable file, bad JSON, no chat_template", () => {
    expect(() => modelFileTemplate("")).toThrow(/needs INT_CHAT_TEMPLATE_FILE/);
    expect(() => modelFileTemplate(join(dir, "missing.json"))).toThrow(/missing\.json: ENOENT/);
    expect(() => modelFileTemplate(file("bad.json", "{nope"))).toThrow(/bad\.json: not valid JSON/);
    expect(() => modelFileTemplate(file("none.json", JSON.stringify({ eos_token: "x" })))).toThrow(
      /none\.json: field "chat_template" is missing/,
    );
  });
});
