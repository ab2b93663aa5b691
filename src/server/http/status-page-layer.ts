/**
 * The layer of the app's HTTP server (scripts/serve.ts) that makes every error page a page. When a page calls
 * notFound() or forbidden(), or throws, Next.js 16 answers a browser's request with an empty "error shell"
 * (`<html id="__next_error__">`, no header, no text) whose content only its scripts render
 * (vercel/next.js#62228) — a blank page without JavaScript, and always blank for anonymous visitors, whose
 * public pages carry no scripts (ADR 008). This layer recognizes that answer and sends, with the same
 * status, the status page rendered by the app itself (src/app/error-page): the site's header and navigation
 * for this visitor, and a message that says what happened and what to do (docs/decisions/014-status-pages.md).
 *
 * Every other response passes through untouched and unbuffered: only HTML answers with an error status are
 * held, and they are small.
 */
import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import zlib from "node:zlib";
import { type PageStatus, statusPageContent } from "@/lib/status-pages";
import { scriptFreePolicy, toScriptFreeDocument } from "./public-pages";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** The route that renders status pages (src/app/error-page/[status]/page.tsx). */
export const STATUS_PAGE_ROUTE = "/error-page";
/** Marks the layer's own requests for the status page route; anyone else asking gets a 404 page. */
export const STATUS_TOKEN_HEADER = "x-liaison-status-page";

export interface StatusPage {
  headers: Record<string, string>;
  body: string;
}

/** Renders the status page for this visitor and path, or null when it cannot (the fallback page is sent). */
export type StatusPageRenderer = (status: PageStatus, path: string, req: IncomingMessage) => Promise<StatusPage | null>;

export interface StatusPageLayerOptions {
  next: RequestHandler;
  render: StatusPageRenderer;
  /** the secret the renderer sends in STATUS_TOKEN_HEADER */
  token: string;
  onError?: (error: unknown) => void;
}

// ---------------------------------------------------------------------------------------------------------
// Pure parts
// ---------------------------------------------------------------------------------------------------------

/** A browser asking for a document (not a client-side navigation's RSC fetch, a prefetch or a server action). */
export function isDocumentRequest(req: { method?: string | undefined; headers: IncomingMessage["headers"] }): boolean {
  if (req.method !== "GET") return false;
  const { headers } = req;
  return (
    headers.rsc === undefined && headers["next-router-prefetch"] === undefined && headers["next-action"] === undefined
  );
}

/** The statuses whose HTML answer may be Next.js's error shell, and the page that answers each. */
export function statusPageFor(status: number): PageStatus | null {
  if (status === 404) return 404;
  if (status === 401 || status === 403) return 403;
  if (status >= 500 && status <= 599) return 500;
  return null;
}

/** Next.js's error shell: the document whose content only its scripts render. */
export function isErrorShell(html: string): boolean {
  return /^\s*(?:<!DOCTYPE html>)?\s*<html\b[^>]*\bid="__next_error__"/i.test(html.slice(0, 500));
}

