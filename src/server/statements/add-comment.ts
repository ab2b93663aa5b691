import "server-only";
import { addressOf, formatMailbox } from "@/lib/mailbox";
import { MAIL_LIMITS, takeSlot } from "@/server/auth/rate-limit";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { commentMail } from "@/server/mail/workflow-mail";
import { approversOf } from "./approvals";
import { mailView, toRef } from "./repository";
import { loadVisibleStatement, plainText } from "./visible-statement";

export const COMMENT_MAX = 5000;

export interface CommentInput {
  actor: Actor;
  id: number;
  text: string;
  /** staff-only: seen by those who may see non-public statements (authz maySeeNonPublic) */
  isStaffOnly: boolean;
  now?: Date;
}

/**
 * Issue 15 §4: anyone who may see a statement adds a comment — public, or staff-only for those who may see
 * non-public statements. It is a history entry with author and time; on a pending statement it is mailed to
 * the submitter and the approvers still to approve (not to its author), rate-limited per person.
 */
export async function addComment(input: CommentInput) {
  const { actor, id, now = new Date() } = input;
  const text = plainText(input.text);
  if (!text) throw new AppError("VALIDATION", "One field needs attention.", { commentText: "Enter the comment." });
  if (text.length > COMMENT_MAX) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      comment: `Keep the comment to ${COMMENT_MAX.toLocaleString("en")} characters or fewer.`,
    });
  }
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    const ref = toRef(row);
    if (!can(actor, input.isStaffOnly ? "commentStaffOnly" : "comment", ref, groups)) {
      throw forbiddenError(input.isStaffOnly ? "add a staff-only comment here" : "comment on this statement");
    }
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "comment",
        actorId: actor.personId,
        text: `Comment: ${text}`,
        isPublic: !input.isStaffOnly,
        data: { commentText: text, isStaffOnly: input.isStaffOnly },
        createdAt: now,
      },
    });
    if (row.state !== "pending") return;
    const submitter = row.submitter.emails[0]?.address;
    const self = addressOf(actor.email ?? "");
    const to = [
      ...(submitter ? [formatMailbox({ name: row.submitter.name, address: submitter })] : []),
      ...(await approversOf(tx, row, groups)),
    ].filter((m) => addressOf(m) !== self);
    if (to.length === 0) return;
    const wait = await takeSlot(
      tx,
      `mail-comment:person:${actor.personId}`,
      MAIL_LIMITS.commentMailsPerWindow,
      MAIL_LIMITS.windowMs,
      now,
    );
    if (wait > 0) {
      throw new AppError(
        "RATE_LIMITED",
        `You have sent ${MAIL_LIMITS.commentMailsPerWindow} comments by mail in the last hour. Try again in ${Math.ceil(wait / 60)} minutes.`,
      );
    }
    await queueMail(tx, {
      kind: "comment",
      statementId: id,
      to,
      replyTo: actor.email ? formatMailbox({ name: actor.name, address: actor.email }) : null,
      ...commentMail(mailView(row), { by: actor.name, text, isStaffOnly: input.isStaffOnly }),
    });
  });
}
