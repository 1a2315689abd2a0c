"use client";

// Per-run sampling (paper defaults, method.md §2); empty fields fall back to the defaults.
export type SamplingText = { temperature: string; top_p: string; top_k: string; max_tokens: string };
export const SAMPLING_DEFAULTS: SamplingText = { temperature: "0.7", top_p: "0.8", top_k: "20", max_tokens: "16384" };

const LABELS: Record<keyof SamplingText, string> = {
  temperature: "Temperature",
  top_p: "Top-p",
  top_k: "Top-k",
  max_tokens: "Max tokens",
};
const STEP: Record<keyof SamplingText, string> = { temperature: "0.05", top_p: "0.05", top_k: "1", max_tokens: "1" };

/** Only the fields that were filled, as numbers (the server validates ranges). */
export function samplingValue(s: SamplingText): Partial<Record<keyof SamplingText, number>> {
  const out: Partial<Record<keyof SamplingText, number>> = {};
  for (const k of Object.keys(s) as (keyof SamplingText)[]) if (s[k].trim() !== "") out[k] = Number(s[k]);
  return out;
}

export function SamplingFields({ value, onChange }: { value: SamplingText; onChange: (v: SamplingText) => void }) {
  return (
    <fieldset className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
      <legend className="sr-only">Sampling</legend>
      {(Object.keys(LABELS) as (keyof SamplingText)[]).map((k) => (
        <label key={k} className="flex items-center gap-1">
          {LABELS[k]}
          <input
            type="number"
            step={STEP[k]}
            aria-label={LABELS[k]}
            value={value[k]}
            placeholder={SAMPLING_DEFAULTS[k]}
            onChange={(e) => onChange({ ...value, [k]: e.target.value })}
            className="h-6 w-20 rounded border border-slate-300 px-1"
          />
        </label>
      ))}
    </fieldset>
  );
}
