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

export function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute("width", String(Math.round(width)));
  clone.setAttribute("height", String(Math.round(height)));
  clone.setAttribute("style", "font-family: ui-sans-serif, system-ui, sans-serif; font-size: 12px; background: white");
  addLegend(svg, clone);
  return new XMLSerializer().serializeToString(clone);
}

const NS = "http://www.w3.org/2000/svg";

// Recharts draws the legend in HTML beside the SVG: copy its entries into the file as SVG.
function addLegend(svg: SVGSVGElement, clone: SVGSVGElement) {
  const items = svg.closest(".recharts-wrapper")?.querySelectorAll(".recharts-legend-item") ?? [];
  let x = 60;
  for (const item of items) {
    const label = item.querySelector(".recharts-legend-item-text")?.textContent ?? "";
    const color = item.querySelector("path")?.getAttribute("fill") ?? item.querySelector("path")?.getAttribute("stroke") ?? "#334155";
    const g = document.createElementNS(NS, "g");
    g.setAttribute("class", "legend-entry");
    const rect = document.createElementNS(NS, "rect");
    Object.entries({ x: String(x), y: "6", width: "10", height: "10", fill: color }).forEach(([k, v]) => rect.setAttribute(k, v));
    const text = document.createElementNS(NS, "text");
    Object.entries({ x: String(x + 14), y: "15", fill: "#334155", "font-size": "12" }).forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = label;
    g.append(rect, text);
    clone.append(g);
    x += 30 + label.length * 7;
  }
}

export function downloadSvg(svg: SVGSVGElement, name: string) {
  save(new Blob([svgText(svg)], { type: "image/svg+xml;charset=utf-8" }), `${name}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, name: string) {
  const text = svgText(svg);
  const { width, height } = svg.getBoundingClientRect();
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
