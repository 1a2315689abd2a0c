/** A handler's parsed params, once per job (items of a job share them). */
export function paramsPerJob<T>(
  parse: (raw: Record<string, unknown>) => T,
): (raw: Record<string, unknown>, jobId: string) => T {
  const parsed = new Map<string, T>();
  return (raw, jobId) => {
    let p = parsed.get(jobId);
    if (p === undefined) {
      p = parse(raw);
      parsed.set(jobId, p);
      if (parsed.size > 200) parsed.delete(parsed.keys().next().value as string);
    }
    return p;
  };
}
