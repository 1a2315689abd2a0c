"use client";
import { useRef, useSyncExternalStore } from "react";
import { renderMarkdownMath } from "@/lib/render/markdown-math";
import "./math-markdown.css";

// Why a client component although it renders on the server: a server component's HTML is sent
// twice (in the page and again, escaped, in the RSC payload), and for a 400-step trace that
// payload (~6 MB of KaTeX markup) tripled the server time. As a client component only `text`
// travels in the payload; the HTML is produced once, during server rendering. Hydration keeps
// that server HTML (React leaves dangerouslySetInnerHTML alone when hydrating), so the browser
// does not run KaTeX again; a fresh client mount (navigation to another trace) renders here.

const noSubscribe = () => () => {};
const isServerSnapshot = () => true;
const isClientSnapshot = () => false;

/**
 * Untrusted Markdown + LaTeX. "rendered": HTML from our renderer (raw HTML from the text is
 * escaped, no links or images, KaTeX without trust; see lib/render). "raw": the exact text.
 */
export function MathMarkdown({ text, mode = "rendered" }: { text: string; mode?: "rendered" | "raw" }) {
  // true while rendering on the server and while hydrating server HTML; false on a fresh mount.
  const fromServer = useSyncExternalStore(noSubscribe, isClientSnapshot, isServerSnapshot);
  const shown = useRef<{ text: string; html: string } | null>(null);
  if (mode === "raw") {
    shown.current = null;
    return <pre className="min-w-0 whitespace-pre-wrap break-words font-mono text-[13px]">{text}</pre>;
  }
  if (shown.current === null || shown.current.text !== text) {
    // "" while hydrating = keep the server's DOM as it is (it was rendered from this same text).
    const keepServerDom = fromServer && typeof window !== "undefined" && shown.current === null;
    shown.current = { text, html: keepServerDom ? "" : renderMarkdownMath(text) };
  }
  return <div className="md" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: shown.current.html }} />;
}
