import { scaleBand, scaleLinear } from "d3-scale";
import { Axes, ChartSvg, color, visibleLabels } from "./chart-svg";

/** Grouped bars: rows [{ x, <series>: value }], one bar per series. Fixed plot size; rendered on the server too. */
export function Bars({
  data,
  series,
  xLabel,
  yLabel,
  width = 560,
  height = 260,
}: {
  data: Record<string, string | number>[];
  series: string[];
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
}) {
  const values = data.flatMap((d) => series.map((s) => Number(d[s]) || 0));
  const max = Math.max(0, ...values);
  // counts below 4: one tick per whole number (no "0.5 labels")
  const ticks = values.every(Number.isInteger) ? Math.max(1, Math.min(4, max)) : 4;
  return (
    <ChartSvg width={width} height={height} series={series} label={`${yLabel} by ${xLabel}`}>
      {(f) => {
        const y = scaleLinear()
          .domain([0, max || 1])
          .nice(ticks)
          .range([f.bottom, f.top]);
        const x = scaleBand<number>()
          .domain(data.map((_, i) => i))
          .range([f.left, f.right])
          .paddingInner(0.1)
          .paddingOuter(0.05);
        const inner = scaleBand<string>().domain(series).range([0, x.bandwidth()]).paddingInner(0.08);
        const labels = data.map((d) => String(d.x));
        const shown = visibleLabels(
          data.map((_, i) => (x(i) ?? 0) + x.bandwidth() / 2),
          labels,
        );
        return (
          <>
            <Axes f={f} yTicks={y.ticks(ticks)} y={y} yFormat={y.tickFormat(ticks)} xLabel={xLabel} yLabel={yLabel} />
            {data.map((d, i) => (
              <g key={i}>
                {series.map((s, j) => {
                  const v = Number(d[s]) || 0;
                  return (
                    <rect
                      key={s}
                      className="chart-bar"
                      x={(x(i) ?? 0) + (inner(s) ?? 0)}
                      y={y(v)}
                      width={Math.max(1, inner.bandwidth())}
                      height={f.bottom - y(v)}
                      fill={color(j)}
                    >
                      <title>{`${s} · ${labels[i]}: ${v.toLocaleString("en")}`}</title>
                    </rect>
                  );
                })}
                {shown[i] && (
                  <text
                    x={(x(i) ?? 0) + x.bandwidth() / 2}
                    y={f.bottom + 8}
                    dy="0.71em"
                    textAnchor="middle"
                    fill="#666"
                  >
                    {labels[i]}
                  </text>
                )}
              </g>
            ))}
          </>
        );
      }}
    </ChartSvg>
  );
}
