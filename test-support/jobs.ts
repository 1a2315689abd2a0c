import { registerHandler } from "@/lib/jobs/registry";
import type { ItemContext, JobHandler, JobKind } from "@/lib/jobs/types";

// A scriptable handler for runner tests and the benchmark: `n` items, each running `work`.
export type FakeWork = (payload: Record<string, unknown>, ctx: ItemContext) => Promise<Record<string, unknown>>;

export function fakeHandler(kind: JobKind, work: FakeWork): JobHandler {
  const h: JobHandler = {
    kind,
    async plan(params) {
      const n = Number(params.n ?? 0);
      return Array.from({ length: n }, (_, i) => ({ key: `item-${String(i).padStart(5, "0")}`, payload: { i } }));
    },
    runItem: work,
  };
  registerHandler(h);
  return h;
}

/** Resolves after ms, rejecting with an AbortError if the signal fires first (like fetch). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        const e = new Error("aborted");
        e.name = "AbortError";
        reject(e);
      },
      { once: true },
    );
  });
}

export async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs = 10_000, stepMs = 25): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
