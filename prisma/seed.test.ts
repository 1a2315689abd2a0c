import { expect, test } from "vitest";
import { prisma } from "@/lib/db";
import { seedIfEmpty } from "./seed";

test("seedIfEmpty imports prisma/demo into 'demo' once", async () => {
  const first = await seedIfEmpty();
  expect(first).toMatch(/^demo \(/);
  const ds = await prisma.dataset.findUniqueOrThrow({
    where: { name: "demo" },
    include: { _count: { select: { problems: true, traces: true } } },
  });
  expect(ds._count.traces).toBeGreaterThan(0);
  expect(await seedIfEmpty()).toBeNull();
});
