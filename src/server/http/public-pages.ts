/**
 * Public pages as documents: what an anonymous visitor gets on the archive's read-only pages (the home page,
 * /statements, /statements/<id>, /directory, /directory/<org>) is the same for every anonymous visitor, needs
 * no JavaScript (every control is a link or a GET form), and changes only when public data changes. So the
 * app's own HTTP server (scripts/serve.ts) serves those pages script-free and from memory — see
 * docs/decisions/008-script-free-public-pages.md.
 *
 * This module holds the pure parts: which requests qualify, how a rendered page becomes a script-free
 * document, and the bounded cache. It runs in the serving process outside Next.js's bundles (no
 * `server-only`, no app imports) and learns about writes through the shared data version (public-data-version.ts).
 */

/** The read-only public pages, by path (query strings are part of the cache key, not of this test). */
const PUBLIC_PAGE_PATHS = [
  /^\/$/,
  /^\/statements$/,
  /^\/statements\/\d{1,12}$/,
  /^\/directory$/,
  /^\/directory\/[^/]{1,64}$/,
];

export function isPublicPagePath(pathname: string): boolean {
  return PUBLIC_PAGE_PATHS.some((pattern) => pattern.test(pathname));
}

/**
 * next-auth's session cookie, plain or `__Secure-`. Its reader (SessionStore) takes every cookie whose name
 * STARTS with the configured name as a chunk of the token — `liaison.session.0`, but also `liaison.session.x`
 * or `liaison.sessionZ` — so this is a prefix too.
 */
const SESSION_COOKIE_PREFIXES = ["liaison.session", "__Secure-liaison.session"];

/**
 * True when the Cookie header carries what next-auth would read as a session: such a visitor gets the full
 * app, not the anonymous page. (What the layer keeps for everyone is rendered without any cookie anyway.)
 */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => {
    const name = pair.split("=", 1)[0]?.trim() ?? "";
    return SESSION_COOKIE_PREFIXES.some((prefix) => name.startsWith(prefix));
  });
}

/**
 * The request headers a page kept for every anonymous visitor is rendered with: the visitor's credentials
 * removed, so no cookie name, header or later auth change can make that render a signed-in one.
 */
const CREDENTIAL_HEADERS = ["cookie", "authorization", "proxy-authorization"];

export function withoutCredentials<T extends Record<string, unknown>>(headers: T): T {
  const copy = { ...headers };
  for (const name of CREDENTIAL_HEADERS) delete copy[name];
  return copy;
}

export interface RequestFacts {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A request for a public page by an anonymous visitor, as a browser navigation: not a React Server
 * Components fetch (client-side navigation of a signed-in session), not a server action, not a prefetch.
 */
export function isAnonymousPageRequest(request: RequestFacts): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (!request.url) return false;
  const { headers } = request;
  if (
    headers.rsc !== undefined ||
    headers["next-action"] !== undefined ||
    headers["next-router-prefetch"] !== undefined
  )
    return false;
  const cookie = headers.cookie;
  if (hasSessionCookie(Array.isArray(cookie) ? cookie.join("; ") : cookie)) return false;
  let pathname: string;
  try {
    pathname = new URL(request.url, "http://localhost").pathname;
  } catch {
    return false;
  }
  return isPublicPagePath(pathname);
}

// ---------------------------------------------------------------------------------------------------------
// Rendered page → script-free document
// ---------------------------------------------------------------------------------------------------------

const SCRIPT_ELEMENT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
const SCRIPT_PRELOAD =
  /<link\b(?=[^>]*\brel="(?:preload|modulepreload)")(?=[^>]*\bas="script")[^>]*>|<link\b(?=[^>]*\brel="modulepreload")[^>]*>/gi;
const NONCE_ATTRIBUTE = /\snonce="[^"]*"/g;
/**
 * Markers of streamed content: React sends a Suspense boundary's content later in a hidden element and
 * moves it into place with a script. Without scripts such a page would be incomplete, so it is left alone.
 */
const STREAMING_MARKERS = /<template\s+id="[BP]:|<div\s+hidden\s+id="S:|\$RC\(|\$RS\(/;

/**
 * The page without scripts: every <script> element and script preload removed. React escapes `<` inside
 * inline scripts' data (`\u003c`), so an element always ends at the first `</script>`. Returns null when
 * the page cannot stand without its scripts (streamed Suspense content) — it is then served unchanged.
 */
export function toScriptFreeDocument(html: string): string | null {
  if (STREAMING_MARKERS.test(html)) return null;
  // The render's nonce (also on stylesheet links) would be meaningless under script-src 'none': drop it.
  // React escapes quotes in attribute values and text, so ` nonce="` only ever starts a real attribute.
  return html.replace(SCRIPT_ELEMENT, "").replace(SCRIPT_PRELOAD, "").replace(NONCE_ATTRIBUTE, "");
}

/**
 * The page's Content-Security-Policy with scripts forbidden altogether (the nonce of the render is
 * dropped: the document carries no script for it to allow).
 */
export function scriptFreePolicy(policy: string): string {
  const directives = policy
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !/^script-src(-elem|-attr)?\s/i.test(d) && !/^script-src(-elem|-attr)?$/i.test(d));
  return [...directives, "script-src 'none'"].join("; ");
}

// ---------------------------------------------------------------------------------------------------------
// The cache
// ---------------------------------------------------------------------------------------------------------

export interface CachedPage {
  status: number;
  /** response headers as sent for this page (lower-case names; no content-length/encoding) */
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  /** the public data version the page was rendered at */
  version: number;
  expires: number;
}

export interface PageCacheOptions {
  ttlMs: number;
  maxBytes: number;
  maxEntries: number;
  now?: () => number;
}

/** URL → page, invalidated by data version and TTL, bounded in entries and bytes (least recently used out). */
export class PageCache {
  readonly #entries = new Map<string, CachedPage>();
  #bytes = 0;
  readonly #options: Required<PageCacheOptions>;

  constructor(options: PageCacheOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get ttlMs(): number {
    return this.#options.ttlMs;
  }

  now(): number {
    return this.#options.now();
  }

  get(key: string, version: number): CachedPage | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.expires <= this.#options.now()) {
      this.#delete(key, entry);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, page: CachedPage): void {
    const size = page.body.byteLength + page.gzip.byteLength;
    if (size > this.#options.maxBytes / 4) return; // one page never crowds out the rest
    const existing = this.#entries.get(key);
    if (existing) this.#delete(key, existing);
    this.#entries.set(key, page);
    this.#bytes += size;
    while (this.#entries.size > this.#options.maxEntries || this.#bytes > this.#options.maxBytes) {
      const [oldestKey, oldest] = this.#entries.entries().next().value ?? [];
      if (oldestKey === undefined || oldest === undefined) break;
      this.#delete(oldestKey, oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #delete(key: string, entry: CachedPage): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength + entry.gzip.byteLength;
  }
}

/** Does the client accept gzip (RFC 9110 §12.5.3: a q=0 refuses it)? */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  for (const part of value.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q && Number(q.slice(2)) === 0) {
      if (coding === "gzip") return false;
      continue;
    }
    return true;
  }
  return false;
}

/** If-None-Match against our (weak) ETag: `*`, or any listed tag equal under weak comparison. */
export function etagMatches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const value = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(",") : ifNoneMatch;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return value.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}
