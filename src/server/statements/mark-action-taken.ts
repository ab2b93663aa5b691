import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { actionClosedMail } from "@/server/mail/action-closed-mail";
import { queueMail } from "@/server/mail/outbox";
import { actionClosedRecipients } from "@/server/mail/recipients";
import { actorMailbox } from "./mailboxes";
import { fromGroups, mailView, managerMailboxes, toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

export interface MarkActionTakenInput {
  actor: Actor;
  id: number;
  /** what was done */
  note: string;
  link?: string | null;
  /** issue 9: an incoming For-action statement that gets no reply; its From groups' liaison managers are told */
  noReplyWillBeSent?: boolean;
  now?: Date;
}

/**
 * docs/domain.md "Action tracking": "Mark action taken" with a short note (what was done, optional link). Issue 9:
 * with "No reply will be sent" on an incoming For-action statement, the liaison managers of its From groups
 * are mailed (same transaction) so they can tell the peer informally.
 */
export async function markActionTaken({
  actor,
  id,
  note,
  link,
  noReplyWillBeSent,
  now = new Date(),
}: MarkActionTakenInput) {
  const text = note.trim();
  if (!text) throw new AppError("VALIDATION", "Say what was done.", { note: "Enter a short note on what was done." });
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (!can(actor, "markActionTaken", toRef(row), groups))
      throw forbiddenError("mark the action of this statement as taken");
    const { count } = await tx.statement.updateMany({
      where: { id, state: "posted", actionStatus: "needed" },
      data: { actionStatus: "taken", actionTakenAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("INVALID_STATE", "The action of this statement was already marked as taken.");
    const noReply = !!noReplyWillBeSent && row.direction === "incoming" && row.purpose === "action";
    let informed: string[] = [];
    if (noReply) {
      const peers = fromGroups(row);
      const managers = await managerMailboxes(
        tx,
        peers.map((g) => g.id),
      );
      const recipients = actionClosedRecipients(
        peers.map((g) => managers.get(g.id) ?? []),
        actorMailbox(actor),
      );
      informed = recipients.to;
      const mail = actionClosedMail(mailView(row), { by: actor.name, note: text, link: link ?? null });
      await queueMail(tx, {
        kind: "action_closed",
        statementId: id,
        ...recipients,
        ...mail,
        dedupeKey: `action_closed:${id}`,
      });
    }
    const taken = `Action taken: ${text}${link ? ` (${link})` : ""}`;
    const peerList = fromGroups(row)
      .map((g) => g.acronym)
      .join(", ");
    const noReplyText = `${/[.!?]$/.test(taken) ? " " : ". "}No reply will be sent; the liaison managers of ${peerList} were informed.`;
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "action_taken",
        actorId: actor.personId,
        text: noReply ? `${taken}${noReplyText}` : taken,
        data: { note: text, link: link ?? null, ...(noReply ? { noReplyWillBeSent: true, informed } : {}) },
      },
    });
  });
}
