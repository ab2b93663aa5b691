import "server-only";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { recordApprovals } from "./approvals";
import { invalidStateMessage } from "./lifecycle";
import { postInTransaction } from "./post-statement";
import { findStatement, type StatementRow } from "./repository";
import { changeState, loadForTransition } from "./state-change";
import type { Tx } from "./transaction";

const reload = async (tx: Tx, id: number) => (await findStatement(tx, id))!;

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

/** approved → posted in the same transaction, once every From group has its approval (submit and approve). */
export async function approveAndPost(tx: Tx, row: StatementRow, actor: Actor, now: Date) {
  await changeState(tx, row, "approve", { approvedAt: now });
  await postInTransaction(tx, await reload(tx, row.id), actor.personId, now);
  return "posted" as const;
}
