import { scanMath } from "@/lib/render/math-scan";

/** The formulas the renderer would find in `text` (same delimiter scanner), with display flags. */
export function formulasIn(text: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x24 && c !== 0x5c) continue;
    if (c === 0x5c && text.charCodeAt(i + 1) !== 0x28 && text.charCodeAt(i + 1) !== 0x5b) {
      i++; // an escaped character is never a delimiter
      continue;
    }
    const m = scanMath(text, i, text.length);
    if (m) {
      out.push({ tex: m.tex, display: m.display });
      i = m.end - 1;
    } else if (text.startsWith("$$", i)) i++;
  }
  return out;
}
