"use client";
import { startTransition, useEffect, useState } from "react";

// "Accept (or reject) and next" moves on at once and saves in the background, so the next trace
// does not wait for the server. The decision's outcome outlives the trace it was made on: this
// module-level store keeps it across client navigations, and the review toolbar shows a
// pending save and, above all, a refused one with a link back to its trace. Nothing is lost:
// a refused decision was simply not applied, and the message says why.

export type Sent = { key: number; what: string; href: string; state: "saving" | "failed"; error?: string };

let items: Sent[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Records a decision sent in the background; returns a function that settles it. */
export function sendInBackground(what: string, href: string): (error: string | null) => void {
  const key = ++seq;
  items = [...items, { key, what, href, state: "saving" }];
  emit();
  return (error) => {
    items =
      error === null
        ? items.filter((s) => s.key !== key)
        : items.map((s) => (s.key === key ? { ...s, state: "failed", error } : s));
    emit();
  };
}

export function dismiss(key: number): void {
  items = items.filter((s) => s.key !== key);
  emit();
}

/** POST /api/interventions/:id/decision; resolves to null when saved, else the reason. */
export async function postDecision(
  id: string,
  decision: "accept" | "reject",
  expectedVersion: number,
): Promise<string | null> {
  try {
    const res = await fetch(`/api/interventions/${encodeURIComponent(id)}/decision`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ decision, expectedVersion }),
    });
    const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: string } | null;
    return res.ok && body?.ok ? null : (body?.error ?? `the server answered HTTP ${res.status}`);
  } catch {
    return "the server did not answer. Go back and decide again.";
  }
}

/**
 * The decisions in flight and refused, for the review toolbar. Updated in a transition, never
 * urgently: a decision is sent as the next trace starts rendering (itself a transition), and an
 * urgent update (useSyncExternalStore's are always urgent) when the save was sent or came back
 * interrupted that render and made React start it again (measured: Shift+A -> next took 119 ms
 * where n -> next took 60 ms at 100,000 traces). Also picks up, when it mounts, what was sent from
 * the previous trace.
 */
export function useOutbox(): Sent[] {
  const [sent, setSent] = useState<Sent[]>(none);
  useEffect(() => {
    const update = () => startTransition(() => setSent(items));
    listeners.add(update);
    update();
    return () => void listeners.delete(update);
  }, []);
  return sent;
}
const none: Sent[] = [];
