"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { COLORS, StaticLines } from "./static-chart";

type Problems = Record<string, Record<number, number>>;

/** pass@k curves: rows [{ k, <model>: value }], k on a log2 axis. Server-rendered stand-in as in Bars. */
export function PassAtKLines({ data, series, problems, width = 560, height = 260 }: { data: Record<string, number | null>[]; series: string[]; problems?: Problems; width?: number; height?: number }) {
  const label = (value: unknown, name: unknown, item: { payload?: { k?: number } }) => {
    const n = problems?.[String(name)]?.[Number(item.payload?.k)];
    return [`${typeof value === "number" ? value.toFixed(3) : String(value)}${n === undefined ? "" : ` (n = ${n.toLocaleString("en")} problems)`}`, String(name)];
  };
  return (
    <div className="group relative" style={{ width, height }}>
      <div className="absolute inset-0 group-has-[svg.recharts-surface]:hidden" aria-hidden="true">
        <StaticLines data={data} series={series} width={width} height={height} />
      </div>
      <LineChart width={width} height={height} data={data} margin={{ top: 8, right: 12, bottom: 28, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="k" scale={data.length > 1 ? "log" : "linear"} type="number" domain={["dataMin", "dataMax"]} ticks={data.map((d) => d.k as number)} tick={{ fontSize: 11 }} allowDataOverflow
          label={{ value: "k (samples)", position: "insideBottom", offset: -14, fontSize: 12 }} />
        <YAxis domain={[0, 1]} tick={{ fontSize: 11 }} label={{ value: "pass@k", angle: -90, position: "insideLeft", fontSize: 12 }} />
        <Tooltip formatter={label as never} labelFormatter={(k) => `pass@${k}`} />
        <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => <Line key={s} dataKey={s} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />)}
      </LineChart>
    </div>
  );
}
