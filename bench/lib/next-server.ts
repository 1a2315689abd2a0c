import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { get } from "node:http";
import { DIST_DIR, PORT } from "./config";
import { serverNodeOptions } from "../../lib/server/node-flags";

// Browser benches run against `next start` from their own dist dir and port, each with its own
// database. The build is skipped when BENCH_SKIP_BUILD=1 and a build exists.

export function ensureBuild(log: (s: string) => void): void {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(`${DIST_DIR}/BUILD_ID`))
    return log(`using the existing ${DIST_DIR} build`);
  log(`building into ${DIST_DIR} (next build)...`);
  const r = spawnSync("npx", ["next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
}

export type Server = { base: string; pid?: number; stop(): Promise<void> };

export async function startServer(databaseUrl: string, log: (s: string) => void): Promise<Server> {
  const base = `http://127.0.0.1:${PORT}`;
  if (await up(base)) throw new Error(`port ${PORT} is already in use: stop that server first`);
  const p: ChildProcess = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      INT_USER: "bench",
      NODE_ENV: "production",
      NODE_OPTIONS: serverNodeOptions(),
    }, // as `npm start` runs it
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: stop() ends npx and the server it started, nothing else
  });
  let output = "";
  p.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  p.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (p.exitCode !== null || p.pid === undefined) return;
    try {
      process.kill(-p.pid, "SIGTERM");
    } catch {
      return;
    }
    for (let i = 0; i < 50 && p.exitCode === null && p.signalCode === null; i++) await sleep(100);
    if (p.exitCode === null && p.signalCode === null) process.kill(-p.pid, "SIGKILL");
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (p.exitCode !== null) throw new Error(`next start exited ${p.exitCode}:\n${output.slice(-3000)}`);
    if (await up(base)) {
      log(`next start ready on ${base}`);
      return { base, pid: p.pid, stop };
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`next start did not answer within 180 s:\n${output.slice(-3000)}`);
}

/** Answers at all? A fresh connection each time (no keep-alive pool that may hold dead sockets). */
function up(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    // A missing page answers fast whatever the database holds (the dataset list may not).
    const req = get(`${base}/bench-ready-check`, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
