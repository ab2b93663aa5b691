import "server-only";
import { env } from "@/env";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { acknowledgementMail, distributionMail } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/outbox";
import { acknowledgementRecipients, distributionRecipients } from "@/server/mail/recipients";
import { assertReadyToSend } from "./ready-to-send";
import { type Db, fromGroups, mailView, managerMailboxes, type StatementRow, toGroups } from "./repository";
import { changeState, loadForTransition } from "./state-change";

/**
 * Internal to the statement use-cases (post, approve, post record-only): posts a statement inside the caller's
 * transaction, after its transition was checked: sets the posted date, starts action tracking for
 * incoming For-action statements, closes the loop on statements this one answers, and queues the
 * distribution mail (and the acknowledgement to the sender of an incoming one). docs/domain.md "States": post.
 */
export async function postInTransaction(
  tx: Tx,
  row: StatementRow,
  actorId: number | null,
  now = new Date(),
  /** issue 15 §4: "record only" — posted without the distribution mail (or acknowledgement), for this reason */
  recordOnly?: { reason: string },
): Promise<void> {
  const needsAction = row.direction === "incoming" && row.purpose === "action";
  await changeState(tx, row, recordOnly ? "postRecordOnly" : "post", {
    postedAt: now,
    // Incoming statements are submitted by being recorded; a record-only outgoing one skipped submit/approve.
    ...(row.direction === "incoming" || recordOnly ? { submittedAt: row.submittedAt ?? now } : {}),
    ...(row.direction === "outgoing" && recordOnly ? { approvedAt: now } : {}),
    ...(needsAction ? { actionStatus: "needed", assigneeId: row.assigneeId ?? row.submitterId } : {}),
  });
  const posted = row.direction === "incoming" ? "Recorded and posted" : "Posted";
  await tx.statementEvent.create({
    data: recordOnly
      ? {
          statementId: row.id,
          type: "posted",
          actorId,
          text: `${posted} without sending mail (record only): ${recordOnly.reason}`,
          data: { recordOnly: true, reason: recordOnly.reason },
        }
      : { statementId: row.id, type: "posted", actorId, text: posted },
  });
  if (needsAction) {
    await tx.statementEvent.create({
      data: {
        statementId: row.id,
        type: "action_needed",
        actorId,
        text: `Action needed by ${row.deadline?.toISOString().slice(0, 10) ?? "the deadline"}`,
      },
    });
  }
  await closeAnsweredStatements(tx, row, actorId, now);
  if (recordOnly) return;

  const { view, recipients, mail } = await buildDistribution(tx, { ...row, state: "posted", postedAt: now });
  await queueMail(tx, {
    kind: "distribution",
    statementId: row.id,
    ...recipients,
    ...mail,
    dedupeKey: `distribution:${row.id}`,
  });
  if (row.direction === "incoming" && row.sendAcknowledgement) {
    const managers = await managerMailboxes(
      tx,
      fromGroups(row).map((g) => g.id),
    );
    const ack = acknowledgementRecipients(
      row,
      fromGroups(row).flatMap((g) => managers.get(g.id) ?? []),
    );
    if (ack.to.length) {
      await queueMail(tx, {
        kind: "acknowledgement",
        statementId: row.id,
        ...ack,
        ...acknowledgementMail(view),
        dedupeKey: `acknowledgement:${row.id}`,
      });
    }
  }
}

/** The distribution mail exactly as posting sends it (also the draft page's preview). */
export async function buildDistribution(db: Db, row: StatementRow) {
  const managers = await managerMailboxes(
    db,
    [...fromGroups(row), ...toGroups(row)].map((g) => g.id),
  );
  const managersOf = (groups: { id: number }[]) => groups.flatMap((g) => managers.get(g.id) ?? []);
  const view = mailView(row);
  const recipients = distributionRecipients(
    {
      direction: row.direction,
      fromContact: row.fromContact,
      toContact: row.toContact,
      fromLiaisonContact: row.fromLiaisonContact,
      toLiaisonContact: row.toLiaisonContact,
      fromGroupManagers: managersOf(fromGroups(row)),
      toGroupManagers: managersOf(toGroups(row)),
    },
    env().coordinationAddress,
  );
  return { view, recipients, mail: distributionMail(view) };
}

/** docs/domain.md "Action tracking": posting an In-response statement sets the action of the statements it answers to taken. */
async function closeAnsweredStatements(tx: Tx, row: StatementRow, actorId: number | null, now: Date) {
  if (row.purpose !== "response") return;
  for (const relation of row.relationsFrom.filter((r) => r.relationship === "responds_to")) {
    const { count } = await tx.statement.updateMany({
      where: { id: relation.targetId, actionStatus: "needed" },
      data: { actionStatus: "taken", actionTakenAt: now },
    });
    if (count === 1) {
      await tx.statementEvent.create({
        data: {
          statementId: relation.targetId,
          type: "action_taken",
          actorId,
          text: `Action taken: answered by "${row.title}" (statement ${row.id})`,
          data: { replyId: row.id },
        },
      });
    }
  }
}

export interface PostInput {
  actor: Actor;
  id: number;
  /** the poster saw that the deadline is past and posts anyway */
  confirmPastDeadline?: boolean;
}

/** The Post button: incoming drafts by whoever may record them; approved outgoing by staff. */
export async function postStatement(input: PostInput): Promise<void> {
  const groups = await loadGroupIndex();
  await inTransaction((tx) => postStatementInTransaction(tx, groups, input));
}

/** Internal to the statement use-cases: postStatement inside the caller's transaction (the form's save + post). */
export async function postStatementInTransaction(
  tx: Tx,
  groups: GroupIndex,
  { actor, id, confirmPastDeadline }: PostInput,
): Promise<void> {
  const row = await loadForTransition(tx, actor, groups, id, "post");
  assertReadyToSend(row, { confirmPastDeadline });
  await postInTransaction(tx, row, actor.personId);
}
