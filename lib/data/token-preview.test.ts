import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { tokenPreview } from "./token-preview";

// The Qwen3 tokenizer takes seconds to build on a busy machine: load it once, up front.
beforeAll(async () => {
  await (await import("@/lib/tokens/qwen3-tokenizer")).loadQwen3();
}, 120_000);


let ids: { ok: string; leaky: string; far: string };

beforeAll(async () => {
  const ds = await prisma.dataset.create({ data: { name: "tok preview" } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "What is 6*7?", answer: "42", contentHash: sha256("q") } });
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "6*7 = 48\n\nSo \\boxed{48}", stepCount: 2, contentHash: "h", generator: "g" } });
  const mk = (location: number, content: string, h: string) =>
    prisma.intervention.create({ data: { traceId: t.id, location, content, status: "accepted", origin: "human", contentHash: h } });
  ids = { ok: (await mk(2, "Wait, 6*7 is 6*5 + 6*2.\nLet me add.", "a")).id, leaky: (await mk(1, "It is 42.", "b")).id, far: (await mk(9, "x", "c")).id };
}, 60_000);

describe("tokenPreview", () => {
  it("tokens with parts, mask and counts; pieces spell the exact row text", async () => {
    const r = await tokenPreview(ids.ok);
    if (!r || !r.ok) throw new Error("expected a preview");
    const text = r.tokens.map((t) => t.text).join("");
    expect(text).toBe("<|im_start|>user\nWhat is 6*7?<|im_end|>\n<|im_start|>assistant\n6*7 = 48\n\nWait, 6*7 is 6*5 + 6*2.\n\nLet me add.");
    const byPart = (p: string) => r.tokens.filter((t) => t.part === p).map((t) => t.text).join("");
    expect(byPart("prefix")).toBe("6*7 = 48\n\n");
    expect(byPart("intervention")).toBe("Wait, 6*7 is 6*5 + 6*2.\n\nLet me add.");
    expect(r.counts.prompt + r.counts.prefix + r.counts.intervention).toBe(r.tokens.length);
    expect(r.tokens.filter((t) => t.masked)).toHaveLength(r.counts.prompt);
    expect(r.tokens.every((t, i) => t.masked === (i < r.counts.prompt))).toBe(true);
    expect(r.tokens.at(-1)?.id).not.toBe(151645);
    expect(r.excluded).toBeNull();
  });
  it("flags leakage, refuses an out-of-range location, null when missing", async () => {
    const l = await tokenPreview(ids.leaky, "qwen3-hybrid-nothink");
    expect(l?.ok && l.excluded).toBe("leakage");
    expect(l?.ok && l.tokens.filter((t) => t.masked).map((t) => t.text).join("")).toContain("<think>\n\n</think>\n\n");
    expect(await tokenPreview(ids.far)).toMatchObject({ ok: false, reason: "location 9 is outside steps 1..2" });
    expect(await tokenPreview("nope")).toBeNull();
  });
});
