import { legacyFeedLocation } from "@/server/import/legacy-links";
import { notFoundResponse, permanentRedirect } from "@/server/import/legacy-response";

/** Old Datatracker feed `/feed/liaison/from/<acronym>/` → our Atom feed filtered the same way (issue 17). */
export async function GET(_request: Request, { params }: { params: Promise<{ acronym: string }> }) {
  const { acronym } = await params;
  const location = legacyFeedLocation("from", acronym);
  return location ? permanentRedirect(location) : notFoundResponse();
}
