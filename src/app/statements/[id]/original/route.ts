import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { originalMessageForDownload } from "@/server/inbound/original-message";

/** The original e-mail of a statement received by mail (ADR 025): staff-only, downloaded, never rendered. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const original = await originalMessageForDownload(await currentActor(), await loadGroupIndex(), Number(id));
  if (!original)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(original.content, {
    headers: {
      // Served as a download: an HTML part of a hostile message must never render on our origin.
      "Content-Type": "message/rfc822",
      "Content-Length": String(original.size),
      "Content-Disposition": `attachment; filename="${original.filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
