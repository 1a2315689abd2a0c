// Body of a grading worker: warm the compute engine, then grade jobs one at a time.
import { parentPort, workerData } from "node:worker_threads";
import { gradeAnswer } from "../core/grade/grade";
import { setParseCache, warmEngine } from "../core/grade/engine";
import type { JobMessage, WorkerInit, WorkerReply } from "./protocol";

const init = (workerData ?? {}) as WorkerInit;

// The engine starts lazily (first parse ~0.5 s of CPU): pay that before reporting ready.
const WARMUP: [string, string][] = [
  ["\\frac{1}{2}", "0.5"],
  ["\\sqrt{8}", "2\\sqrt{2}"],
  ["x^2+1", "1+x^2"],
  ["(1,2)", "(1, 2)"],
  ["\\{1,2\\}", "2, 1"],
  ["[0,1)", "[0, 1)"],
  ["x=3", "3"],
  ["\\text{B}", "B"],
  ["2+3i", "3i+2"],
  ["\\pi", "3.14159265"],
  ["10\\%", "0.1"],
  ["e^2", "\\exp(2)"],
  ["\\binom{n}{2}", "n(n-1)/2"],
];

function post(m: WorkerReply) {
  parentPort!.postMessage(m);
}

warmEngine();
for (const [g, p] of WARMUP) gradeAnswer(g, p, { predMode: "answer" });
if (init.parseCache === false) setParseCache(false);
post({ type: "ready" });

parentPort!.on("message", (job: JobMessage) => {
  const t0 = performance.now();
  try {
    const verdict = gradeAnswer(job.gold, job.pred, { predMode: job.predMode, softLimitMs: job.softLimitMs });
    post({ type: "result", id: job.id, verdict, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: "failed", id: job.id, message: e instanceof Error ? e.message : String(e) });
  }
});
