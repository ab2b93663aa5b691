import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordApprovals } from "./approvals";
import { invalidStateMessage } from "./lifecycle";
import { postInTransaction } from "./post-statement";
import { findStatement, type StatementRow } from "./repository";
import { changeState, loadForTransition } from "./state-change";

const reload = async (tx: Tx, id: number) => (await findStatement(tx, id))!;

export interface ApproveInput {
  actor: Actor;
  id: number;
  /** the version the approver reviewed (the form carries it) */
  version: number;
  /** staff approving on behalf say who approved and how (issue 15 §5) */
  onBehalfNote?: string | null;
  now?: Date;
}

/**
 * pending → approved → posted once every From group has its approver (RFC 4053bis §4.1). The approval is for
 * `version`, the version the approver reviewed: a statement changed since is refused (issue 13, item 2).
 */
export async function approveStatement({ actor, id, version, onBehalfNote, now = new Date() }: ApproveInput) {
  const groups = await loadGroupIndex();
  return inTransaction(
    async (tx) => {
      const row = await loadForTransition(tx, actor, groups, id, "approve", version);
      const { recorded, allApproved } = await recordApprovals(tx, row, actor, groups, { onBehalf: true, onBehalfNote });
      if (recorded === 0) throw new AppError("INVALID_STATE", invalidStateMessage("approve", "approved"));
      if (!allApproved) return "pending" as const;
      return approveAndPost(tx, await reload(tx, id), actor, now);
    },
    { onUniqueViolation: new AppError("INVALID_STATE", "This statement is already approved.") },
  );
}

/**
 * Internal to the statement use-cases (approve, submit): approved → posted inside the caller's transaction,
 * once every From group has its approval.
 */
export async function approveAndPost(tx: Tx, row: StatementRow, actor: Actor, now: Date) {
  await changeState(tx, row, "approve", { approvedAt: now });
  await postInTransaction(tx, await reload(tx, row.id), actor.personId, now);
  return "posted" as const;
}
