// Phase 4 of bench/propose-job.ts: the propose job runs inside `next start` (its runner thread)
// while dashboard pages are loaded one after another; every load must stay under 500 ms.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadMs, percentile, seedTraces, sleep, startDashboard } from "./propose-fixtures";

export type PageLoads = { count: number; p50: number; p95: number; max: number; byPage: Record<string, number> };
type CreateJob = (input: {
  kind: string;
  params: Record<string, unknown>;
  datasetId: string | null;
  createdBy: string;
}) => Promise<{ jobId: string }>;

export async function dashboardPhase(o: {
  prisma: PrismaClient;
  createJob: CreateJob;
  params: Record<string, unknown>;
  n: number;
  distDir: string;
  port: number;
  log: (s: string) => void;
}): Promise<{ seconds: number; status: string; done: number; failed: number; pages: PageLoads }> {
  const server = await startDashboard({
    databaseUrl: process.env.DATABASE_URL ?? "",
    distDir: o.distDir,
    port: o.port,
  });
  try {
    const datasetId = await seedTraces(o.prisma, o.n);
    await loadMs(`${server.base}/jobs`); // warm the route
    const t0 = performance.now();
    const { jobId: id } = await o.createJob({ kind: "propose", params: o.params, datasetId, createdBy: "bench" });
    const pages = ["/", "/jobs", `/jobs/${id}`, `/api/jobs/${id}`];
    const times: number[] = [];
    const byPage: Record<string, number> = {};
    let status = "queued";
    while (status === "queued" || status === "running") {
      for (const pg of pages) {
        const ms = await loadMs(server.base + pg).catch((e) => {
          o.log(`  page ${pg} failed: ${e instanceof Error ? e.message : String(e)}`);
          return Infinity; // a failed load counts as too slow
        });
        times.push(ms);
        const k = pg.replace(id, "[jobId]");
        byPage[k] = Math.max(byPage[k] ?? 0, ms);
      }
      status = (await o.prisma.job.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
      await sleep(250);
    }
    const seconds = (performance.now() - t0) / 1000;
    const j = await o.prisma.job.findUniqueOrThrow({ where: { id } });
    const loads: PageLoads = {
      count: times.length,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: Math.max(...times),
      byPage,
    };
    o.log(
      `page loads while it ran: ${loads.count}, p50 ${loads.p50.toFixed(0)} ms, p95 ${loads.p95.toFixed(0)} ms, max ${loads.max.toFixed(0)} ms ${JSON.stringify(byPage, (_k, v) => (typeof v === "number" ? Math.round(v) : v))}`,
    );
    return { seconds, status: j.status, done: j.done, failed: j.failed, pages: loads };
  } finally {
    await server.stop();
  }
}
