import "server-only";
import { createHash } from "node:crypto";

/**
 * HTTP behaviour shared by the read-only JSON API: public caching with a strong ETag over the exact body
 * (If-None-Match → 304), CORS for any origin (the data is public; no credentials), JSON errors.
 */

/** Short, so a newly posted or withdrawn statement shows up within a minute. */
export const API_CACHE_CONTROL = "public, max-age=60";

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag",
};

/** The answer to a CORS preflight: GET (and HEAD) from anywhere, with a conditional-request header. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match, Accept",
      "Access-Control-Max-Age": "86400",
      Allow: "GET, HEAD, OPTIONS",
    },
  });
}

export const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; `*` matches any current representation. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** 200 with the JSON body, or 304 when the client already has this exact body. */
export function cachedJson(request: Request, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = etagOf(body);
  const headers = { ...CORS_HEADERS, ETag: etag, "Cache-Control": API_CACHE_CONTROL, Vary: "Accept-Encoding" };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, {
    status: 200,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
  });
}

/** An error as the API reports it: `{ error: { message, fields? } }`, never cached. */
export function jsonError(status: 400 | 404, message: string, fields?: Record<string, string>): Response {
  return new Response(JSON.stringify({ error: fields ? { message, fields } : { message } }), {
    status,
    headers: { ...CORS_HEADERS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
