// The stub model server of bench/propose-job.ts and bench/rollout-job.ts, in its own thread: a
// real model server is another process, so its CPU must not queue on the event loop being
// measured. Baseline loops and jobs talk to the same stub, so the comparison stays fair.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

export type StubThreadOptions = {
  latencyMs: number;
  /** replies in rotation (default: the stub's automatic replies) */ replies?: string[];
};
export type StubThread = { url: string; close(): Promise<void> };

export async function startStubThread(opts: StubThreadOptions): Promise<StubThread> {
  const w = new Worker(new URL("./propose-stub-entry.mjs", import.meta.url), { workerData: opts });
  const url = await new Promise<string>((resolve, reject) => {
    w.once("message", (m: { url: string }) => resolve(m.url));
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`stub thread exited (${code})`)));
  });
  return {
    url,
    async close() {
      w.postMessage("close");
      await new Promise((r) => w.once("exit", r));
    },
  };
}

if (!isMainThread && parentPort && (workerData as StubThreadOptions | undefined)?.latencyMs !== undefined) {
  const o = workerData as StubThreadOptions;
  const { startStubModel } = await import("@/e2e/stub-model/server");
  let i = 0;
  const replies = o.replies;
  const stub = await startStubModel(
    {
      latencyMs: o.latencyMs,
      ...(replies?.length ? { respond: () => ({ kind: "text" as const, text: replies[i++ % replies.length] }) } : {}),
    },
    { keepRequests: 0 },
  );
  const port = parentPort;
  port.on("message", (m) => {
    if (m === "close") void stub.close().then(() => process.exit(0));
  });
  port.postMessage({ url: stub.url });
}
