import { legacyFeedLocation } from "@/server/import/legacy-links";
import { permanentRedirect } from "@/server/import/legacy-response";

/** Old Datatracker feed `/feed/liaison/recent/` → our Atom feed (issue 17). */
export function GET() {
  return permanentRedirect(legacyFeedLocation("recent")!);
}
