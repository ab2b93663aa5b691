import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import type { Tx } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { CHANGED_SINCE_OPENED, lockSeenVersion } from "./approvals";
import { canTransition, invalidStateMessage, sourceStates, type Transition, targetState } from "./lifecycle";
import { type StatementRow, toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

/**
 * The one guard in front of every transition. Loads the statement and checks, in this order (the actor is
 * signed in: the action wrapper refused anyone else): visible, the lifecycle allows the transition from its state, the policy lets the actor take it, and
 * (approve/return) that it is still the version the actor saw.
 */
export async function loadForTransition(
  tx: Tx,
  actor: Actor,
  groups: GroupIndex,
  id: number,
  transition: Transition,
  seenVersion?: number,
): Promise<StatementRow> {
  const row = await loadVisibleStatement(tx, actor, groups, id);
  assertTransition(row, transition);
  const approved = row.approvals.map((a) => a.groupId);
  if (!can(actor, transition, toRef(row), groups, approved)) throw forbiddenError(FORBIDDEN_WHAT[transition]);
  if (seenVersion !== undefined && !(await lockSeenVersion(tx, id, seenVersion))) {
    // A twin that got there first moved the state: say that ("already approved"), not "changed".
    const current = await tx.statement.findUnique({ where: { id }, select: { state: true } });
    if (current && !canTransition(transition, row.direction, current.state)) {
      throw new AppError("INVALID_STATE", invalidStateMessage(transition, current.state));
    }
    throw new AppError("INVALID_STATE", CHANGED_SINCE_OPENED);
  }
  return row;
}

const FORBIDDEN_WHAT: Record<Transition, string> = {
  submit: "submit this statement",
  approve: "approve this statement",
  return: "return this statement",
  post: "post this statement",
  postRecordOnly: "post this statement without sending mail",
  withdraw: "withdraw this statement",
};

/** INVALID_STATE unless the lifecycle allows `transition` from the row's state. */
function assertTransition(row: Pick<StatementRow, "direction" | "state">, transition: Transition): void {
  if (!canTransition(transition, row.direction, row.state)) {
    throw new AppError("INVALID_STATE", invalidStateMessage(transition, row.state));
  }
}

/** The other columns a transition sets; the state itself always comes from the lifecycle table. */
export type TransitionData = Omit<Prisma.StatementUpdateManyMutationInput, "state" | "version">;

/**
 * The only write of a statement's state: moves it to the lifecycle's target state, guarded by the states
 * the transition may start from, so a concurrent twin finds 0 rows and fails cleanly (INVALID_STATE).
 * `allApproved` is for `approve`, which stays pending until every From group has its approval.
 */
export async function changeState(
  tx: Tx,
  row: Pick<StatementRow, "id" | "direction" | "state">,
  transition: Transition,
  data: TransitionData = {},
  allApproved = true,
): Promise<void> {
  assertTransition(row, transition);
  const { count } = await tx.statement.updateMany({
    where: { id: row.id, state: { in: sourceStates(transition, row.direction) } },
    data: { ...data, state: targetState(transition, allApproved), version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.statement.findUnique({ where: { id: row.id }, select: { state: true } });
    throw new AppError("INVALID_STATE", invalidStateMessage(transition, now?.state ?? row.state));
  }
}
