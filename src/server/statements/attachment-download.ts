import "server-only";
import { isDbId } from "@/lib/ids";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { attachmentStore, prisma } from "@/server/db";
import { logger } from "@/server/log/logger";
import { toRef } from "./repository";

/**
 * An attachment and a stream of its bytes (ADR 012), only when the statement is visible to the requester
 * (never for removed ones); `content` is null for an imported attachment whose file was not imported.
 */
export async function attachmentForDownload(
  actor: Actor | null,
  groups: GroupIndex,
  statementId: number,
  attachmentId: number,
) {
  if (!isDbId(statementId) || !isDbId(attachmentId)) return null;
  const db = await prisma();
  const attachment = await db.attachment.findFirst({
    where: { id: attachmentId, statementId, removedAt: null },
    include: { statement: { include: { groups: true } } },
  });
  if (!attachment || !can(actor, "view", toRef(attachment.statement), groups)) return null;
  // Imported without its file (ADR 015): there are no bytes to serve, only where the original was.
  if (attachment.isFileMissing) return { ...attachment, content: null };
  const content = await (await attachmentStore()).open(attachment.sha256);
  if (!content) {
    logger("attachments").error(
      { attachmentId: attachment.id, sha256: attachment.sha256 },
      "the bytes of an attachment are missing",
    );
    return null;
  }
  return { ...attachment, content };
}
