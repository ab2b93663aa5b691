/**
 * The layer of the app's HTTP server (scripts/serve.ts) in front of Next.js's request handler that serves
 * public pages to anonymous visitors as script-free documents, from memory when nothing public changed
 * (docs/decisions/008-script-free-public-pages.md). Every other request goes to Next.js untouched.
 *
 * A miss lets Next.js render the page as usual (proxy, security headers, layout) into a buffer instead of
 * the socket, removes its scripts and their nonce from document and policy, and keeps the result for the
 * TTL or until the next write; concurrent misses for the same URL wait for one render.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { PublicDataState } from "@/lib/public-data-version";
import {
  acceptsGzip,
  type CachedPage,
  etagMatches,
  isAnonymousPageRequest,
  type PageCache,
  scriptFreePolicy,
  toScriptFreeDocument,
  withoutCredentials,
} from "./public-pages";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface PublicPageLayerOptions {
  /** Next.js's handler */
  next: RequestHandler;
  cache: PageCache;
  data: () => PublicDataState;
  /** where an unexpected failure of the layer is reported (the request then goes to Next.js directly) */
  onError?: (error: unknown) => void;
  /**
   * Send `x-page-cache: hit|miss` (tests only): it tells a visitor whether someone else asked for the same
   * URL, e.g. a search, within the TTL, so production never sends it.
   */
  cacheStatusHeader?: boolean;
}

interface Rendered {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Headers that describe the bytes on the wire: recomputed for what we send. */
const WIRE_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "etag",
  "vary",
]);

/**
 * Runs Next.js's handler with the response captured in memory. The socket sees nothing until the caller
 * sends the result. Next.js writes through writeHead/setHeader/write/end (and flushHeaders when streaming);
 * those are diverted on this response object only.
 */
function renderToBuffer(
  next: RequestHandler,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ rendered: Rendered; restore: () => void }> {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const restore = () => Object.assign(res, original);
  const chunks: Buffer[] = [];
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

  return new Promise((resolve, reject) => {
    let ended = false;
    const finish = () => {
      if (ended) return;
      ended = true;
      const headers = res.getHeaders();
      resolve({ rendered: { status: res.statusCode, headers, body: Buffer.concat(chunks) }, restore });
    };
    res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
      res.statusCode = status;
      const headers = rest.find((r) => r !== null && typeof r === "object") as
        | OutgoingHttpHeaders
        | unknown[]
        | undefined;
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
      } else if (headers) {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      }
      return res;
    } as ServerResponse["writeHead"];
    res.flushHeaders = () => {};
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      const cb = typeof encoding === "function" ? encoding : callback;
      if (typeof cb === "function") queueMicrotask(() => cb());
      return true;
    }) as ServerResponse["write"];
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      if (typeof chunk === "function") {
        callback = chunk;
        chunk = undefined;
      }
      if (chunk !== undefined && chunk !== null) chunks.push(toBuffer(chunk, encoding));
      const cb = typeof encoding === "function" ? encoding : callback;
      finish();
      if (typeof cb === "function") queueMicrotask(() => cb());
      return res;
    }) as ServerResponse["end"];
    // A visitor who leaves mid-render closes the connection; Next.js then abandons the render and never
    // ends the response, so the capture ends here instead (and nobody waits on it any longer).
    // One who left before this point (a slow start under load, a layer in front that awaited something)
    // already had its "close": waiting for it would hold every later visitor of the URL forever.
    if (res.destroyed || res.closed || req.socket.destroyed) {
      ended = true;
      restore();
      reject(new ClientGoneError());
      return;
    }
    res.once("close", () => {
      if (ended) return;
      ended = true;
      restore();
      reject(new ClientGoneError());
    });
    Promise.resolve(next(req, res)).then(
      // Next.js may return before the body is complete (streaming); `end` resolves the capture.
      () => undefined,
      (error) => {
        if (!ended) {
          ended = true;
          restore();
          reject(error);
        }
      },
    );
  });
}

class ClientGoneError extends Error {
  constructor() {
    super("The client closed the connection before the page was rendered");
  }
}

