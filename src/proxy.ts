import { type NextRequest, NextResponse } from "next/server";
import { MAX_FORM_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/upload-limits";

/**
 * Security headers on every page: a strict Content-Security-Policy whose scripts need this request's nonce
 * (Next.js adds it to its own scripts when it finds the policy on the request), no framing, no referrer
 * leaks across sites, no MIME sniffing.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  // React's development build needs eval for its debugging aids; production never gets it.
  const devEval = process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : "";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    // Inline style attributes (e.g. indentation of group trees) are harmless; scripts are what CSP guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  // A form post larger than any form may be (e.g. three 40 MB files sent without JavaScript) is answered here,
  // before its body is read, with a page that says why — not Next.js's bare 500 "Failed to parse body".
  if (request.method === "POST" && Number(request.headers.get("content-length") ?? 0) > MAX_FORM_REQUEST_BYTES) {
    const response = new NextResponse(tooLargePage(), {
      status: 413,
      headers: { "content-type": "text/html; charset=utf-8", connection: "close" },
    });
    setSecurityHeaders(response.headers, policy.replace(/script-src [^;]*/, "script-src 'none'"));
    return response;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // A download keeps the policy its route sets (default-src 'none'; sandbox): the page policy would let an
  // HTML or PDF attachment run as a page of this site.
  setSecurityHeaders(response.headers, OWN_POLICY.test(request.nextUrl.pathname) ? null : policy);
  return response;
}

/** Routes that send their own Content-Security-Policy: attachment downloads. */
const OWN_POLICY = /^\/statements\/[^/]+\/attachments\/[^/]+$/;

function setSecurityHeaders(headers: Headers, policy: string | null): void {
  if (policy !== null) headers.set("Content-Security-Policy", policy);
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
}

/** A self-contained page (no script, inline style only) for a refused over-size post. */
function tooLargePage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Upload too large · Liaison Statements</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#0f172a}</style>
</head><body><main>
<h1>Upload too large</h1>
<p role="alert">${TOO_LARGE_MESSAGE}</p>
<p>Go back to the form, remove or shrink some attachments, and submit again.</p>
<p><a href="/statements">Statements</a></p>
</main></body></html>`;
}

export const config = {
  // Pages only: static assets, the JSON API, feeds and the upload endpoint (JSON) carry their own headers,
  // and uploads should not be buffered by the proxy on their way to the route.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/|feeds/|statements/save$).*)" }],
};
