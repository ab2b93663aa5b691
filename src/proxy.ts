import { type NextRequest, NextResponse } from "next/server";

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
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  return response;
}

export const config = {
  // Pages only: static assets, the JSON API, feeds and the upload endpoint (JSON) carry their own headers,
  // and uploads should not be buffered by the proxy on their way to the route.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/|feeds/|statements/save$).*)" }],
};