function headerString(value: OutgoingHttpHeaders[string]): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** A captured render → the document we serve (and may keep), or null to send the render as it came. */
function toPage(rendered: Rendered, version: number, expires: number): CachedPage | null {
  const type = headerString(rendered.headers["content-type"]) ?? "";
  if (!type.startsWith("text/html")) return null;
  if (headerString(rendered.headers["content-encoding"])) return null;
  const document = toScriptFreeDocument(rendered.body.toString("utf8"));
  if (document === null) return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rendered.headers)) {
    const text = headerString(value);
    if (text !== undefined && !WIRE_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = text;
  }
  const policy = headers["content-security-policy"];
  if (policy) headers["content-security-policy"] = scriptFreePolicy(policy);
  // The same URL answers signed-in visitors differently; shared caches must not mix them up.
  headers.vary = "Cookie, Accept-Encoding";
  headers["cache-control"] = "private, no-cache";
  const body = Buffer.from(document, "utf8");
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { status: rendered.status, headers, body, gzip: gzipSync(body, { level: 6 }), etag, version, expires };
}

function send(req: IncomingMessage, res: ServerResponse, page: CachedPage, state: "hit" | "miss" | undefined): void {
  res.statusCode = page.status;
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
  res.setHeader("etag", page.etag);
  if (state) res.setHeader("x-page-cache", state);
  if (page.status === 200 && etagMatches(req.headers["if-none-match"], page.etag)) {
    res.statusCode = 304;
    res.removeHeader("content-type");
    res.end();
    return;
  }
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  const body = gzip ? page.gzip : page.body;
  if (gzip) res.setHeader("content-encoding", "gzip");
  res.setHeader("content-length", body.byteLength);
  res.end(req.method === "HEAD" ? undefined : body);
}

function sendRendered(res: ServerResponse, rendered: Rendered): void {
  res.statusCode = rendered.status;
  for (const [name, value] of Object.entries(rendered.headers)) {
    if (value !== undefined && name.toLowerCase() !== "content-length" && name.toLowerCase() !== "transfer-encoding")
      res.setHeader(name, value);
  }
  res.setHeader("content-length", rendered.body.byteLength);
  res.end(rendered.body);
}

export function createPublicPageLayer(options: PublicPageLayerOptions): RequestHandler {
  const { next, cache, data } = options;
  const inflight = new Map<string, Promise<void>>();
  const hit = options.cacheStatusHeader ? "hit" : undefined;
  const miss = options.cacheStatusHeader ? "miss" : undefined;

  return async function handle(req, res) {
    if (!isAnonymousPageRequest(req)) return next(req, res);
    const state = data();
    const key = req.url as string;
    if (state.enabled) {
      const kept = cache.get(key, state.version);
      if (kept) return send(req, res, kept, hit);
      // Someone is rendering this URL right now: wait for it rather than render it again.
      const pending = inflight.get(key);
      if (pending) {
        await pending;
        const shared = cache.get(key, data().version);
        if (shared) return send(req, res, shared, hit);
      }
    }
    if (req.method === "HEAD") return next(req, res);

    // Render (the version is read before, so a write during the render makes the result stale at once).
    const version = state.version;
    let done: () => void = () => {};
    if (state.enabled && !inflight.has(key)) {
      inflight.set(
        key,
        new Promise<void>((resolve) => {
          done = () => {
            inflight.delete(key);
            resolve();
          };
        }),
      );
    }
    const visitorHeaders = req.headers;
    try {
      // The page is rendered as it is kept: for every anonymous visitor, so without this one's credentials.
      // Next.js would compress; the document is transformed first and compressed here.
      const { "accept-encoding": _compression, ...renderHeaders } = withoutCredentials(visitorHeaders);
      req.headers = renderHeaders;
      let captured: Awaited<ReturnType<typeof renderToBuffer>>;
      try {
        captured = await renderToBuffer(next, req, res);
      } catch (error) {
        if (error instanceof ClientGoneError) return; // nobody to answer
        throw error;
      } finally {
        req.headers = visitorHeaders;
      }
      captured.restore();
      const { rendered } = captured;
      let page: CachedPage | null = null;
      try {
        page = toPage(rendered, version, cache.now() + cache.ttlMs);
      } catch (error) {
        options.onError?.(error);
      }
      if (!page) return sendRendered(res, rendered);
      const cacheable = state.enabled && page.status === 200 && !rendered.headers["set-cookie"];
      if (cacheable) cache.set(key, page);
      send(req, res, page, miss);
    } finally {
      done();
    }
  };
}
