import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { JobRunner, type RunnerOptions } from "./runner";
import { env } from "@/lib/env";

// The one runner of a server process. By default it runs in its own thread, so model calls and
// their database writes never queue in front of page renders (bench/propose-job.ts measures page
// loads while a job runs); INT_JOB_RUNNER=inline keeps it on the server's event loop, =off disables
// it. Kept on globalThis: instrumentation and server actions are bundled separately by Next.
const g = globalThis as unknown as { __intJobRunner?: JobRunner; __intJobWorker?: Worker };

export function ensureRunner(opts?: RunnerOptions): JobRunner {
  g.__intJobRunner ??= new JobRunner(opts).start();
  return g.__intJobRunner;
}

/** Nudge the process runner (if any) after a job was created or resumed. */
export function wakeRunner(): void {
  g.__intJobWorker?.postMessage("wake");
  g.__intJobRunner?.wake();
}

export async function stopRunner(): Promise<void> {
  const r = g.__intJobRunner;
  g.__intJobRunner = undefined;
  await r?.stop();
}

/** The server's runner (instrumentation.ts and, as a fallback, server actions). Idempotent. */
export function startServerRunner(): void {
  if (g.__intJobWorker || g.__intJobRunner) return;
  const mode = env().INT_JOB_RUNNER;
  if (mode === "off") return;
  if (mode === "inline") return void ensureRunner();
  try {
    // An eval'd one-line loader, so the bundler does not try to pack tsx and esbuild into the server.
    const entry = pathToFileURL(join(process.cwd(), "lib", "jobs", "worker-entry.mjs")).href;
    const w = new Worker(`import(${JSON.stringify(entry)}).catch((e) => { console.error(e); process.exit(1); })`, {
      eval: true,
    });
    w.unref();
    w.on("error", (e) => console.error("[jobs] runner thread failed", e));
    w.on("exit", (code) => {
      if (g.__intJobWorker !== w) return;
      g.__intJobWorker = undefined;
      console.error(`[jobs] runner thread exited (${code}); running jobs on the server thread instead`);
      ensureRunner();
    });
    g.__intJobWorker = w;
  } catch (e) {
    console.error("[jobs] could not start the runner thread; running jobs on the server thread", e);
    ensureRunner();
  }
}
