/**
 * The first layer of the app's HTTP server (scripts/serve.ts), before the public page layer and Next.js:
 * refuses, with a 4xx and before any byte of the body is read, what Next.js would otherwise read in full or
 * answer with a 500 (issue 13, items 5 and 7):
 *
 * - a request path that is not valid percent-encoded UTF-8 (`/directory/%FF`): Next.js's decoding of route
 *   parameters throws → 400; a NUL character anywhere in the address (`/statements?q=%00`): PostgreSQL refuses
 *   it in text, the search failed with 500 → 400;
 * - a Host header that is not a valid host[:port] → 400 (RFC 9112 §3.2); a method the app does not serve
 *   (TRACE answered 500) → 405; a multipart post without a boundary (Next.js's form parser threw: 500) → 400;
 * - a state-changing request whose Origin is not this site (`Origin: null`, unparsable, another host): Next.js's
 *   server-action check throws → 403. "This site" is what Next.js compares with: X-Forwarded-Host, else Host;
 * - a request body larger than its sender may send: without a valid session (a made-up cookie counts as none)
 *   the anonymous forms' small limit, signed in the statement form's limit → 413, by Content-Length before
 *   reading and, for a chunked body, as soon as the bytes received pass it. Server actions read and parse the
 *   whole body before they look at the session, so this is the only place a limit can come first.
 *   (POST /statements/save checks the session and its own limit before reading; it is left to do so.)
 * - an anonymous body still arriving after a few seconds (a slow client holding the connection) → 408.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_ANONYMOUS_REQUEST_BYTES, MAX_FORM_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/upload-limits";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface RequestGuardOptions {
  next: RequestHandler;
  /** true when the Cookie header carries a session next-auth accepts (src/server/http/session-token.ts) */
  hasValidSession: (cookieHeader: string | string[] | undefined) => Promise<boolean>;
  /** body limits in bytes (defaults: src/lib/upload-limits.ts) */
  limits?: { anonymous: number; signedIn: number };
  /** how long an anonymous request body may take to arrive in full (default 10 s) */
  anonymousBodyTimeoutMs?: number;
}

