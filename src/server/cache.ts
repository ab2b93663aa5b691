import "server-only";
import { publicDataState } from "@/lib/public-data-version";

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
const holder = globalThis as unknown as { __publicCacheEntries?: Map<string, Entry> };
const entries = () => {
  holder.__publicCacheEntries ??= new Map();
  return holder.__publicCacheEntries;
};

/** Tests that write to the database behind the use-cases' back turn the cache off (or on again). */
export function setPublicCacheEnabled(enabled: boolean): void {
  publicDataState().enabled = enabled;
  entries().clear();
}

/** Call after a committed write that may change anything public (also drops the server's cached pages). */
export function bumpDataVersion(): void {
  publicDataState().version++;
  entries().clear();
}

export async function cachedPublic<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const shared = publicDataState();
  if (!shared.enabled) return load();
  const map = entries();
  const now = Date.now();
  const hit = map.get(key);
  if (hit && hit.version === shared.version && hit.expires > now) {
    // Refresh recency for the LRU eviction below.
    map.delete(key);
    map.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = load();
  const entry: Entry = { version: shared.version, expires: now + ttlMs, value };
  map.set(key, entry);
  // A failed load is not cached.
  value.catch(() => {
    if (map.get(key) === entry) map.delete(key);
  });
  while (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  return value;
}
