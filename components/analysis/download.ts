// Client-side downloads of a chart: its SVG serialised as is (the page's markup is the file), a
// PNG drawn from that SVG on a canvas (2x), and its data as CSV. Nothing leaves the browser.

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

/** The chart as a standalone SVG file: the chart's own SVG (chart-svg.tsx: legend included), as is. */
export function svgFile(svg: SVGSVGElement): SvgFile {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  return { text: new XMLSerializer().serializeToString(svg), width, height };
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
