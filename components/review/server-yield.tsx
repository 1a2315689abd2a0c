"use client";
import { use } from "react";

// Server rendering only: suspends once, until the next turn of the event loop, so React flushes
// everything rendered so far (the page and the first steps) before it renders the rest. Without
// it a 400-step trace is rendered in one synchronous pass and its first byte leaves the server
// with its last. In the browser it renders nothing and never suspends (hydration keeps the
// streamed HTML). `id` must be unique per server render (the page passes a fresh one).

type Yield = Promise<void>;
const pending = new Map<string, Yield>();

function yieldOnce(id: string): Yield {
  let p = pending.get(id);
  if (!p) {
    p = new Promise<void>((resolve) => setImmediate(resolve));
    pending.set(id, p);
    // React re-renders the boundary with the same (now settled) promise right after it settles.
    setTimeout(() => pending.delete(id), 30_000).unref?.();
  }
  return p;
}

export function ServerYield({ id }: { id: string }) {
  if (typeof window === "undefined") use(yieldOnce(id));
  return null;
}