/** Endpoints that check the session and their own limit before reading the body. */
const SELF_LIMITED_PATHS = new Set(["/statements/save"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Everything the app answers: pages and routes (GET/HEAD), server actions, sign-in and uploads (POST). */
const METHODS = new Set([...SAFE_METHODS, "POST"]);
const MULTIPART_WITHOUT_BOUNDARY = /^multipart\/form-data(?![\s\S]*;\s*boundary=(?:"[^"]+"|[^;\s]+))/i;

/** The decoded path of a request target, or null when it is not valid percent-encoded UTF-8. */
export function decodedPath(target: string | undefined): string | null {
  if (!target) return null;
  try {
    return decodeURIComponent(new URL(target, "http://localhost").pathname);
  } catch {
    return null;
  }
}

/** Is `origin` (an Origin header) one of `hosts`? `null`, opaque and unparsable origins are not. */
export function isAllowedOrigin(origin: string, hosts: readonly string[]): boolean {
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return hosts.some((host) => host.toLowerCase() === url.host.toLowerCase());
}

/** Is `host` (a Host header) a valid host[:port], as URL parsing would keep it (no userinfo, path, spaces …)? */
export function isValidHost(host: string): boolean {
  if (!URL.canParse(`http://${host}`)) return false;
  const parsed = new URL(`http://${host}`).host;
  const given = host.toLowerCase();
  return parsed === given || parsed === given.replace(/:80$/, "");
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** How long the rest of a refused body is read and dropped before the connection is closed anyway. */
const LINGER_MS = 5_000;

/**
 * A self-contained answer (no script, no outside resource) that says why. While the client may still be
 * sending the body, the connection is not closed at once: closing a socket with unread data resets it, and
 * the client would lose this answer. As nginx's lingering close does, the rest is read and dropped (never
 * kept) for a few seconds at most; "close" (a slow client) ends the connection with the answer.
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  after: "linger" | "close" = "linger",
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Liaison Statements</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#0f172a}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>
<p><a href="/">Liaison Statements</a></p></main></body></html>`;
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    // The connection ends after this answer whenever the body was not read whole: say so (RFC 9112 §9.6), or
    // a client reuses the connection for its next request and finds it closed under it.
    ...(after === "close" || !req.complete ? { connection: "close" } : {}),
    ...extraHeaders,
  });
  const lingering = after === "linger" && !req.complete;
  // On `Connection: close` Node ends the socket as soon as the answer is written, which resets it while the
  // client is still sending; lingering ends it below instead.
  if (lingering) (req.socket as { destroySoon?: () => void }).destroySoon = () => {};
  res.end(body);
  if (lingering) {
    const socket = req.socket;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  }
}

/**
 * Counts the body as the HTTP parser hands it over (IncomingMessage#push, before anyone buffers it) — from
 * the moment the request arrives, since bytes may come while the session is being checked. Once `limit`
 * says how much may come, anything past it is dropped and `onOverflow` answers: nothing past the limit
 * reaches Next.js.
 */
function countBody(req: IncomingMessage) {
  let seen = 0;
  let max = Number.POSITIVE_INFINITY;
  let overflow: () => void = () => {};
  let over = false;
  const exceed = () => {
    if (over) return;
    over = true;
    overflow();
  };
  const push = req.push;
  req.push = function countedPush(this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
    if (over) {
      // Past the limit the bytes are dropped as they come, and the reader (Next.js) never sees the body end
      // (a cut body must not parse as a whole one); once the client has sent it all, the connection closes.
      if (chunk === null) req.socket.destroy();
      return true;
    }
    if (chunk !== null && chunk !== undefined) {
      seen += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).byteLength;
      if (seen > max) {
        exceed();
        return true;
      }
    }
    return push.call(this, chunk, encoding);
  } as IncomingMessage["push"];
  return {
    /** Sets the limit; true when it is already passed (and `onOverflow` has answered). */
    limit(bytes: number, onOverflow: () => void): boolean {
      max = bytes;
      overflow = onOverflow;
      if (seen > max) exceed();
      return over;
    },
  };
}

export function createRequestGuard(options: RequestGuardOptions): RequestHandler {
  const limits = options.limits ?? { anonymous: MAX_ANONYMOUS_REQUEST_BYTES, signedIn: MAX_FORM_REQUEST_BYTES };
  const anonymousBodyTimeoutMs = options.anonymousBodyTimeoutMs ?? 10_000;
  const anonymousTooLarge = `Without signing in, a form may send at most ${limits.anonymous / 1024} KB. Nothing was processed.`;
  const signedInTooLarge =
    limits.signedIn === MAX_FORM_REQUEST_BYTES
      ? TOO_LARGE_MESSAGE
      : `A form may send at most ${Math.round(limits.signedIn / 1024)} KB. Nothing was saved.`;

  return async function guard(req, res) {
    if (/%00/.test(req.url ?? "")) {
      return refuse(req, res, 400, "Bad request", "This address is not valid: it contains a NUL character (%00).");
    }
    const path = decodedPath(req.url);
    if (path === null) {
      return refuse(req, res, 400, "Bad request", "This address is not valid: it has a malformed percent-encoding.");
    }
    const host = first(req.headers.host);
    if (host !== undefined && !isValidHost(host)) {
      return refuse(req, res, 400, "Bad request", "The request's Host header is not a valid host name.");
    }
    const method = req.method ?? "GET";
    if (!METHODS.has(method)) {
      return refuse(req, res, 405, "Method not allowed", `This site does not answer ${method} requests.`, "linger", {
        allow: [...METHODS].join(", "),
      });
    }
    if (SAFE_METHODS.has(method)) return options.next(req, res);
    if (MULTIPART_WITHOUT_BOUNDARY.test(first(req.headers["content-type"]) ?? "")) {
      return refuse(req, res, 400, "Bad request", "The form was sent as multipart/form-data without a boundary.");
    }
    // The upload endpoint checks the origin (it also admits APP_URL's host), the session and its own limit.
    if (SELF_LIMITED_PATHS.has(path)) return options.next(req, res);

    const body = countBody(req);
    const origin = first(req.headers.origin);
    if (origin !== undefined) {
      const site = (first(req.headers["x-forwarded-host"])?.split(",")[0] ?? first(req.headers.host) ?? "").trim();
      if (!isAllowedOrigin(origin, [site])) {
        return refuse(
          req,
          res,
          403,
          "Cross-site request refused",
          "This form was sent from another site; nothing was done.",
        );
      }
    }

    // A session that cannot be checked (e.g. no secret configured) counts as none: the small limit.
    const signedIn = await options.hasValidSession(req.headers.cookie).catch(() => false);
    const limit = signedIn ? limits.signedIn : limits.anonymous;
    const message = signedIn ? signedInTooLarge : anonymousTooLarge;
    // (The same page as the proxy's for an over-size statement form: src/proxy.ts.)
    const title = signedIn ? "Upload too large" : "Request too large";
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) return refuse(req, res, 413, title, message);
    // (Also for a body with a Content-Length under the limit: the parser then stops at that length anyway.)
    if (body.limit(limit, () => refuse(req, res, 413, title, message))) return;
    if (!signedIn && !req.complete) {
      // A body a few hundred bytes long that takes longer than this is a client holding the connection.
      const timer = setTimeout(() => {
        if (!req.complete && !res.writableEnded)
          refuse(req, res, 408, "Request timeout", "The form took too long to arrive. Try again.", "close");
      }, anonymousBodyTimeoutMs);
      timer.unref();
      req.once("end", () => clearTimeout(timer));
      req.once("close", () => clearTimeout(timer));
    }
    return options.next(req, res);
  };
}
