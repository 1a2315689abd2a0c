"use client";
import { useRef, type ReactNode } from "react";
import { toCsv } from "@/lib/core/compare/csv";
import { Button } from "@/components/ui/button";
import { downloadCsv, downloadPng, downloadSvg } from "./download";

export type CsvRow = Record<string, string | number | null>;

/** A titled plot with PNG / SVG / CSV downloads of that plot and its data. */
export function ChartCard({
  title,
  name,
  note,
  csv,
  children,
  empty,
}: {
  title: string;
  name: string;
  note?: ReactNode;
  csv: CsvRow[];
  children: ReactNode;
  empty?: string | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const svg = () => ref.current?.querySelector<SVGSVGElement>("svg[data-chart]") ?? null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3" aria-label={title}>
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold">{title}</h2>
          {note && <p className="text-xs text-slate-500">{note}</p>}
        </div>
        {!empty && (
          <div className="flex gap-1">
            <Button
              size="xs"
              aria-label={`Download ${title} as PNG`}
              onClick={() => {
                const s = svg();
                if (s) void downloadPng(s, name);
              }}
            >
              PNG
            </Button>
            <Button
              size="xs"
              aria-label={`Download ${title} as SVG`}
              onClick={() => {
                const s = svg();
                if (s) downloadSvg(s, name);
              }}
            >
              SVG
            </Button>
            <Button
              size="xs"
              aria-label={`Download ${title} data as CSV`}
              onClick={() => downloadCsv(toCsv(csv), name)}
            >
              CSV
            </Button>
          </div>
        )}
      </div>
      {empty ? (
        <p className="py-10 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <div ref={ref} className="overflow-x-auto">
          {children}
        </div>
      )}
    </section>
  );
}
