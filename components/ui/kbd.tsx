import type { ReactNode } from "react";

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="inline-flex min-w-5 items-center justify-center rounded border border-slate-300 border-b-2 bg-white px-1 font-mono text-[11px] leading-4 text-slate-700">
      {children}
    </kbd>
  );
}