/** The body as text, undoing the compression Next.js (or the public page layer) applied; null if unknown. */
export function decodeBody(body: Buffer, encoding: string | undefined): string | null {
  try {
    switch ((encoding ?? "identity").trim().toLowerCase()) {
      case "identity":
      case "":
        return body.toString("utf8");
      case "gzip":
      case "x-gzip":
        return zlib.gunzipSync(body).toString("utf8");
      case "deflate":
        return zlib.inflateSync(body).toString("utf8");
      case "br":
        return zlib.brotliDecompressSync(body).toString("utf8");
      default:
        return null;
    }
  } catch {
    return null;
  }
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/**
 * The page sent when the app cannot render its own status page (e.g. the database is down, which is often
 * why there is a 500): self-contained, no script, still with the site's name and the public navigation.
 */
export function fallbackStatusPage(status: PageStatus, path: string): StatusPage {
  const content = statusPageContent({ status, path, signedIn: false });
  const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(content.title)} · Liaison Statements</title>
<style>body{margin:0;font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a}header{background:#123a5d;color:#fff}
header a{color:#fff}.bar,main{max-width:72rem;margin:0 auto;padding:.75rem 1rem}nav{background:#184c7a}
nav ul{display:flex;gap:1.25rem;list-style:none;margin:0 auto;max-width:72rem;padding:.5rem 1rem}a{color:#184c7a}</style>
</head><body><header><div class="bar">${link("/", "Liaison Statements")} · ${link(
    `/sign-in?callbackUrl=${encodeURIComponent(path.startsWith("/") && !path.startsWith("//") ? path : "/")}`,
    "Sign in",
  )}</div>
<nav aria-label="Main"><ul><li>${link("/statements", "Statements")}</li><li>${link("/directory", "Directory")}</li></ul></nav></header>
<main id="main"><h1>${escapeHtml(content.heading)}</h1>${content.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}
${content.suggestion ? `<p>${escapeHtml(content.suggestion.text)} ${link(content.suggestion.href, content.suggestion.label)}.</p>` : ""}</main>
</body></html>`;
  return {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
    },
    body,
  };
}

/** Headers of the rendered status page that are kept (security headers; never its cookies or length). */
const KEPT_HEADERS = [
  "content-type",
  "content-security-policy",
  "referrer-policy",
  "x-content-type-options",
  "x-frame-options",
  "permissions-policy",
];

/** A rendered status page → the script-free document sent in place of the error shell, or null. */
export function toStatusPage(status: number, headers: IncomingMessage["headers"], html: string): StatusPage | null {
  if (status !== 200 || !String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const document = toScriptFreeDocument(html);
  if (document === null) return null;
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") kept[name] = value;
  }
  if (kept["content-security-policy"])
    kept["content-security-policy"] = scriptFreePolicy(kept["content-security-policy"]);
  return { headers: kept, body: document };
}

// ---------------------------------------------------------------------------------------------------------
// The renderer: the app's own status page route, asked over the loopback interface as this visitor
// ---------------------------------------------------------------------------------------------------------

export function loopbackStatusPages({
  port,
  token,
  timeoutMs = 10_000,
}: {
  port: number;
  token: string;
  timeoutMs?: number;
}): StatusPageRenderer {
  return (status, path, req) =>
    new Promise((resolve) => {
      const headers: OutgoingHttpHeaders = {
        accept: "text/html",
        "accept-encoding": "identity",
        [STATUS_TOKEN_HEADER]: token,
      };
      // As this visitor: the header shows who is signed in and the navigation their roles allow.
      if (req.headers.cookie) headers.cookie = req.headers.cookie;
      const request = http.get(
        {
          host: "127.0.0.1",
          port,
          path: `${STATUS_PAGE_ROUTE}/${status}?path=${encodeURIComponent(path)}`,
          headers,
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve(toStatusPage(response.statusCode ?? 0, response.headers, Buffer.concat(chunks).toString("utf8"))),
          );
          response.on("error", () => resolve(null));
        },
      );
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve(null));
    });
}

// ---------------------------------------------------------------------------------------------------------
// The layer
// ---------------------------------------------------------------------------------------------------------

function headerText(value: number | string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

function sendStatusPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  page: StatusPage,
  keepCookies: unknown,
) {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
  // A cookie the original answer set (e.g. a refreshed session) still applies.
  if (keepCookies !== undefined) res.setHeader("set-cookie", keepCookies as string[]);
  res.setHeader("cache-control", "private, no-store");
  res.setHeader("vary", "Cookie");
  const body = Buffer.from(page.body, "utf8");
  res.statusCode = status;
  res.setHeader("content-length", body.byteLength);
  res.end(req.method === "HEAD" ? undefined : body);
}

export function createStatusPageLayer({ next, render, token, onError }: StatusPageLayerOptions): RequestHandler {
  const statusPage = async (status: PageStatus, path: string, req: IncomingMessage): Promise<StatusPage> => {
    try {
      const page = await render(status, path, req);
      if (page) return page;
    } catch (error) {
      onError?.(error);
    }
    return fallbackStatusPage(status, path);
  };

  return async function handle(req, res) {
    const url = req.url ?? "/";
    if (req.headers[STATUS_TOKEN_HEADER] === token) return next(req, res);
    delete req.headers[STATUS_TOKEN_HEADER];
    const pathname = url.split(/[?#]/, 1)[0] ?? "/";
    if (pathname === STATUS_PAGE_ROUTE || pathname.startsWith(`${STATUS_PAGE_ROUTE}/`)) {
      // The route renders whatever status it is asked for, with 200: from outside it does not exist.
      return sendStatusPage(req, res, 404, await statusPage(404, url, req), undefined);
    }
    if (!isDocumentRequest(req)) return next(req, res);

    const original = { writeHead: res.writeHead, write: res.write, end: res.end, flushHeaders: res.flushHeaders };
    const state: { mode: "undecided" | "pass" | "hold" } = { mode: "undecided" };
    const chunks: Buffer[] = [];
    // Resolved once the answer passed through (decided at its first byte) or a held answer ended.
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    const restore = () => Object.assign(res, original);
    const decide = (status = res.statusCode, headers?: OutgoingHttpHeaders) => {
      if (state.mode !== "undecided") return;
      const type = headerText(headers?.["content-type"] ?? res.getHeader("content-type"));
      if (statusPageFor(status) && type.startsWith("text/html")) {
        state.mode = "hold";
      } else {
        // The wrappers stay and hand everything on: restoring the methods now would also undo wrappers Next.js
        // put on top of them since (its compression does that).
        state.mode = "pass";
        finished();
      }
    };
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
            : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"),
      );
    };

    res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
      const raw = rest.find((r) => r !== null && typeof r === "object") as OutgoingHttpHeaders | unknown[] | undefined;
      const headers: OutgoingHttpHeaders = {};
      if (Array.isArray(raw)) {
        for (let i = 0; i + 1 < raw.length; i += 2) headers[String(raw[i]).toLowerCase()] = raw[i + 1] as string;
      } else if (raw) {
        for (const [name, value] of Object.entries(raw)) headers[name.toLowerCase()] = value;
      }
      decide(status, headers);
      if (state.mode === "pass")
        return original.writeHead.apply(res, [status, ...rest] as Parameters<ServerResponse["writeHead"]>);
      res.statusCode = status;
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
      return res;
    } as ServerResponse["writeHead"];
    res.flushHeaders = () => {
      decide();
      if (state.mode === "pass") original.flushHeaders.call(res);
    };
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      decide();
      if (state.mode === "pass")
        return (original.write as (...args: unknown[]) => boolean).call(res, chunk, encoding, callback);
      collect(chunk, encoding);
      const cb = typeof encoding === "function" ? encoding : callback;
      if (typeof cb === "function") queueMicrotask(() => cb());
      return true;
    }) as ServerResponse["write"];
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      decide();
      if (state.mode === "pass")
        return (original.end as (...args: unknown[]) => ServerResponse).call(res, chunk, encoding, callback);
      collect(chunk, encoding);
      const cb = [chunk, encoding, callback].find((a) => typeof a === "function");
      finished();
      if (typeof cb === "function") queueMicrotask(() => (cb as () => void)());
      return res;
    }) as ServerResponse["end"];
    res.once("close", () => finished());

    // Not awaited first: Next.js may wait for the response to finish, which a held answer does only below.
    const rendering = Promise.resolve().then(() => next(req, res));
    rendering.catch(() => finished());
    await done;
    if (state.mode !== "hold") return rendering;
    rendering.catch((error: unknown) => onError?.(error));
    restore();
    if (res.destroyed || res.writableEnded) return;
    const status = res.statusCode;
    const body = Buffer.concat(chunks);
    const html = decodeBody(body, headerText(res.getHeader("content-encoding")) || undefined);
    const page = statusPageFor(status);
    if (page === null || html === null || !isErrorShell(html)) {
      res.end(body);
      return;
    }
    sendStatusPage(req, res, status, await statusPage(page, url, req), res.getHeader("set-cookie"));
  };
}
