import { MathMarkdown } from "@/components/math/math-markdown";

// Rendered and raw forms of one untrusted text. Which one shows is decided by CSS
// (.dual-rendered / .dual-raw in globals.css) from the review shell's data-mode, so the t key
// flips hundreds of steps without a React render.
// `defer`: see MathMarkdown (the later steps of a long trace, on client-side navigation).
// `rendered`: what to render when it differs from the text shown raw (a bare-LaTeX answer).
export function DualText({
  text,
  empty = "(empty)",
  defer = false,
  rendered = text,
}: {
  text: string;
  empty?: string;
  defer?: boolean;
  rendered?: string;
}) {
  return (
    <>
      <div className="dual-rendered">
        {text === "" ? (
          <span className="text-xs italic text-slate-400">{empty}</span>
        ) : (
          <MathMarkdown text={rendered} defer={defer} />
        )}
      </div>
      <pre className="dual-raw">{text}</pre>
    </>
  );
}
