import "server-only";
import { prisma } from "@/server/db";
import { LIAISON_ATTACH_URL } from "./map";

/**
 * Issue 17, old links: where an imported attachment's Datatracker file name lives here. The statement page
 * and the download decide who may see it; this only says where to go. A file that was not imported goes
 * to the statement's attachment list, which links the original.
 */
export async function importedAttachmentLocation(uploadedFilename: string): Promise<string | null> {
  if (!uploadedFilename || uploadedFilename.length > 1024 || /[/\\]/.test(uploadedFilename)) return null;
  const db = await prisma();
  const attachment = await db.attachment.findFirst({
    where: {
      datatrackerId: { not: null },
      originalUrl: `${LIAISON_ATTACH_URL}${encodeURIComponent(uploadedFilename)}`,
    },
    select: { id: true, statementId: true, isFileMissing: true },
    orderBy: { id: "asc" },
  });
  if (!attachment) return null;
  return attachment.isFileMissing
    ? `/statements/${attachment.statementId}#attachments`
    : `/statements/${attachment.statementId}/attachments/${attachment.id}`;
}

/** `/feed/liaison/recent/`, `/feed/liaison/from/<acronym>/`, `/feed/liaison/to/<acronym>/` → our Atom feed. */
export function legacyFeedLocation(kind: "recent" | "from" | "to", acronym?: string): string | null {
  if (kind === "recent") return "/feeds/statements.atom";
  if (!acronym || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(acronym)) return null;
  return `/feeds/statements.atom?${kind}=${encodeURIComponent(acronym)}`;
}
