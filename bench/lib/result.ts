// One line of the README table per measured quantity.
export type BenchLine = {
  bench: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: number | null;
  target: string;
  pass: boolean | null; // null: not measured (see note), or no target (informational line)
  note?: string;
};

export function markdownTable(lines: BenchLine[]): string {
  const head =
    "| Benchmark | Metric | Measured | Baseline (same run) | Ratio | Target | Pass |\n|---|---|---|---|---|---|---|";
  const rows = lines.map(
    (l) =>
      `| ${l.bench} | ${l.metric} | ${l.value} | ${l.baseline} | ${l.ratio === null ? "" : l.ratio.toFixed(2)} | ${l.target} | ${l.pass === null ? (l.note ? `not run: ${l.note}` : l.target === "" ? "" : "not run") : l.pass ? "yes" : "**no**"} |`,
  );
  return [head, ...rows].join("\n");
}
