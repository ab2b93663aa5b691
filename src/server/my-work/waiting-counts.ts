import "server-only";
import { cache } from "react";
import type { Direction, StatementState } from "@/generated/prisma/enums";
import { can, isApprover } from "@/server/authz/policy";
import type { Actor, GroupIndex, StatementRef } from "@/server/authz/types";
import { prisma } from "@/server/db";

/**
 * Issue 15 §2: the navigation shows where work waits ("Approvals 3", "Action needed 2"). Each count is one
 * query (the statement with its group and approval ids aggregated in SQL) filtered by the same policy the
 * pages use, so the count is what the page lists; computed once per request (React `cache`, keyed by the
 * request's actor object).
 */
export interface WaitingCounts {
  /** pending statements the actor may approve (the /approvals queue) */
  approvals: number;
  /** open actions the actor may close (the /action-needed list) */
  actionNeeded: number;
}

interface RefRow {
  direction: Direction;
  state: StatementState;
  submitterId: number;
  assigneeId: number | null;
  postedAt: Date | null;
  fromIds: number[];
  toIds: number[];
  approvedIds: number[];
}

const toRef = (r: RefRow): StatementRef => ({
  direction: r.direction,
  state: r.state,
  submitterId: r.submitterId,
  assigneeId: r.assigneeId,
  postedAt: r.postedAt,
  fromGroupIds: r.fromIds,
  toGroupIds: r.toIds,
});

const PENDING = `s."state" = 'pending'`;
const ACTION_NEEDED = `(s."state" = 'posted' AND s."actionStatus" = 'needed')`;

/** Both lists in one statement (issue 19: a signed-in page's budget is 6 statements, the layout included). */
async function refs(wanted: { pending: boolean; actionNeeded: boolean }): Promise<RefRow[]> {
  const where = [wanted.pending ? PENDING : null, wanted.actionNeeded ? ACTION_NEEDED : null].filter(Boolean);
  if (where.length === 0) return [];
  const db = await prisma();
  const rows = await db.$queryRawUnsafe<RefRow[]>(`
    SELECT s."direction"::text AS "direction", s."state"::text AS "state", s."submitterId", s."assigneeId", s."postedAt",
      ARRAY(SELECT g."groupId" FROM "StatementGroup" g WHERE g."statementId" = s."id" AND g."side" = 'from') AS "fromIds",
      ARRAY(SELECT g."groupId" FROM "StatementGroup" g WHERE g."statementId" = s."id" AND g."side" = 'to') AS "toIds",
      ARRAY(SELECT a."groupId" FROM "Approval" a WHERE a."statementId" = s."id") AS "approvedIds"
    FROM "Statement" s
    WHERE ${where.join(" OR ")}`);
  return rows.map((r) => ({
    ...r,
    fromIds: r.fromIds.map(Number),
    toIds: r.toIds.map(Number),
    approvedIds: r.approvedIds.map(Number),
  }));
}

/** The counts for one actor (pure over the rows: used by the request-cached loader and the tests). */
export async function countWaiting(actor: Actor, groups: GroupIndex): Promise<WaitingCounts> {
  const rows = await refs({ pending: isApprover(actor), actionNeeded: actor.roles.length > 0 });
  const pending = rows.filter((r) => r.state === "pending");
  const open = rows.filter((r) => r.state === "posted");
  return {
    approvals: pending.filter((r) => can(actor, "approve", toRef(r), groups, r.approvedIds)).length,
    actionNeeded: open.filter((r) => can(actor, "markActionTaken", toRef(r), groups)).length,
  };
}

/** Once per request: the layout's navigation and the dashboard share it. */
export const waitingCounts = cache(countWaiting);
