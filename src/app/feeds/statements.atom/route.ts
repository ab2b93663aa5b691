import { createHash } from "node:crypto";
import { renderAtomFeed } from "@/server/archive/atom";
import { statementFeed } from "@/server/archive/feed";

const TEXT = { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" };

/** Does an If-None-Match header name this ETag (weak comparison, RFC 9110 §13.1.2)? */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** GET /feeds/statements.atom[?from=ACRONYM][&to=ACRONYM]: the latest posted statements as Atom 1.0. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const result = await statementFeed({ from: params.get("from"), to: params.get("to") });
  if (result.status === "unknown") {
    return new Response(`No group or organization has the acronym "${result.acronym}" (in ?${result.side}=).\n`, {
      status: 404,
      headers: TEXT,
    });
  }
  const xml = renderAtomFeed(result.feed);
  const etag = `"${createHash("sha256").update(xml).digest("base64url").slice(0, 32)}"`;
  const headers = {
    "Content-Type": "application/atom+xml; charset=utf-8",
    "Cache-Control": "public, max-age=300, stale-while-revalidate=60",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(xml, { headers });
}
