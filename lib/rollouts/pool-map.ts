/** Run `fn` over `items` with at most `limit` in flight; the first rejection is rethrown after all settle. */
export async function poolMap<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let error: unknown = null;
  const worker = async () => {
    while (next < items.length && error === null) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        error ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (error !== null) throw error;
}
