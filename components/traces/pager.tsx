import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Cursor pagination links; `search` is the filter query string ("" or "?a=b"). */
export function Pager({ base, search, prevCursor, nextCursor, from, to, total }: {
  base: string; search: string; prevCursor: string | null; nextCursor: string | null; from: number; to: number; total: number;
}) {
  const href = (cursor: string, prev: boolean) => {
    const p = new URLSearchParams(search);
    p.set("cursor", cursor);
    if (prev) p.set("dir", "prev");
    return `${base}?${p.toString()}`;
  };
  const off = buttonClass("secondary", "xs", "pointer-events-none opacity-40");
  return (
    <div className="flex items-center justify-end gap-2 text-xs text-slate-600">
      <span className="tabular-nums">{total === 0 ? "0" : `${from.toLocaleString("en")}–${to.toLocaleString("en")}`} of {total.toLocaleString("en")}</span>
      {prevCursor ? <Link href={href(prevCursor, true)} rel="prev" className={buttonClass("secondary", "xs")}>← prev</Link> : <span aria-disabled className={off}>← prev</span>}
      {nextCursor ? <Link href={href(nextCursor, false)} rel="next" className={buttonClass("secondary", "xs")}>next →</Link> : <span aria-disabled className={off}>next →</span>}
    </div>
  );
}
