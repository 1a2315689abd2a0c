"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { COLORS, StaticBars } from "./static-chart";

export { COLORS };

/**
 * Grouped bars: rows [{ x, <series>: value }], one bar per series. Fixed size. Recharts draws
 * only in the browser; until it has, the server-rendered StaticBars underneath shows the same
 * data (hidden by CSS once recharts' SVG exists).
 */
export function Bars({ data, series, xLabel, yLabel, width = 560, height = 260 }: { data: Record<string, string | number>[]; series: string[]; xLabel: string; yLabel: string; width?: number; height?: number }) {
  return (
    <div className="group relative" style={{ width, height }}>
      <div className="absolute inset-0 group-has-[svg.recharts-surface]:hidden" aria-hidden="true">
        <StaticBars data={data} series={series} xLabel={xLabel} yLabel={yLabel} width={width} height={height} />
      </div>
      <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 12, bottom: 28, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="x" tick={{ fontSize: 11 }} label={{ value: xLabel, position: "insideBottom", offset: -14, fontSize: 12 }} />
        <YAxis tick={{ fontSize: 11 }} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }} />
        <Tooltip />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => <Bar key={s} dataKey={s} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />)}
      </BarChart>
    </div>
  );
}
