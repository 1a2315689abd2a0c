// Web imports run in a child process, one at a time (an import holds SQLite's write lock for
// its whole transaction), never on the server's request thread: a 500 MB import used to take
// the server to 2.5 GB and stall every page for seconds. The server keeps only a small progress
// record per import, which GET /api/import/[id] serves to the upload form (react-query polling).
// Kept on globalThis: Next bundles route handlers separately.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { setPriority } from "node:os";
import { join } from "node:path";
import type { ChildMessage, ChildRequest } from "./import-child";
import type { ImportResult, WebImport } from "./types";

export type { WebImport } from "./types";

type Registry = { runs: Map<string, WebImport>; queue: Promise<unknown> };
const g = globalThis as unknown as { __intWebImports?: Registry };
const registry = (): Registry => (g.__intWebImports ??= { runs: new Map(), queue: Promise.resolve() });

/** Finished imports stay readable this long (the form polls until it sees the result). */
const KEEP_MS = 60 * 60 * 1000;

export function getWebImport(id: string): WebImport | undefined {
  return registry().runs.get(id);
}

/**
 * Queues the import of an uploaded temp file; the folder `dir` is deleted when it ends.
 * Returns at once with the progress record, and a promise of it once the import has ended.
 */
export function startWebImport(
  upload: { dir: string; path: string; fileName: string; size: number },
  req: Omit<ChildRequest, "path">,
): { run: WebImport; finished: Promise<WebImport> } {
  const reg = registry();
  const now = Date.now();
  for (const [id, r] of reg.runs) if (r.finishedAt !== null && now - r.finishedAt > KEEP_MS) reg.runs.delete(id);
  const run: WebImport = {
    id: randomUUID(),
    dataset: req.dataset,
    fileName: upload.fileName,
    phase: "queued",
    records: 0,
    bytesRead: 0,
    totalBytes: upload.size,
    result: null,
    finishedAt: null,
  };
  reg.runs.set(run.id, run);
  const task = async () => {
    try {
      run.phase = "importing";
      run.result = await runChild({ ...req, path: upload.path }, (p) => Object.assign(run, p));
    } catch (e) {
      const message = `the import stopped, nothing was written: ${e instanceof Error ? e.message : String(e)}`;
      run.result = { ok: false, errors: [{ file: upload.fileName, line: 0, field: "", message }], truncated: false };
    } finally {
      await rm(upload.dir, { recursive: true, force: true }).catch(() => undefined);
      if (run.result?.ok) run.bytesRead = run.totalBytes;
      run.finishedAt = Date.now();
      run.phase = run.result?.ok ? "done" : "failed"; // last: a poller that sees it sees the rest
    }
  };
  const finished = reg.queue.then(task, task).then(() => run);
  reg.queue = finished;
  return { run, finished };
}

function runChild(
  req: ChildRequest,
  onProgress: (p: { records: number; bytesRead: number; totalBytes: number }) => void,
): Promise<ImportResult> {
  // Resolved from the working directory at run time (as the job runner's thread is), so the
  // bundler leaves it alone; tsx loads the TypeScript, as for the CLI.
  const entry = join(/* turbopackIgnore: true */ process.cwd(), "lib", "import", "import-child.ts");
  return new Promise((resolve, reject) => {
    // spawn, not fork: the bundler treats fork()'s argument as a module to pack.
    const child = spawn(process.execPath, ["--import", "tsx", entry], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    // Below the server's priority: on a busy machine page loads go first.
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        /* not permitted: keep the default priority */
      }
    }
    let result: ImportResult | null = null;
    child.on("message", (m: ChildMessage) => {
      if (m.type === "progress") onProgress(m);
      else if (m.type === "result") result = m.result;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(`the import process ended (${signal ?? `exit code ${code}`}) without a result`));
    });
    child.send(req);
  });
}
