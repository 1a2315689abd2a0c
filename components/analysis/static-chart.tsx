// Server-rendered stand-ins for the recharts charts (bars.tsx, lines.tsx). Recharts 3 draws
// nothing during SSR (its chart state is filled by effects: recharts/recharts#5997), so a chart
// would appear only after the page's JavaScript loaded and hydrated (~3-4 s on the shared bench
// machine). This SVG has the same size, margins, axes, colours and data, is in the first HTML
// and is hidden by CSS as soon as recharts' own SVG is in the DOM (the downloads, tooltips and
// e2e checks all use recharts' SVG). Plain SVG elements only: no dataset text is injected.

export const COLORS = ["#4f46e5", "#0891b2", "#d97706", "#be123c", "#059669", "#7c3aed", "#64748b", "#db2777", "#65a30d", "#0f766e"];

type Box = { width: number; height: number };
const M = { top: 8 + 24, right: 12, bottom: 28 + 30, left: 8 + 60 }; // margins + legend, x axis and y axis sizes

/** recharts' nice step for ~4 intervals (getNiceTickValues): multiples of 0.05 * 10^digits. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1, 2, 3, 4];
  const rough = max / (count - 1);
  const digits = Math.floor(Math.log10(rough)) + 1;
  const unit = (digits === 1 ? 0.1 : 0.05) * 10 ** digits;
  const step = Math.ceil(rough / unit - 1e-9) * unit;
  return Array.from({ length: count }, (_, i) => +(i * step).toPrecision(12));
}

/** Left edges of centred legend entries (square, gap, label at ~6.5 px per character, gap). */
function legendX(series: string[], width: number): number[] {
  const w = series.map((s) => 14 + s.length * 6.5 + 16);
  let x = (width - w.reduce((a, b) => a + b, 0)) / 2;
  return w.map((wi) => ((x += wi), x - wi));
}

function Frame({ width, height, yTicks, y, xLabel, yLabel, series, children }: Box & { yTicks: number[]; y: (v: number) => number; xLabel: string; yLabel: string; series: string[]; children: React.ReactNode }) {
  const right = width - M.right, bottom = height - M.bottom;
  // recharts' legend lists the series sorted by name (code units), colours stay per series
  const legend = series.map((s, i) => ({ s, c: COLORS[i % COLORS.length] })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en").replace(/,/g, "") : String(v));
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-static-chart="" role="img" aria-label={`${yLabel} by ${xLabel}`} fontSize={11} fontFamily="inherit">
      <g stroke="#e2e8f0" strokeDasharray="3 3">
        {yTicks.map((t) => <line key={t} x1={M.left} x2={right} y1={y(t)} y2={y(t)} />)}
      </g>
      <g fill="#666" textAnchor="end">
        {yTicks.map((t) => <text key={t} x={M.left - 8} y={y(t)} dy="0.355em">{fmt(t)}</text>)}
      </g>
      <line x1={M.left} x2={M.left} y1={M.top} y2={bottom} stroke="#666" />
      <line x1={M.left} x2={right} y1={bottom} y2={bottom} stroke="#666" />
      {children}
      <text x={(M.left + right) / 2} y={height - 14} textAnchor="middle" fontSize={12} fill="#808080">{xLabel}</text>
      <text x={14} y={(M.top + bottom) / 2} textAnchor="middle" fontSize={12} fill="#808080" transform={`rotate(-90 14 ${(M.top + bottom) / 2})`}>{yLabel}</text>
      <g fontSize={12}>
        {legend.map(({ s, c }, i) => {
          const x = legendX(legend.map((l) => l.s), width)[i];
          return <g key={s}><rect x={x} y={10} width={10} height={10} fill={c} /><text x={x + 14} y={19} fill={c}>{s}</text></g>;
        })}
      </g>
    </svg>
  );
}

/** Like recharts' "preserveEnd": from the last label back, keep a label only if it does not overlap (~6 px per character at 11 px). */
function visibleLabels(labels: string[], band: number): boolean[] {
  let free = Infinity;
  return labels.map((l, i) => ({ l, i })).reverse().map(({ l, i }) => {
    const c = (i + 0.5) * band, half = (l.length * 6) / 2;
    if (c + half + 2 > free) return { i, ok: false };
    free = c - half;
    return { i, ok: true };
  }).sort((a, b) => a.i - b.i).map((x) => x.ok);
}

/** Grouped bars, laid out like recharts' BarChart (10% category gap, 4 px between bars). */
export function StaticBars({ data, series, xLabel, yLabel, width, height }: Box & { data: Record<string, string | number>[]; series: string[]; xLabel: string; yLabel: string }) {
  const max = Math.max(0, ...data.flatMap((d) => series.map((s) => Number(d[s]) || 0)));
  const yTicks = niceTicks(max);
  const top = yTicks[yTicks.length - 1] || 1;
  const plotW = width - M.left - M.right, plotH = height - M.top - M.bottom;
  const y = (v: number) => M.top + plotH * (1 - v / top);
  const band = plotW / Math.max(1, data.length);
  const bar = Math.max(1, (band * 0.8 - 4 * (series.length - 1)) / Math.max(1, series.length));
  const shown = visibleLabels(data.map((d) => String(d.x)), band);
  return (
    <Frame width={width} height={height} yTicks={yTicks} y={y} xLabel={xLabel} yLabel={yLabel} series={series}>
      {data.map((d, i) => (
        <g key={i}>
          {series.map((s, j) => {
            const v = Number(d[s]) || 0;
            return <rect key={s} x={M.left + i * band + band * 0.1 + j * (bar + 4)} y={y(v)} width={bar} height={M.top + plotH - y(v)} fill={COLORS[j % COLORS.length]} />;
          })}
          {shown[i] && <text x={M.left + (i + 0.5) * band} y={height - M.bottom + 8} dy="0.71em" textAnchor="middle" fill="#666">{String(d.x)}</text>}
        </g>
      ))}
    </Frame>
  );
}

/** pass@k lines: k on a log axis (linear with one k), values in [0, 1]. */
export function StaticLines({ data, series, width, height }: Box & { data: Record<string, number | null>[]; series: string[] }) {
  const ks = data.map((d) => Number(d.k));
  const lo = Math.min(...ks), hi = Math.max(...ks);
  const plotW = width - M.left - M.right, plotH = height - M.top - M.bottom;
  const log = ks.length > 1 && hi > lo;
  const x = (k: number) => M.left + (log ? (plotW * Math.log(k / lo)) / Math.log(hi / lo) : plotW / 2);
  const y = (v: number) => M.top + plotH * (1 - v);
  return (
    <Frame width={width} height={height} yTicks={[0, 0.25, 0.5, 0.75, 1]} y={y} xLabel="k (samples)" yLabel="pass@k" series={series}>
      {ks.map((k) => <text key={k} x={x(k)} y={height - M.bottom + 8} dy="0.71em" textAnchor="middle" fill="#666">{k}</text>)}
      {series.map((s, j) => {
        const pts = data.filter((d) => d[s] !== null && d[s] !== undefined).map((d) => [x(Number(d.k)), y(Number(d[s]))]);
        const c = COLORS[j % COLORS.length];
        return (
          <g key={s}>
            <polyline points={pts.map((p) => p.join(",")).join(" ")} fill="none" stroke={c} strokeWidth={2} />
            {pts.map(([px, py], i) => <circle key={i} cx={px} cy={py} r={3} fill="#fff" stroke={c} />)}
          </g>
        );
      })}
    </Frame>
  );
}
