import type { ReactNode } from "react";

// The one chart renderer of Analysis: plain SVG from props (d3-scale does the scales and ticks),
// so the same markup is in the first HTML (no wait for hydration: recharts 3 drew nothing on the
// server, recharts/recharts#5997), on screen, and in the SVG/PNG downloads (download.ts serialises
// this element as is). The legend is part of the SVG and wraps into rows, so every series is named
// in every download. Hover text is SVG <title> (works without JavaScript). Dataset text only ever
// goes into React text nodes (escaped), never into markup.

const COLORS = [
  "#4f46e5",
  "#0891b2",
  "#d97706",
  "#be123c",
  "#059669",
  "#7c3aed",
  "#64748b",
  "#db2777",
  "#65a30d",
  "#0f766e",
];
export const color = (i: number) => COLORS[i % COLORS.length];

const FONT = "ui-sans-serif, system-ui, sans-serif";
const LEGEND_ROW = 18;
/** Space around the plot: y-axis label + ticks on the left, x ticks + axis label below. */
const M = { right: 12, bottom: 58, left: 68 };
const legendEntryWidth = (label: string) => 30 + label.length * 7; // 10 px square, gaps, ~7 px per character at 12 px

/** Left x of every legend entry, wrapped into rows that fit the width (so no name is cut off). */
export function legendRows(labels: string[], width: number, left = 60): number[][] {
  const rows: number[][] = [[]];
  let x = left;
  for (const label of labels) {
    const w = legendEntryWidth(label);
    if (x + w > width - 8 && rows[rows.length - 1].length) {
      rows.push([]);
      x = left;
    }
    rows[rows.length - 1].push(x);
    x += w;
  }
  return rows[0].length ? rows : [];
}

export type Frame = { width: number; height: number; top: number; bottom: number; left: number; right: number };

/**
 * The SVG with its legend on top; `height` is the plot's box: more legend rows than one make the
 * SVG taller instead of squeezing the plot. `children(frame)` draws the plot inside the frame.
 */
export function ChartSvg({
  width,
  height,
  series,
  label,
  children,
}: {
  width: number;
  height: number;
  series: string[];
  label: string;
  children: (f: Frame) => ReactNode;
}) {
  const rows = legendRows(series, width);
  const total = height + Math.max(0, rows.length - 1) * LEGEND_ROW;
  const top = 8 + Math.max(1, rows.length) * LEGEND_ROW + 6;
  const frame: Frame = { width, height: total, top, bottom: total - M.bottom, left: M.left, right: width - M.right };
  let i = 0;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={total}
      viewBox={`0 0 ${width} ${total}`}
      data-chart=""
      role="img"
      aria-label={label}
      fontFamily={FONT}
      fontSize={11}
      style={{ background: "white" }}
    >
      {children(frame)}
      {rows.map((row, r) =>
        row.map((x) => {
          const j = i++;
          return (
            <g key={j} className="legend-entry">
              <rect x={x} y={8 + r * LEGEND_ROW} width={10} height={10} fill={color(j)} />
              <text x={x + 14} y={17 + r * LEGEND_ROW} fill="#334155" fontSize={12}>
                {series[j]}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}

/** Grid lines, y ticks, axes and both axis labels. */
export function Axes({
  f,
  yTicks,
  y,
  yFormat,
  xLabel,
  yLabel,
}: {
  f: Frame;
  yTicks: number[];
  y: (v: number) => number;
  yFormat: (v: number) => string;
  xLabel: string;
  yLabel: string;
}) {
  const mid = (f.top + f.bottom) / 2;
  return (
    <>
      <g stroke="#e2e8f0" strokeDasharray="3 3">
        {yTicks.map((t) => (
          <line key={t} x1={f.left} x2={f.right} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <g fill="#666" textAnchor="end">
        {yTicks.map((t) => (
          <text key={t} x={f.left - 8} y={y(t)} dy="0.355em">
            {yFormat(t)}
          </text>
        ))}
      </g>
      <line x1={f.left} x2={f.left} y1={f.top} y2={f.bottom} stroke="#666" />
      <line x1={f.left} x2={f.right} y1={f.bottom} y2={f.bottom} stroke="#666" />
      <text x={(f.left + f.right) / 2} y={f.height - 14} textAnchor="middle" fontSize={12} fill="#808080">
        {xLabel}
      </text>
      <text x={14} y={mid} textAnchor="middle" fontSize={12} fill="#808080" transform={`rotate(-90 14 ${mid})`}>
        {yLabel}
      </text>
    </>
  );
}

/** From the last label back, keep one only if it does not overlap the next kept one (~6 px per character at 11 px). */
export function visibleLabels(centres: number[], labels: string[]): boolean[] {
  const keep = labels.map(() => false);
  let free = Infinity;
  for (let i = labels.length - 1; i >= 0; i--) {
    const half = (labels[i].length * 6) / 2;
    if (centres[i] + half + 2 > free) continue;
    keep[i] = true;
    free = centres[i] - half;
  }
  return keep;
}
