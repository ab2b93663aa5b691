import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { searchRelatedStatements } from "@/server/statements/related-search";

/**
 * GET /statements/lookup?q=words: the "In response to" picker's search-as-you-type (ADR 020). At most ten
 * statements the visitor may see (public ones for everyone; drafts and pending ones only for those the policy
 * lets see them). A read: the browser may keep an answer for a minute, for this visitor only.
 */
export async function GET(request: Request) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const results = await searchRelatedStatements(await currentActor(), await loadGroupIndex(), q);
  return Response.json({ results }, { headers: { "Cache-Control": "private, max-age=60", Vary: "Cookie" } });
}
