import "server-only";

/** A permanent redirect with a relative Location (right behind any proxy), cached a day. */
export function permanentRedirect(location: string, status: 301 | 308 = 301): Response {
  return new Response(null, { status, headers: { Location: location, "Cache-Control": "public, max-age=86400" } });
}

export function notFoundResponse(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
  });
}
