import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";
import { GET } from "@/app/api/interventions/[interventionId]/tokens/route";

// The Qwen3 tokenizer takes seconds to build on a busy machine: load it once, up front.
beforeAll(async () => {
  await (await import("@/lib/tokens/qwen3-tokenizer")).loadQwen3();
}, 120_000);


// GET /api/interventions/:id/tokens called as Next calls it.
const call = (id: string, query = "") =>
  GET(new Request(`http://127.0.0.1/api/interventions/${id}/tokens${query}`), { params: Promise.resolve({ interventionId: id }) });

let id = "";
beforeAll(async () => {
  const ds = await prisma.dataset.create({ data: { name: "tok route" } });
  const p = await prisma.problem.create({ data: { datasetId: ds.id, statement: "Compute 2+2.", answer: "4", contentHash: sha256("p") } });
  const t = await prisma.trace.create({ data: { datasetId: ds.id, problemId: p.id, text: "Start.\n\n2+2=5.", stepCount: 2, contentHash: "h", generator: "g" } });
  id = (await prisma.intervention.create({ data: { traceId: t.id, location: 2, content: "Add carefully.", status: "accepted", origin: "human", contentHash: "c" } })).id;
}, 60_000);

describe("GET /api/interventions/:id/tokens", () => {
  it("returns tokens (id, text, masked) and the counts", async () => {
    const res = await call(id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.counts).toMatchObject({ total: body.tokens.length });
    expect(body.counts.prompt + body.counts.prefix + body.counts.intervention).toBe(body.tokens.length);
    expect(body.tokens.map((t: { text: string }) => t.text).join("")).toBe("<|im_start|>user\nCompute 2+2.<|im_end|>\n<|im_start|>assistant\nStart.\n\nAdd carefully.");
    expect(body.tokens[0]).toEqual({ id: 151644, text: "<|im_start|>", part: "prompt", masked: true });
  });
  it("404 unknown intervention, 400 unknown template", async () => {
    expect((await call("nope")).status).toBe(404);
    expect((await call(id, "?template=x")).status).toBe(400);
  });
});
