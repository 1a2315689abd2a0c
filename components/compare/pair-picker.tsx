/** GET form choosing the base model (A) and the other model (B); the choice lives in the URL. */
export function PairPicker({ models, a, b }: { models: string[]; a: string; b: string }) {
  const sel = "h-7 rounded-md border border-slate-300 bg-white px-2 font-mono text-xs";
  return (
    <form
      className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm"
      method="get"
    >
      <label className="flex items-center gap-1">
        Base (A)
        <select name="a" defaultValue={a} className={sel}>
          {models.map((m) => (
            <option key={m} value={m}>
              {m || "(unknown)"}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        vs (B)
        <select name="b" defaultValue={b} className={sel}>
          {models.map((m) => (
            <option key={m} value={m}>
              {m || "(unknown)"}
            </option>
          ))}
        </select>
      </label>
      <button className="h-7 rounded-md border border-slate-300 px-2.5 text-sm hover:bg-slate-50" type="submit">
        Compare
      </button>
    </form>
  );
}
