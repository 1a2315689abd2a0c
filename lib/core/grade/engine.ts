// The compute engine (pinned @cortex-js/compute-engine 0.140.0) parses LaTeX into MathJSON and
// is the fallback judge for expressions our own evaluator does not know. Every call runs inside
// its time limit; a CancellationError becomes a `timeout` verdict upstream.
import { ComputeEngine } from "@cortex-js/compute-engine";
import type { Json } from "./evaluate";

type Boxed = NonNullable<ReturnType<ComputeEngine["parse"]>>;

let engine: ComputeEngine | null = null;

export function getEngine(): ComputeEngine {
  if (!engine) engine = new ComputeEngine();
  return engine;
}

export class EngineTimeout extends Error {}

function limited<T>(ms: number, fn: () => T): T {
  const ce = getEngine();
  const t0 = Date.now();
  try {
    return ce.withTimeLimit(ms, fn as never) as T;
  } catch (err) {
    const e = err as { name?: string; cause?: unknown };
    if (e?.name === "CancellationError" || Date.now() - t0 >= ms)
      throw new EngineTimeout(String(e?.cause ?? "timeout"));
    throw err;
  }
}

const cache = new Map<string, Boxed>();
let useCache = true;

/** Turn the parse memo off (benchmarks that repeat inputs measure cold parses this way). */
export function setParseCache(on: boolean): void {
  useCache = on;
  cache.clear();
}

/** Canonical parse, memoised (bounded) because golds repeat across many predictions. */
export function parseLatex(latex: string, ms: number): Boxed {
  const hit = useCache ? cache.get(latex) : undefined;
  if (hit) return hit;
  const expr = limited(ms, () => getEngine().parse(latex));
  if (!expr) throw new Error(`the engine read nothing in "${latex}"`);
  if (!useCache) return expr;
  if (cache.size > 5000) cache.clear();
  cache.set(latex, expr);
  return expr;
}

export function toJson(e: Boxed): Json {
  return e.json as Json;
}

/** The engine's own equality test, then numeric values; `undefined` when it cannot tell. */
export function engineEqual(a: Boxed, b: Boxed, ms: number): boolean | undefined {
  return limited(ms, () => {
    const same = a.isEqual(b);
    if (same !== undefined) return same;
    const [x, y] = [a.N().re, b.N().re];
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) {
      return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1e-300);
    }
    return undefined;
  });
}

/**
 * Pay the engine's lazy start-up (first parse ~0.4 s of CPU, first evaluations) up front, so that
 * the first real comparison is not the one that crosses a time limit.
 */
export function warmEngine(): void {
  const ce = getEngine();
  for (const s of [
    "1+x",
    "\\sqrt[3]{2}",
    "|x|",
    "a_{n}+1",
    "\\log_2 8",
    "f(x)",
    "\\sin^2 x",
    "\\frac{1}{2}",
    "1200_7",
    "x'",
  ]) {
    const e = ce.parse(s)!;
    e.N();
    e.isEqual(ce.parse("1")!);
  }
  try {
    ce.withTimeLimit(200, () => ce.parse("\\sqrt[4]{7}")!.N());
  } catch {
    /* only the deadline machinery is being warmed */
  }
}

/** The cells of a matrix expression the engine can compute ("A + B", "A B"), as LaTeX numbers; else null. */
export function evaluateMatrix(latex: string, ms: number): string[][] | null {
  const j = limited(ms, () => getEngine().parse(latex)?.evaluate().json) as Json | undefined;
  const list = (x: Json): x is Json[] => Array.isArray(x) && x[0] === "List";
  const rows = j && list(j) ? j.slice(1) : null;
  if (!rows || rows.length === 0 || !rows.every(list)) return null;
  const num = (c: Json) =>
    typeof c === "number" ? String(c) : c && typeof c === "object" && "num" in c ? c.num : null;
  const cells = (rows as Json[][]).map((r) => r.slice(1).map(num));
  return cells.every((r) => r.every((c) => c !== null)) ? (cells as string[][]) : null;
}
