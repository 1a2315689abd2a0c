import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { read, stmt, writeTx } from "./stage-db";
import { nowText } from "./sqlite";

const put = (key: string) => stmt(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, 'v', ?)`).run(key, nowText());
const keys = async (prefix: string) =>
  (await prisma.setting.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: "asc" } })).map((s) => s.key);

describe("stage connection", () => {
  it("commits writes of one turn together, and one that throws rolls back alone", async () => {
    const results = await Promise.allSettled([
      writeTx(() => put("gc:a")),
      writeTx(() => {
        put("gc:b");
        throw new Error("boom");
      }),
      writeTx(() => {
        put("gc:c");
        return 42;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseFulfilledResult<number>).value).toBe(42);
    expect(await keys("gc:")).toEqual(["gc:a", "gc:c"]);
  });

  it("waits without blocking while another connection of this thread holds the write lock, then writes", async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const held = prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "lock:held", value: "1" } });
      await gate; // the Prisma connection keeps its write lock across this await
    });
    await new Promise((r) => setTimeout(r, 50));
    let done = false;
    const w = writeTx(() => put("lock:after")).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(done).toBe(false); // still waiting, and this event loop kept running (we got here)
    release();
    await held;
    await w;
    expect(await keys("lock:")).toEqual(["lock:after", "lock:held"]);
    expect(await read(() => stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM "Setting" WHERE "key" LIKE 'lock:%'`).get()?.n)).toBe(2);
  });
});
