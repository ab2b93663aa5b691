import "server-only";
import { can, isStaff } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError, forbiddenError } from "@/server/errors";
import { returnedMail } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/outbox";
import { returnedRecipients } from "@/server/mail/recipients";
import { describeActingRole } from "./acting-role";
import { ON_BEHALF_NOTE_NEEDED, recordApprovals, requestApprovals } from "./approvals";
import { invalidStateMessage } from "./lifecycle";
import { postInTransaction } from "./post-statement";
import { assertReadyToSend } from "./ready-to-send";
import { findStatement, mailView, type StatementRow, toRef } from "./repository";
import { changeState, loadForTransition } from "./state-change";
import type { Tx } from "./transaction";

const reload = async (tx: Tx, id: number) => (await findStatement(tx, id))!;

export interface SubmitOptions {
  /** staff only: "Approve on behalf now" (issue 15, section 5); without it the approvers are asked */
  approveOnBehalf?: boolean;
  onBehalfNote?: string | null;
}

/**
 * draft → pending; the approvals the submitter gives in their own right are recorded at once (and on behalf
 * only when they chose "Approve on behalf now", with its note); if that covers every From group it posts.
 */
export async function submitStatement(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  now = new Date(),
  options: SubmitOptions = {},
) {
  const row = await loadForTransition(tx, actor, groups, id, "submit");
  // Only the Secretariat and the IAB liaison coordinators approve on behalf (RFC 4053bis §4.1).
  if (options.approveOnBehalf && !isStaff(actor)) throw forbiddenError("approve on behalf");
  if (options.approveOnBehalf && !options.onBehalfNote?.trim()) {
    throw new AppError("VALIDATION", "Approving on behalf needs a note.", { onBehalfNote: ON_BEHALF_NOTE_NEEDED });
  }
  assertReadyToSend(row, {}, now);
  await changeState(tx, row, "submit", { submittedAt: now });
  await tx.statementEvent.create({
    data: { statementId: id, type: "submitted", actorId: actor!.personId, text: await submittedText(tx, row, groups) },
  });
  const { allApproved } = await recordApprovals(tx, await reload(tx, id), actor!, groups, {
    onBehalf: !!options.approveOnBehalf,
    onBehalfNote: options.onBehalfNote,
  });
  const pending = await reload(tx, id);
  if (allApproved) return approveAndPost(tx, pending, actor!, now);
  await requestApprovals(tx, pending, groups);
  return "pending" as const;
}

/** "Submitted by Ada Lindqvist as AD of Web and Internet Transport" (the role recorded when it was entered). */
async function submittedText(tx: Tx, row: StatementRow, groups: GroupIndex): Promise<string> {
  if (!row.submitterRole) return `Submitted by ${row.submitter.name}`;
  const role = {
    role: row.submitterRole,
    groupId: row.submitterRoleGroupId,
    organizationId: row.submitterRoleOrganizationId,
  };
  return `Submitted by ${row.submitter.name} as ${await describeActingRole(tx, groups, role)}`;
}

async function approveAndPost(tx: Tx, row: StatementRow, actor: Actor, now: Date) {
  await changeState(tx, row, "approve", { approvedAt: now });
  await postInTransaction(tx, await reload(tx, row.id), actor.personId, now);
  return "posted" as const;
}

/**
 * pending → approved → posted once every From group has its approver (RFC 4053bis §4.1). The approval is for
 * `seenVersion`, the version the approver reviewed: a statement changed since is refused (issue 13, item 2).
 */
export async function approveStatement(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  seenVersion: number,
  now = new Date(),
  options: { onBehalfNote?: string | null } = {},
) {
  const row = await loadForTransition(tx, actor, groups, id, "approve", seenVersion);
  const { recorded, allApproved } = await recordApprovals(tx, row, actor!, groups, {
    onBehalf: true,
    onBehalfNote: options.onBehalfNote,
  });
  if (recorded === 0) throw new AppError("INVALID_STATE", invalidStateMessage("approve", "approved"));
  if (!allApproved) return "pending" as const;
  return approveAndPost(tx, await reload(tx, id), actor!, now);
}

