import { parentPort } from "node:worker_threads";
import { ensureRunner } from "./server-runner";

// Inside the runner thread: one runner, woken by the server thread after a job is created or resumed.
export function runWorker(): void {
  const runner = ensureRunner();
  parentPort?.on("message", (m: unknown) => {
    if (m === "wake") runner.wake();
  });
}
