import { MathMarkdown } from "@/components/math/math-markdown";

// Rendered and raw forms of one untrusted text. Which one shows is decided by CSS from the
// review shell's data-mode, so the t key flips hundreds of steps without a React render.
export function DualText({ text, empty = "(empty)" }: { text: string; empty?: string }) {
  return (
    <>
      <div className="min-w-0 break-words group-data-[mode=raw]/review:hidden">
        {text === "" ? <span className="text-xs italic text-slate-400">{empty}</span> : <MathMarkdown text={text} />}
      </div>
      <pre className="hidden min-w-0 whitespace-pre-wrap break-words font-mono text-[13px] group-data-[mode=raw]/review:block">{text}</pre>
    </>
  );
}
