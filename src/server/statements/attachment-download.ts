import "server-only";
import { isDbId } from "@/lib/ids";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { toRef } from "./repository";

/** The attachment's bytes, only when the statement is visible to the requester (never for removed ones). */
export async function attachmentForDownload(actor: Actor | null, groups: GroupIndex, statementId: number, attachmentId: number) {
  if (!isDbId(statementId) || !isDbId(attachmentId)) return null;
  const db = await prisma();
  const attachment = await db.attachment.findFirst({
    where: { id: attachmentId, statementId, removedAt: null },
    include: { statement: { include: { groups: true } } },
  });
  if (!attachment || !can(actor, "view", toRef(attachment.statement), groups)) return null;
  return attachment;
}
