"use client";
import { use } from "react";
import type { PageBudget } from "@/lib/render/budget";

// Server rendering only: makes each chunk of a long trace's steps wait its turn, so React sends
// the page and the first steps before it renders the rest, and then each chunk as it is done.
// The component that renders a chunk's steps must itself wait (this hook, called first): React
// renders the siblings of a suspended component regardless, and when the wait sat in a sibling
// every step was rendered before the first byte left (measured: step 1 arrived at ~90% of the
// response time; now at ~30%). Chunk i waits for chunk i-1 to have rendered plus one turn of
// the event loop, in which Next's stream writes it out; the first chunk waits two turns (one for
// Next to start pulling the stream, one for the flush). In the browser it never waits
// (hydration keeps the streamed HTML). `renderId` must be unique per server render.

type Gate = { promise: Promise<void>; resolve: () => void; opened: boolean };
const gates = new Map<string, Gate>();

function gate(key: string): Gate {
  let g = gates.get(key);
  if (!g) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    g = { promise, resolve, opened: false };
    gates.set(key, g);
    // React re-renders the boundary with the same (now settled) promise right after it settles.
    setTimeout(() => gates.delete(key), 30_000).unref?.();
  }
  return g;
}

function openAfter(g: Gate, turns: number): void {
  if (g.opened) return;
  g.opened = true;
  const step = (left: number): void => void (left === 0 ? g.resolve() : setImmediate(() => step(left - 1)));
  step(turns);
}

/**
 * Call first thing in the component that renders chunk `index` (a hook, so the chunk's own
 * children wait with it: React renders the siblings of a suspended component regardless).
 */
export function useServerTurn(renderId: string, index: number): void {
  if (typeof window === "undefined") {
    const mine = gate(`${renderId}:${index}`);
    if (index === 0) openAfter(mine, 2);
    use(mine.promise);
    openAfter(gate(`${renderId}:${index + 1}`), 1); // this chunk renders now; the next one a turn later
  }
}

// A hostile trace can spend the page's whole math budget in a few steps of one chunk, and a
// chunk renders in one go: every other request would wait for it. So on the server a step also
// waits for a turn of the event loop once the page's math since the last turn exceeds a slice
// of work (TeX tokens, and output bytes at 100 per token: a slice is ~15 ms of KaTeX, plus at
// most one formula's 5,000-token cap). A real 400-step trace does ~60,000 units: a dozen turns.
const SLICE = 5_000;
type Slice = { mark: number; wait: Promise<void> | null };
const slices = new WeakMap<PageBudget, Slice>();
const work = (b: PageBudget) => b.used.tokens + b.used.bytes / 100;

/** Call first in a component that renders math charged to `budget`, inside its own Suspense. */
export function useMathSlice(budget: PageBudget | null): void {
  if (typeof window !== "undefined" || !budget) return;
  let s = slices.get(budget);
  if (!s) slices.set(budget, (s = { mark: 0, wait: null }));
  if (!s.wait && work(budget) - s.mark >= SLICE) {
    const slice = s;
    slice.wait = new Promise<void>((resolve) =>
      setImmediate(() => {
        slice.mark = work(budget);
        slice.wait = null;
        resolve();
      }),
    );
  }
  if (s.wait) use(s.wait); // steps after it wait for the same turn, so they render in order
}
