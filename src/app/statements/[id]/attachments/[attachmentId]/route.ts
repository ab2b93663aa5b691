import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { attachmentForDownload } from "@/server/statements/attachment-download";

/** Serves an attachment we store and hash ourselves: only for visible statements, never sniffed, streamed from the store. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; attachmentId: string }> }) {
  const { id, attachmentId } = await params;
  const attachment = await attachmentForDownload(
    await currentActor(),
    await loadGroupIndex(),
    Number(id),
    Number(attachmentId),
  );
  if (!attachment)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!attachment.content) {
    const where = attachment.originalUrl ? ` Its original address was ${attachment.originalUrl}` : "";
    return new Response(`The file "${attachment.filename}" was not imported from the IETF Datatracker.${where}\n`, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  const isPdf = attachment.contentType.startsWith("application/pdf");
  const asciiName = attachment.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(attachment.content, {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(attachment.size),
      "Content-Disposition": `${isPdf ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=300",
      Digest: `sha-256=${Buffer.from(attachment.sha256, "hex").toString("base64")}`,
    },
  });
}
