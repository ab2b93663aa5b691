import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { isStaff } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { describeActingRole } from "./acting-role";
import { ON_BEHALF_NOTE_NEEDED, recordApprovals, requestApprovals } from "./approvals";
import { approveAndPost } from "./approve-statement";
import { assertReadyToSend } from "./ready-to-send";
import { findStatement, type StatementRow } from "./repository";
import { changeState, loadForTransition } from "./state-change";

const reload = async (tx: Tx, id: number) => (await findStatement(tx, id))!;

export interface SubmitInput {
  actor: Actor;
  id: number;
  /** staff only: "Approve on behalf now" (issue 15, section 5); without it the approvers are asked */
  approveOnBehalf?: boolean;
  onBehalfNote?: string | null;
  now?: Date;
}

/**
 * draft → pending; the approvals the submitter gives in their own right are recorded at once (and on behalf
 * only when they chose "Approve on behalf now", with its note); if that covers every From group it posts.
 */
export async function submitStatement(input: SubmitInput) {
  const groups = await loadGroupIndex();
  return inTransaction((tx) => submitInTransaction(tx, groups, input));
}

/** Internal to the statement use-cases: submitStatement inside the caller's transaction (the form's save + submit). */
export async function submitInTransaction(
  tx: Tx,
  groups: GroupIndex,
  { actor, id, approveOnBehalf, onBehalfNote, now = new Date() }: SubmitInput,
) {
  const row = await loadForTransition(tx, actor, groups, id, "submit");
  // Only the Secretariat and the IAB liaison coordinators approve on behalf (RFC 4053bis §4.1).
  if (approveOnBehalf && !isStaff(actor)) throw forbiddenError("approve on behalf");
  if (approveOnBehalf && !onBehalfNote?.trim()) {
    throw new AppError("VALIDATION", "Approving on behalf needs a note.", { onBehalfNote: ON_BEHALF_NOTE_NEEDED });
  }
  assertReadyToSend(row, {}, now);
  await changeState(tx, row, "submit", { submittedAt: now });
  await tx.statementEvent.create({
    data: { statementId: id, type: "submitted", actorId: actor.personId, text: await submittedText(tx, row, groups) },
  });
  const { allApproved } = await recordApprovals(tx, await reload(tx, id), actor, groups, {
    onBehalf: !!approveOnBehalf,
    onBehalfNote,
  });
  const pending = await reload(tx, id);
  if (allApproved) return approveAndPost(tx, pending, actor, now);
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
