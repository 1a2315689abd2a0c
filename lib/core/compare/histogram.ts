// Histogram binning for the analysis plots (paper Figure 2): first-error step index (1-based,
// the last bin open-ended) and relative position step / stepCount in ten bins (0, 0.1], ...

export const REL_BINS = 10;

/** Bin of a 1-based step among `maxBin` bins; steps >= maxBin fall in the last ("maxBin+"). */
export function stepBin(step: number, maxBin = 20): number {
  return Math.min(Math.max(step, 1), maxBin);
}

/** Relative position of the error: step / stepCount in (0, 1]. */
export function relativePosition(step: number, stepCount: number): number {
  if (stepCount < 1) return 1;
  return Math.min(1, Math.max(0, step / stepCount));
}

/** 0-based bin of a relative position: (0, 0.1] -> 0, ..., (0.9, 1] -> 9. */
export function relBin(step: number, stepCount: number, bins = REL_BINS): number {
  const r = relativePosition(step, stepCount);
  return Math.min(bins - 1, Math.max(0, Math.ceil(r * bins - 1e-9) - 1));
}

export const relBinLabel = (b: number, bins = REL_BINS) => `${(b / bins).toFixed(1)}–${((b + 1) / bins).toFixed(1)}`;

/** Token-length bins for Figure 10 (token estimates): lower bounds, last bin open. */
export const LENGTH_EDGES = [0, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

export function lengthBin(tokens: number): number {
  let b = 0;
  for (let i = 0; i < LENGTH_EDGES.length; i++) if (tokens >= LENGTH_EDGES[i]) b = i;
  return b;
}

export const lengthBinLabel = (b: number) =>
  b === LENGTH_EDGES.length - 1 ? `${LENGTH_EDGES[b]}+` : `${LENGTH_EDGES[b]}–${LENGTH_EDGES[b + 1] - 1}`;

/** The cheap token estimate used where no tokenizer runs: UTF-8 bytes / 4. */
export const estimateTokens = (utf8Bytes: number) => Math.round(utf8Bytes / 4);

/** Accumulates (key -> count) rows into a dense array of `size` bins. */
export function dense(rows: readonly { bin: number; count: number }[], size: number): number[] {
  const out = new Array<number>(size).fill(0);
  for (const r of rows) if (r.bin >= 0 && r.bin < size) out[r.bin] += r.count;
  return out;
}
