// The guard where it is applied: proxy.ts (pages, server actions, route handlers) and the import
// route, which is left out of the proxy so that uploads stream.
import { describe, expect, test, vi } from "vitest";
import { NextRequest } from "next/server";
import { prisma } from "@/lib/db";

vi.mock("@/lib/server/actor", () => ({ getActor: async () => "uploader" }));
const { POST } = await import("@/app/api/import/route");
const { proxy } = await import("@/proxy");

const row = {
  problem: "What is $2+2$?",
  answer: "4",
  reference_solution: "$2+2=4$.",
  incorrect_attempt: "So $2+2=5$.\n\n\\boxed{5}",
  intervention: { content: "Add: $2+2=4$.", location: "Substep 1" },
};

function upload(dataset: string, headers: Record<string, string>): Request {
  const form = new FormData();
  form.set("dataset", dataset);
  form.set("file", new File([JSON.stringify(row) + "\n"], "x.jsonl"));
  return new Request("http://127.0.0.1:3000/api/import?wait=1", { method: "POST", body: form, headers });
}
const datasetExists = async (name: string) => (await prisma.dataset.count({ where: { name } })) > 0;

describe("POST /api/import refuses foreign requests before reading the upload", () => {
  test("a form posted from another port of 127.0.0.1 creates nothing (403)", async () => {
    const res = await POST(
      upload("csrf-port", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site" }),
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/^Refused: a write from another site/);
    expect(await datasetExists("csrf-port")).toBe(false);
  });
  test("a rebound name (Host and Origin agree on evil.example) creates nothing (421)", async () => {
    const res = await POST(
      upload("csrf-rebind", {
        host: "evil.example:3000",
        origin: "http://evil.example:3000",
        "sec-fetch-site": "same-origin",
      }),
    );
    expect(res.status).toBe(421);
    expect(await datasetExists("csrf-rebind")).toBe(false);
  });
  test("the studio's own page still imports", async () => {
    const res = await POST(
      upload("same-origin-ok", {
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:3000",
        "sec-fetch-site": "same-origin",
      }),
    );
    expect(res.status).toBe(200);
    expect(await datasetExists("same-origin-ok")).toBe(true);
  });
});

describe("proxy", () => {
  const call = async (url: string, init: { method?: string; headers: Record<string, string> }) =>
    proxy(new NextRequest(url, init));
  test("refuses a page asked for under a foreign Host, and a cross-site server action", async () => {
    expect((await call("http://127.0.0.1:3000/", { headers: { host: "evil.example:3000" } })).status).toBe(421);
    const action = await call("http://127.0.0.1:3000/settings", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000", "next-action": "abc" },
    });
    expect(action.status).toBe(403);
  });
  test("passes the studio's own requests on", async () => {
    const res = await call("http://127.0.0.1:3000/settings", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" },
    });
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });
});
