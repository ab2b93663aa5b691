/**
 * The version of public data in this process: bumped by every committed write that may change anything
 * public (src/server/cache.ts bumpDataVersion). Two caches follow it — the read-model cache inside the app
 * (src/server/cache.ts) and the page cache of the HTTP server (scripts/serve.ts), which lives outside
 * Next.js's bundles. Each has its own copy of this module, so the state is kept on globalThis under a
 * registered symbol, the one thing both copies share.
 */
export interface PublicDataState {
  version: number;
  /** false in tests that write behind the use-cases' back: nothing public may be served from memory */
  enabled: boolean;
}

const KEY = Symbol.for("liaison.publicDataState");

export function publicDataState(): PublicDataState {
  const holder = globalThis as unknown as Record<symbol, PublicDataState | undefined>;
  holder[KEY] ??= { version: 0, enabled: true };
  return holder[KEY];
}
