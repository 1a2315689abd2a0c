import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { sha256 } from "@/lib/core/hash";

// A dataset of n small traces for the queue tests (each test makes its own, uniquely named).
export async function queueDataset(n: number, stepCount = 3): Promise<{ datasetId: string; traceIds: string[] }> {
  const ds = await prisma.dataset.create({ data: { name: `queue-${randomUUID()}` } });
  const p = await prisma.problem.create({
    data: { datasetId: ds.id, statement: "q", answer: "7", contentHash: sha256(randomUUID()) },
  });
  const text = Array.from({ length: stepCount }, (_, i) => `step ${i + 1}`).join("\n\n");
  await prisma.trace.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      datasetId: ds.id,
      problemId: p.id,
      text: `${text} #${i}`,
      stepCount,
      contentHash: sha256(`${ds.id}-${i}`),
    })),
  });
  const rows = await prisma.trace.findMany({
    where: { datasetId: ds.id },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return { datasetId: ds.id, traceIds: rows.map((r) => r.id) };
}
