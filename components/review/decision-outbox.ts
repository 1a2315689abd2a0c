"use client";
import { useSyncExternalStore } from "react";

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
    items = error === null
      ? items.filter((s) => s.key !== key)
      : items.map((s) => (s.key === key ? { ...s, state: "failed", error } : s));
    emit();
  };
}

export function dismiss(key: number): void {
  items = items.filter((s) => s.key !== key);
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => void listeners.delete(l);
}
const none: Sent[] = [];

export function useOutbox(): Sent[] {
  return useSyncExternalStore(subscribe, () => items, () => none);
}
