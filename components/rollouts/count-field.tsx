"use client";

/** A small whole-number field of the dataset jobs bar ("K", "N", "Limit"): the typed text as it is. */
export function CountField({
  label,
  name,
  title,
  value,
  onChange,
  max,
  placeholder,
}: {
  label: string; // shown beside the field
  name: string; // its accessible name
  title?: string;
  value: string;
  onChange: (v: string) => void;
  max?: number;
  placeholder?: string;
}) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600" title={title}>
      {label}{" "}
      <input
        aria-label={name}
        type="number"
        min={1}
        max={max}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-6 w-16 rounded border border-slate-300 px-1"
      />
    </label>
  );
}

/** One job of the dataset jobs bar: its name, then its fields and button. */
export function JobRow({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="font-medium text-slate-700">{title}</span>
      {children}
    </div>
  );
}
