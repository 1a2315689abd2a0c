import { rmSync } from "node:fs";

// BENCH_SCALE: "full" (default; the README's numbers) or a fraction such as 0.05 for a quick run.
// BENCH_ONLY: comma list of import,export,page,review,analysis.
export function scale(): number {
  const s = process.env.BENCH_SCALE ?? "full";
  if (s === "full") return 1;
  if (s === "quick") return 0.02;
  const n = Number(s);
  if (!(n > 0 && n <= 1)) throw new Error(`BENCH_SCALE must be "full", "quick" or a number in (0, 1], got ${s}`);
  return n;
}

export const scaled = (n: number, min = 1) => Math.max(min, Math.round(n * scale()));

export function selected(name: string): boolean {
  const only = process.env.BENCH_ONLY;
  return (
    !only ||
    only
      .split(",")
      .map((s) => s.trim())
      .includes(name)
  );
}

export const PORT = Number(process.env.BENCH_PORT ?? 3104);
export const DIST_DIR = process.env.BENCH_DIST_DIR ?? ".next-bench";

/** Own temp DB per bench and port (two people benching on one machine never share a file), removed first. */
export function tempDb(name: string): { path: string; url: string } {
  const path = `/tmp/int-bench-${name}-${PORT}.db`;
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(path + s, { force: true });
  return { path, url: `file:${path}` };
}

export function removeDb(path: string): void {
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(path + s, { force: true });
}

/** BENCH_SPEED_ONLY=search: bench/team-speed.ts runs its text-search part alone (no analysis, build or server). */
export function speedOnly(): "search" | undefined {
  const s = process.env.BENCH_SPEED_ONLY;
  if (!s) return undefined;
  if (s !== "search") throw new Error(`BENCH_SPEED_ONLY must be "search" or empty, got ${s}`);
  return s;
}
