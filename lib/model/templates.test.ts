import { describe, expect, it } from "vitest";
import { DEFAULT_TURN1, DEFAULT_TURN2 } from "@/lib/core/prompts/default-template";
import { templateHash } from "@/lib/core/prompts/render";
import { activateTemplateVersion, getActiveTemplate, listTemplateVersions, saveTemplateVersion } from "./templates";
import { countChatTokens, countTokens, truncateToTokens } from "./tokens";

describe("prompt template versions", () => {
  it("seeds the default once, versions edits, ignores identical saves, re-activates old ones", async () => {
    const [a, b] = await Promise.all([getActiveTemplate(), getActiveTemplate()]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ version: 1, active: true, turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2, hash: templateHash({ turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2 }) });
    expect((await saveTemplateVersion({ turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2 })).created).toBe(false);
    const v2 = await saveTemplateVersion({ turn1: "T1 {{problem}}", turn2: "T2 {{attempt}}" });
    expect(v2).toMatchObject({ created: true, template: { version: 2, active: true } });
    expect((await getActiveTemplate()).id).toBe(v2.template.id);
    await activateTemplateVersion(a.id);
    const all = await listTemplateVersions();
    expect(all.map((t) => [t.version, t.active])).toEqual([[2, false], [1, true]]);
  });
});

describe("Qwen3 token counts (offline)", () => {
  it("counts and truncates", () => {
    expect(countTokens("Hello, my dog is cute")).toBeGreaterThan(3);
    expect(countTokens("")).toBe(0);
    const long = "The sum of the first n odd numbers is n squared. ".repeat(50);
    const n = countTokens(long);
    const t = truncateToTokens(long, 40);
    expect(t).toMatchObject({ truncated: true, tokens: 40 });
    expect(long.startsWith(t.text)).toBe(true);
    expect(truncateToTokens(long, n + 1)).toMatchObject({ truncated: false, text: long });
    expect(countChatTokens([{ role: "user", content: "hi" }])).toBe(countTokens("hi") + 5 + 3);
  });
});
