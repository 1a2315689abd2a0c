"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "./cn";

/** A modal on the native <dialog>: Escape and a click on the backdrop close it. */
export function Dialog({
  open,
  onClose,
  title,
  children,
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className={cn("m-auto max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/30", className)}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <button
          type="button"
          aria-label="Close"
          onClick={onClose}
          className="rounded px-1 text-slate-500 hover:bg-slate-100"
        >
          ×
        </button>
      </div>
      <div className="p-4 text-sm">{children}</div>
    </dialog>
  );
}
