"use client";
import { useContext, useEffect, useReducer, useRef, useSyncExternalStore } from "react";
import { renderMarkdownMath } from "@/lib/render/markdown-math";
import { MathBudgetContext } from "./math-budget";
import { whenIdle } from "./render-queue";
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
 * `defer`: on a fresh mount in the browser, show the text as written at once and render it when
 * the browser is idle (the later steps of a long trace: the next trace appears without waiting
 * for all its formulas). The server always renders; hydration keeps what it sent.
 * Rendering is bounded by the text's budget and the page's (MathBudgetContext), charged in the
 * order texts render; past it the text shows as written after a note.
 */
export function MathMarkdown({
  text,
  mode = "rendered",
  defer = false,
}: {
  text: string;
  mode?: "rendered" | "raw";
  defer?: boolean;
}) {
  // true while rendering on the server and while hydrating server HTML; false on a fresh mount.
  const fromServer = useSyncExternalStore(noSubscribe, isClientSnapshot, isServerSnapshot);
  const budget = useContext(MathBudgetContext);
  // html null: waiting for its turn in the idle queue.
  const shown = useRef<{ text: string; html: string | null } | null>(null);
  const [, rendered] = useReducer((n: number) => n + 1, 0);
  if (mode !== "raw" && (shown.current === null || shown.current.text !== text)) {
    const inBrowser = typeof window !== "undefined";
    // "" while hydrating = keep the server's DOM as it is (it was rendered from this same text).
    const keepServerDom = fromServer && inBrowser && shown.current === null;
    shown.current = { text, html: keepServerDom ? "" : defer && inBrowser ? null : renderMarkdownMath(text, budget) };
  }
  const pending = mode !== "raw" && shown.current?.html === null;
  useEffect(() => {
    if (!pending) return;
    return whenIdle(() => {
      if (shown.current?.text !== text || shown.current.html !== null) return;
      shown.current = { text, html: renderMarkdownMath(text, budget) };
      rendered();
    });
  }, [pending, text, budget]);
  if (mode === "raw") {
    shown.current = null;
    return <pre className="min-w-0 whitespace-pre-wrap break-words font-mono text-[13px]">{text}</pre>;
  }
  if (shown.current!.html === null)
    return (
      <div key="pending" className="md md-pending">
        {text}
      </div>
    );
  return (
    <div key="html" className="md" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: shown.current!.html }} />
  );
}