/** pending → draft with a required comment, mailed to the submitter; earlier approvals are void. Bound to `seenVersion` like approval. */
export async function returnStatement(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  seenVersion: number,
  comment: string,
) {
  const text = comment.trim();
  if (!text)
    throw new AppError("VALIDATION", "Say why it is returned.", { comment: "Enter a comment for the submitter." });
  const row = await loadForTransition(tx, actor, groups, id, "return", seenVersion);
  await changeState(tx, row, "return", { submittedAt: null });
  await tx.approval.deleteMany({ where: { statementId: id } });
  await tx.statementEvent.create({
    data: {
      statementId: id,
      type: "returned",
      actorId: actor!.personId,
      text: `Returned to the submitter: ${text}`,
      isPublic: false,
    },
  });
  const submitter = row.submitter.emails[0]?.address;
  if (submitter) {
    await queueMail(tx, {
      kind: "returned",
      statementId: id,
      ...returnedRecipients(`${row.submitter.name} <${submitter}>`, `${actor!.name} <${actor!.email}>`),
      ...returnedMail(mailView(row), actor!.name, text),
    });
  }
}

export interface WithdrawOptions {
  /** the statement that replaces this one ("Replaced by", issue 16): one the actor may see, not withdrawn */
  replacedBy?: number;
}

/**
 * Any non-posted statement by those who may edit it; a posted one by the Secretariat only. Never deleted.
 * A named replacement is recorded as a related_to relation (so both pages list it) and in the event's data
 * (so the banner links that one, not a guess: visible-relations.ts replacementOf).
 */
export async function withdrawStatement(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  reason: string,
  now = new Date(),
  options: WithdrawOptions = {},
) {
  const text = reason.trim();
  if (!text) throw new AppError("VALIDATION", "Give a reason.", { reason: "Enter the reason for withdrawing it." });
  const row = await loadForTransition(tx, actor, groups, id, "withdraw");
  const { replacedBy } = options;
  if (replacedBy !== undefined) await checkReplacement(tx, actor!, groups, id, replacedBy);
  await changeState(tx, row, "withdraw", {
    withdrawnAt: now,
    withdrawnReason: text,
    ...(row.actionStatus === "needed" ? { actionStatus: "none" } : {}),
  });
  if (replacedBy !== undefined) {
    const existing = await tx.statementRelation.findFirst({
      where: {
        relationship: "related_to",
        OR: [
          { sourceId: id, targetId: replacedBy },
          { sourceId: replacedBy, targetId: id },
        ],
      },
    });
    if (!existing)
      await tx.statementRelation.create({ data: { sourceId: id, targetId: replacedBy, relationship: "related_to" } });
  }
  await tx.statementEvent.create({
    data: {
      statementId: id,
      type: "withdrawn",
      actorId: actor!.personId,
      text: `Withdrawn: ${text}`,
      ...(replacedBy !== undefined ? { data: { replacedBy } } : {}),
    },
  });
}

/** Issue 16: the replacement is a statement the actor may see, not this one, and not withdrawn itself. */
async function checkReplacement(tx: Tx, actor: Actor, groups: GroupIndex, id: number, replacedBy: number) {
  const refuse = (message: string) => new AppError("VALIDATION", message, { replacedBy: message });
  if (replacedBy === id) throw refuse("A statement cannot replace itself: choose the statement that replaces it.");
  const target = await findStatement(tx, replacedBy);
  if (!target || !can(actor, "view", toRef(target), groups)) {
    throw refuse(`Statement ${replacedBy} does not exist or is not visible to you.`);
  }
  if (target.state === "withdrawn") {
    throw refuse(`“${target.title}” is withdrawn itself: choose the statement that replaces this one.`);
  }
}
