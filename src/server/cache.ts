import "server-only";

/**
 * A small in-process cache for PUBLIC read models (archive list, search, API, directory), so that anonymous
 * traffic does not queue on the database — the embedded PGlite serves one query at a time.
 *
 * Correctness: every committed write in this process bumps the data version (statement transactions,
 * administration), which invalidates everything at once; entries also expire after their TTL, which bounds
 * staleness when several app processes share one PostgreSQL database. Never cache per-user data here.
 * See docs/decisions/007-public-read-cache.md.
 */
interface Entry {
  version: number;
  expires: number;
  value: Promise<unknown>;
}

const MAX_ENTRIES = 1000;
const state = globalThis as unknown as {
  __publicCache?: { version: number; entries: Map<string, Entry>; enabled: boolean };
};
const store = () => {
  state.__publicCache ??= { version: 0, entries: new Map(), enabled: true };
  return state.__publicCache;
};

/** Tests that write to the database behind the use-cases' back turn the cache off (or on again). */
export function setPublicCacheEnabled(enabled: boolean): void {
  store().enabled = enabled;
  store().entries.clear();
}

/** Call after a committed write that may change anything public. */
export function bumpDataVersion(): void {
  const s = store();
  s.version++;
  s.entries.clear();
}

export async function cachedPublic<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const s = store();
  if (!s.enabled) return load();
  const now = Date.now();
  const hit = s.entries.get(key);
  if (hit && hit.version === s.version && hit.expires > now) {
    // Refresh recency for the LRU eviction below.
    s.entries.delete(key);
    s.entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = load();
  const entry: Entry = { version: s.version, expires: now + ttlMs, value };
  s.entries.set(key, entry);
  // A failed load is not cached.
  value.catch(() => {
    if (s.entries.get(key) === entry) s.entries.delete(key);
  });
  while (s.entries.size > MAX_ENTRIES) {
    const oldest = s.entries.keys().next().value;
    if (oldest === undefined) break;
    s.entries.delete(oldest);
  }
  return value;
}
