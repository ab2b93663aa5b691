import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { reopenApprovals } from "./approvals";
import { toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

export interface RemoveAttachmentInput {
  actor: Actor;
  /** the statement */
  id: number;
  attachmentId: number;
  now?: Date;
}

/** Attachments are never deleted: marking one removed hides it from pages, mail and the API, with an event. */
export async function removeAttachment({ actor, id, attachmentId, now = new Date() }: RemoveAttachmentInput) {
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (!can(actor, "edit", toRef(row), groups)) throw forbiddenError("change the attachments of this statement");
    const attachment = row.attachments.find((a) => a.id === attachmentId);
    if (!attachment) throw new AppError("NOT_FOUND", "No such attachment.");
    const { count } = await tx.attachment.updateMany({
      where: { id: attachmentId, removedAt: null },
      data: { removedAt: now, removedById: actor.personId },
    });
    if (count !== 1) throw new AppError("INVALID_STATE", "That attachment was already removed.");
    // Removing an attachment changes what approvers review: a new version, and a pending one is asked again.
    await tx.statement.update({ where: { id }, data: { version: { increment: 1 } } });
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "attachment_removed",
        actorId: actor.personId,
        text: `Removed attachment "${attachment.title}" (${attachment.filename})`,
        isPublic: row.state === "posted",
      },
    });
    if (row.state === "pending") await reopenApprovals(tx, id, actor, groups, ["attachments"]);
  });
}
