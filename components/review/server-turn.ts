"use client";
import { use } from "react";

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
