import type { JobHandler, JobKind } from "./types";
import { knownHandlers } from "./known-handlers";

// Handlers by kind. The map lives on globalThis because Next bundles instrumentation, route
// handlers and server actions separately: a handler registered in one must be seen by all.
const g = globalThis as unknown as { __intJobHandlers?: Map<string, JobHandler> };
const handlers: Map<string, JobHandler> = (g.__intJobHandlers ??= new Map());

export function registerHandler(handler: JobHandler): void {
  handlers.set(handler.kind, handler);
}

export function unregisterHandler(kind: string): void {
  handlers.delete(kind);
}

/** The handler for a kind: registered ones first, else the stage module is imported on first use. */
export async function getHandler(kind: string): Promise<JobHandler | undefined> {
  const have = handlers.get(kind);
  if (have) return have;
  const load = knownHandlers[kind as JobKind];
  if (!load) return undefined;
  try {
    const h = await load();
    if (h) registerHandler(h);
    return h ?? undefined;
  } catch (e) {
    console.error(`[jobs] could not load the ${kind} handler:`, e);
    return undefined;
  }
}
