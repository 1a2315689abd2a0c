import { describe, expect, it } from "vitest";
import { DEFAULT_TURN1, DEFAULT_TURN2 } from "@/lib/core/prompts/default-template";
import { templateHash } from "@/lib/core/prompts/render";
import { DEFAULT_V1 } from "@/lib/core/prompts/legacy-templates";
import { prisma } from "@/lib/db";
import { activateTemplateVersion, getActiveTemplate, listTemplateVersions, saveTemplateVersion } from "./prompt-templates";
import { countChatTokens, countTokens, truncateToTokens } from "@/lib/model/tokens";

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

describe("built-in default, revision 2", () => {
  it("moves a database still on the v1 default to the new default; old proposals keep their template id and hash", async () => {
    const name = "legacy-check";
    // ensureDefaultTemplate only upgrades the built-in name; simulate an old database under it
    await prisma.promptTemplate.deleteMany({});
    const v1 = await prisma.promptTemplate.create({ data: { name: "int-verifier", version: 1, ...DEFAULT_V1, hash: templateHash(DEFAULT_V1), active: true } });
    const trace = await makeTrace(name);
    const old = await prisma.proposal.create({ data: { traceId: trace, sample: 0, model: "m", templateId: v1.id, templateHash: v1.hash, parseOk: false } });
    const [a, b] = await Promise.all([getActiveTemplate(), getActiveTemplate()]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ version: 2, active: true, turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2, hash: templateHash({ turn1: DEFAULT_TURN1, turn2: DEFAULT_TURN2 }) });
    expect(a.hash).not.toBe(v1.hash);
    expect(await prisma.proposal.findUnique({ where: { id: old.id } })).toMatchObject({ templateId: v1.id, templateHash: v1.hash });
    expect(await prisma.promptTemplate.findUnique({ where: { id: v1.id } })).toMatchObject({ turn2: DEFAULT_V1.turn2, hash: v1.hash, active: false });
    // a person who makes v1 active again on purpose keeps it
    await activateTemplateVersion(v1.id);
    expect((await getActiveTemplate()).id).toBe(v1.id);
  });
  it("the new default checks against the reference, names {{answer}}, asks no \\boxed{} and says what to do without an error", () => {
    expect(DEFAULT_TURN1).not.toMatch(/boxed/);
    expect(DEFAULT_TURN2).toContain('"{{answer}}"');
    expect(DEFAULT_TURN2).not.toMatch(/your own solution above as the standard/);
    expect(DEFAULT_TURN2).toMatch(/against the reference solution \(the oracle\)/);
    expect(DEFAULT_TURN2).toMatch(/not a heading inside the attempt/);
    expect(DEFAULT_TURN2).toMatch(/quote/);
    expect(DEFAULT_TURN2).toMatch(/sketch the next steps/);
    expect(DEFAULT_TURN2).toMatch(/no critical error, leave the intervention empty/);
  });
});

async function makeTrace(tag: string): Promise<string> {
  const ds = await prisma.dataset.create({ data: { name: `${tag}-${Math.random()}` } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "Q", referenceSolution: "R", answer: "7", contentHash: `${tag}-p` } });
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "a\n\nb", stepCount: 2, contentHash: `${tag}-t` } });
  return t.id;
}

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
