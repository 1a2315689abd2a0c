import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { exportLines, exportSummary, newCounts } from "@/lib/data/export";
import { summaryLine } from "@/lib/cli/commands/export";
import { seedRolloutData } from "@/test-support/rollouts";
import { GET } from "@/app/api/datasets/[datasetId]/export/route";

// The export's "verified only" option (keep filter, method.md §6): keeps only interventions whose
// rollouts passed, and counts what it dropped and why.
describe("export with the verified filter", () => {
  it("keeps verified rows only and reports the dropped ones by reason", async () => {
    const s = await seedRolloutData(["kept: verified", "dropped: failed", "dropped: never rolled out"]);
    await prisma.intervention.update({
      where: { id: s.interventionIds[0] },
      data: { verified: true, rolloutsCorrect: 1, rolloutsTotal: 8 },
    });
    await prisma.intervention.update({
      where: { id: s.interventionIds[1] },
      data: { verified: false, rolloutsCorrect: 0, rolloutsTotal: 8 },
    });

    const all = await exportSummary({ datasetId: s.datasetId, format: "int" });
    expect(all.written).toBe(3);
    expect(all.droppedUnverified).toBeUndefined();

    const o = { datasetId: s.datasetId, format: "int" as const, verifiedOnly: true };
    const counts = newCounts(o);
    const lines: string[] = [];
    for await (const l of exportLines(o, counts)) lines.push(l);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).intervention.content).toBe("kept: verified");
    expect(counts).toMatchObject({ written: 1, droppedUnverified: { "not-rolled-out": 1, "failed-keep-filter": 1 } });
    expect(summaryLine(s.datasetName, "out.jsonl", counts)).toContain(
      "2 dropped as not verified (1 not rolled out, 1 failed the keep filter)",
    );

    const sft = await exportSummary({ datasetId: s.datasetId, format: "llamafactory", verifiedOnly: true });
    expect(sft).toMatchObject({ written: 1, droppedUnverified: { "not-rolled-out": 1, "failed-keep-filter": 1 } });
    const pb = await exportSummary({ datasetId: s.datasetId, format: "processbench", verifiedOnly: true });
    expect(pb.droppedUnverified).toBeUndefined();

    const url = (q: string) => new Request(`http://x/api/datasets/${s.datasetId}/export?format=int${q}`);
    const ctx = { params: Promise.resolve({ datasetId: s.datasetId }) };
    const summary = await (await GET(url("&verified=1&summary=1"), ctx)).json();
    expect(summary).toMatchObject({ written: 1, droppedUnverified: { "not-rolled-out": 1, "failed-keep-filter": 1 } });
    const body = await (await GET(url("&verified=1"), ctx)).text();
    expect(body.trim().split("\n")).toHaveLength(1);
    expect(await (await GET(url(""), ctx)).text()).toMatch(/^(.*\n){3}$/);
  });
});
