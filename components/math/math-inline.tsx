"use client";
import { renderInlineMath } from "@/lib/render/markdown-math";
import "./math-markdown.css";

/** A one-line preview (a table cell) of untrusted Markdown + LaTeX, math rendered (see lib/render). */
export function MathInline({ text, className }: { text: string; className?: string }) {
  return (
    <span className={`md-inline ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: renderInlineMath(text) }} />
  );
}
