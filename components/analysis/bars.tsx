"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export const COLORS = ["#4f46e5", "#0891b2", "#d97706", "#be123c", "#059669", "#7c3aed"];

/** Grouped bars: rows [{ x, <series>: value }], one bar per series. Fixed size: renders on the server. */
export function Bars({ data, series, xLabel, yLabel, width = 560, height = 260 }: { data: Record<string, string | number>[]; series: string[]; xLabel: string; yLabel: string; width?: number; height?: number }) {
  return (
    <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 12, bottom: 28, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="x" tick={{ fontSize: 11 }} label={{ value: xLabel, position: "insideBottom", offset: -14, fontSize: 12 }} />
      <YAxis tick={{ fontSize: 11 }} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }} />
      <Tooltip />
      <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
      {series.map((s, i) => <Bar key={s} dataKey={s} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />)}
    </BarChart>
  );
}
