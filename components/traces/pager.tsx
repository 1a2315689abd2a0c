import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { countText } from "@/lib/core/count-text";

/** The list page before or after a cursor, with the same filters (`search`: "" or "?a=b"). */
export function pageHref(base: string, search: string, cursor: string | null, prev: boolean): string | null {
  if (!cursor) return null;
  const p = new URLSearchParams(search);
  p.delete("cursor");
  p.delete("dir");
  p.set("cursor", cursor);
  if (prev) p.set("dir", "prev");
  return `${base}?${p.toString()}`;
}

/** Cursor pagination links; `search` is the filter query string ("" or "?a=b"). */
export function Pager({
  base,
  search,
  prevCursor,
  nextCursor,
  from,
  to,
  total,
  totalAtLeast = false,
}: {
  base: string;
  search: string;
  prevCursor: string | null;
  nextCursor: string | null;
  from: number;
  to: number;
  total: number;
  totalAtLeast?: boolean;
}) {
  const href = (cursor: string, prev: boolean) => pageHref(base, search, cursor, prev)!;
  const off = buttonClass("secondary", "xs", "pointer-events-none opacity-40");
  return (
    <div className="flex items-center justify-end gap-2 text-xs text-slate-600">
      <span className="tabular-nums">
        {total === 0 ? "0" : `${from.toLocaleString("en")}–${to.toLocaleString("en")}`} of{" "}
        {countText(total, totalAtLeast)}
      </span>
      {prevCursor ? (
        <Link href={href(prevCursor, true)} rel="prev" className={buttonClass("secondary", "xs")}>
          ← prev
        </Link>
      ) : (
        <span aria-disabled className={off}>
          ← prev
        </span>
      )}
      {nextCursor ? (
        <Link href={href(nextCursor, false)} rel="next" className={buttonClass("secondary", "xs")}>
          next →
        </Link>
      ) : (
        <span aria-disabled className={off}>
          next →
        </span>
      )}
    </div>
  );
}
