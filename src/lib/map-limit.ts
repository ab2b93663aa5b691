/**
 * Runs `work` on every item with at most `limit` at a time, results in input order. For work that waits on
 * the disk (fsync) or the database: a few at once keep it busy instead of waiting on each item in turn, while
 * what is in flight stays bounded by `limit`. The first failure rejects (after the items in flight settle).
 */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return results;
}
