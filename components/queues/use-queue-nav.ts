"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { Next } from "@/lib/actions/queues";

/** Run a queue action and go where it says (the next item or the done screen); a refusal stays on screen. */
export function useQueueNav() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const go = (fn: () => Promise<ActionResult<Next>>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (r.ok) router.push(r.data.next);
      else setError(r.error);
    });
  return { go, error, pending };
}
