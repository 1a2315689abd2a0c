import { runJobToCompletion } from "@/lib/jobs/run-to-completion";

// Shared by the rollouts and sample commands: sampling flags and "run the job here with a
// progress line".

export const SAMPLING_OPTIONS = {
  temperature: { type: "string" },
  "top-p": { type: "string" },
  "top-k": { type: "string" },
  "max-tokens": { type: "string" },
} as const;

export function samplingArgs(v: Record<string, unknown>): Record<string, number> {
  const pairs: [string, unknown][] = [
    ["temperature", v.temperature],
    ["top_p", v["top-p"]],
    ["top_k", v["top-k"]],
    ["max_tokens", v["max-tokens"]],
  ];
  return Object.fromEntries(pairs.filter(([, x]) => x !== undefined).map(([k, x]) => [k, Number(x)]));
}

export async function runJob(
  started: { ok: true; jobId: string; total: number } | { ok: false; error: string },
  what: string,
): Promise<number> {
  if (!started.ok) {
    process.stderr.write(`${started.error}\n`);
    return 1;
  }
  process.stdout.write(`job ${started.jobId}: ${started.total} ${what}\n`);
  const t0 = Date.now();
  const line = (p: { done: number; failed: number; total: number; status: string }) => {
    const text = `${p.status} ${p.done + p.failed}/${p.total} (${p.failed} failed) ${((Date.now() - t0) / 1000).toFixed(0)}s`;
    process.stdout.write(process.stdout.isTTY ? `\r${text}   ` : `${text}\n`);
  };
  const final = await runJobToCompletion(started.jobId, {
    onProgress: line,
    progressMs: process.stdout.isTTY ? 500 : 5000,
  });
  line(final);
  if (process.stdout.isTTY) process.stdout.write("\n");
  if (final.error) process.stderr.write(`job ${final.status}: ${final.error}\n`);
  return final.status === "done" ? 0 : 1;
}
