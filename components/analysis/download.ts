// Client-side downloads of a chart: its SVG serialised as is, a PNG drawn from that SVG on a
// canvas (2x), and its data as CSV. Nothing leaves the browser.

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type SvgFile = { text: string; width: number; height: number };

/** The chart as a standalone SVG file: recharts' legend (HTML beside the SVG) is drawn into it. */
export function svgFile(svg: SVGSVGElement): SvgFile {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const rect = svg.getBoundingClientRect();
  const width = Math.round(rect.width);
  const labels = [...(svg.closest(".recharts-wrapper")?.querySelectorAll(".recharts-legend-item") ?? [])].map((item) => ({
    label: item.querySelector(".recharts-legend-item-text")?.textContent ?? "",
    color: item.querySelector("path")?.getAttribute("fill") ?? item.querySelector("path")?.getAttribute("stroke") ?? "#334155",
  }));
  const rows = legendRows(labels.map((l) => l.label), width);
  // The plot keeps its own top band for one legend row; more rows push the plot down.
  const extra = Math.max(0, rows.length - 1) * LEGEND_ROW;
  const height = Math.round(rect.height) + extra;
  if (extra) {
    const g = document.createElementNS(NS, "g");
    g.setAttribute("transform", `translate(0 ${extra})`);
    g.append(...[...clone.childNodes]);
    clone.append(g);
  }
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clone.setAttribute("style", "font-family: ui-sans-serif, system-ui, sans-serif; font-size: 12px; background: white");
  let i = 0;
  rows.forEach((row, r) => row.forEach((x) => clone.append(legendEntry(labels[i].label, labels[i++].color, x, 6 + r * LEGEND_ROW))));
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

const NS = "http://www.w3.org/2000/svg";
const LEGEND_ROW = 18;
const entryWidth = (label: string) => 30 + label.length * 7;

/** Left x of every legend entry, wrapped into rows that fit the chart's width (so no name is cut off). */
export function legendRows(labels: string[], width: number, left = 60): number[][] {
  const rows: number[][] = [[]];
  let x = left;
  for (const label of labels) {
    const w = entryWidth(label);
    if (x + w > width - 8 && rows[rows.length - 1].length) {
      rows.push([]);
      x = left;
    }
    rows[rows.length - 1].push(x);
    x += w;
  }
  return rows[0].length ? rows : [];
}

function legendEntry(label: string, color: string, x: number, y: number): SVGGElement {
  const g = document.createElementNS(NS, "g");
  g.setAttribute("class", "legend-entry");
  const rect = document.createElementNS(NS, "rect");
  Object.entries({ x: String(x), y: String(y), width: "10", height: "10", fill: color }).forEach(([k, v]) => rect.setAttribute(k, v));
  const text = document.createElementNS(NS, "text");
  Object.entries({ x: String(x + 14), y: String(y + 9), fill: "#334155", "font-size": "12" }).forEach(([k, v]) => text.setAttribute(k, v));
  text.textContent = label;
  g.append(rect, text);
  return g;
}

export function downloadSvg(svg: SVGSVGElement, name: string) {
  save(new Blob([svgFile(svg).text], { type: "image/svg+xml;charset=utf-8" }), `${name}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, name: string) {
  const { text, width, height } = svgFile(svg);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the SVG could not be drawn"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/png"));
    if (blob) save(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadCsv(csv: string, name: string) {
  save(new Blob([csv], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
}
