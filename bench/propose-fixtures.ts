// Fixtures of bench/propose-job.ts: a scratch dataset of n one-error traces, and a `next start`
// of an existing build on the bench database (its job runner does the work in phase 4).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function seedTraces(prisma: PrismaClient, n: number): Promise<string> {
  const name = `bench-propose-${randomUUID().slice(0, 8)}`;
  const ds = await prisma.dataset.create({ data: { name } });
  const problems = Array.from({ length: n }, (_, i) => ({
    id: `${name}-p${i}`,
    datasetId: ds.id,
    statement: `Compute ${i} + ${i}.`,
    referenceSolution: `Add: ${i} + ${i} = ${2 * i}.`,
    answer: String(2 * i),
    contentHash: `${name}-p${i}`,
  }));
  const text = (i: number) =>
    `We need ${i} + ${i}.\n\nAdding gives ${2 * i + 1}.\n\nSo the answer is \\boxed{${2 * i + 1}}.`;
  for (let i = 0; i < n; i += 500) {
    const chunk = problems.slice(i, i + 500);
    await prisma.problem.createMany({ data: chunk });
    await prisma.trace.createMany({
      data: chunk.map((p, j) => ({
        datasetId: ds.id,
        problemId: p.id,
        text: text(i + j),
        stepCount: 3,
        contentHash: p.id,
        correct: false,
      })),
    });
  }
  return ds.id;
}

export type Dashboard = { base: string; pid: number | undefined; stop(signal?: NodeJS.Signals): Promise<void> };

export async function startDashboard(opts: { databaseUrl: string; distDir: string; port: number }): Promise<Dashboard> {
  const base = `http://127.0.0.1:${opts.port}`;
  const p: ChildProcess = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(opts.port)], {
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      NEXT_DIST_DIR: opts.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so stop() ends npx and the server it started
  });
  let out = "";
  p.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  p.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (p.exitCode !== null || p.signalCode !== null || !p.pid) return;
    try {
      process.kill(-p.pid, signal);
    } catch {
      return;
    }
    for (let i = 0; i < 50 && p.exitCode === null && p.signalCode === null; i++) await sleep(100);
    if (p.exitCode === null && p.signalCode === null) process.kill(-p.pid, "SIGKILL");
  };
  for (let i = 0; i < 600; i++) {
    if (p.exitCode !== null) throw new Error(`next start exited ${p.exitCode}:\n${out.slice(-2000)}`);
    try {
      const r = await fetch(`${base}/jobs`, { signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      if (r.status < 500) return { base, pid: p.pid, stop };
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`next start did not answer in time:\n${out.slice(-2000)}`);
}

/**
 * Full-body load time of a page, in ms. A pooled keep-alive socket the server closed meanwhile
 * ("other side closed") is retried once; the time includes the failed try.
 */
export async function loadMs(url: string): Promise<number> {
  const t = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await fetch(url, { cache: "no-store" });
      await r.arrayBuffer();
      if (r.status >= 400) throw new Error(`${url}: HTTP ${r.status}`);
      return performance.now() - t;
    } catch (e) {
      const code = (e as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 2 || (!code?.startsWith("UND_ERR") && code !== "ECONNRESET")) throw e;
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Run `work(0..n-1)` with `width` workers. */
export async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/** Wall seconds and CPU ms of this process (user + system, all threads: the stub thread counts for every phase alike). */
export function meter() {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuMs: (d.user + d.system) / 1000 };
  };
}

/**
 * Run a bench script in its own process (its own scratch database: bench/run.ts imports modules
 * that open lib/db on the default one) and return the JSON summary line it prints last.
 */
export async function runBenchChild<T>(
  script: string,
  args: string[],
  tag: string,
  log: (s: string) => void,
): Promise<T> {
  const child = spawn("npx", ["tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let summary: T | undefined;
  let err = "";
  const onLine = (line: string) => {
    if (line.startsWith(`{"bench":"${tag}"`)) summary = JSON.parse(line) as T;
    else if (line.trim()) log(line);
  };
  let buf = "";
  child.stdout?.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop() ?? "";
    lines.forEach(onLine);
  });
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((r) => child.on("close", r));
  if (buf) onLine(buf);
  if (!summary) throw new Error(`${script} exited ${code} without a summary:\n${err.slice(-2000)}`);
  return summary;
}
