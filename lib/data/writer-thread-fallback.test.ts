import { describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import { prisma } from "@/lib/db";
import { queueDataset } from "@/test-support/queue-fixture";
import { createQueue } from "./queues";
import { takeNext } from "./queue-work";
import { submitQueueLabel } from "./queue-submit";

// Own file: a writer thread that failed to start is not tried again in this process.
describe("writer thread that cannot start", () => {
  it("a submit is then written on this thread, as before the thread existed", { timeout: 60_000 }, async () => {
    const { datasetId } = await queueDataset(2);
    const q = await createQueue(datasetId, { name: "fallback", task: "label", overlap: 1, reserveMinutes: 10 }, "cur");
    if (!q.ok) throw new Error(q.error);
    const cwd = process.cwd();
    process.chdir(tmpdir()); // the thread's entry is found from the working directory: not there
    try {
      const held = await takeNext(q.id, "ola", 10); // starts the thread, which fails
      const r = await submitQueueLabel(q.id, { traceId: held!.traceId, actor: "ola", step: 2 });
      expect(r).toMatchObject({ ok: true, counted: true });
      const label = await prisma.firstErrorLabel.findUnique({
        where: { traceId_source_annotator: { traceId: held!.traceId, source: "human", annotator: "ola" } },
      });
      expect(label?.step).toBe(2);
    } finally {
      process.chdir(cwd);
    }
  });
});
