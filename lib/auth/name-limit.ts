// Sign-in attempts per user name, whatever address they come from. The library's own limit is per client address,
// which it reads from X-Forwarded-For: a client can vary that header, so the per-name limit is what stops guessing one
// account's password. A fixed window in memory (one server process; a restart resets it, as the library's own does).
export type Limit = { window: number; max: number };

export function nameLimiter({ window, max }: Limit, now: () => number = Date.now) {
  const seen = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one attempt for `name`; false when it is over the limit (the caller answers 429). */
    take(name: string): boolean {
      const t = now();
      const key = name.trim().toLowerCase();
      const e = seen.get(key);
      if (!e || t - e.start >= window * 1000) {
        if (seen.size > 100_000) seen.clear(); // bounded memory under a spray of made-up names
        seen.set(key, { start: t, count: 1 });
        return true;
      }
      e.count++;
      return e.count <= max;
    },
  };
}
