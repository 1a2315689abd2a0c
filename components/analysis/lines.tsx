import { scaleLinear, scaleLog } from "d3-scale";
import { Axes, ChartSvg, color } from "./chart-svg";

type Problems = Record<string, Record<number, number>>;

/** pass@k curves: rows [{ k, <model>: value }], k on a log2 axis (centred with one k). Rendered on the server too. */
export function PassAtKLines({
  data,
  series,
  problems,
  width = 560,
  height = 260,
}: {
  data: Record<string, number | null>[];
  series: string[];
  problems?: Problems;
  width?: number;
  height?: number;
}) {
  const ks = data.map((d) => Number(d.k));
  const lo = Math.min(...ks),
    hi = Math.max(...ks);
  return (
    <ChartSvg width={width} height={height} series={series} label="pass@k by k (samples)">
      {(f) => {
        const y = scaleLinear().domain([0, 1]).range([f.bottom, f.top]);
        const log = scaleLog().base(2).domain([lo, hi]).range([f.left, f.right]);
        const x = (k: number) => (hi > lo ? log(k) : (f.left + f.right) / 2);
        return (
          <>
            <Axes f={f} yTicks={[0, 0.25, 0.5, 0.75, 1]} y={y} yFormat={String} xLabel="k (samples)" yLabel="pass@k" />
            {ks.map((k) => (
              <text key={k} x={x(k)} y={f.bottom + 8} dy="0.71em" textAnchor="middle" fill="#666">
                {k}
              </text>
            ))}
            {series.map((s, j) => {
              const pts = data
                .filter((d) => d[s] !== null && d[s] !== undefined)
                .map((d) => ({ k: Number(d.k), v: Number(d[s]) }));
              return (
                <g key={s} className="chart-line">
                  <polyline
                    points={pts.map((p) => `${x(p.k)},${y(p.v)}`).join(" ")}
                    fill="none"
                    stroke={color(j)}
                    strokeWidth={2}
                  />
                  {pts.map((p) => {
                    const n = problems?.[s]?.[p.k];
                    return (
                      <circle
                        key={p.k}
                        className="chart-dot"
                        cx={x(p.k)}
                        cy={y(p.v)}
                        r={3}
                        fill="#fff"
                        stroke={color(j)}
                      >
                        <title>{`${s} · pass@${p.k}: ${p.v.toFixed(3)}${n === undefined ? "" : ` (n = ${n.toLocaleString("en")} problems)`}`}</title>
                      </circle>
                    );
                  })}
                </g>
              );
            })}
          </>
        );
      }}
    </ChartSvg>
  );
}
