import "server-only";
import { cachedPublic } from "@/server/cache";
import { can, isStaff, mayEnterAny, mayView, type StatementAction } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { prisma } from "@/server/db";
import { assigneeCandidates } from "./action-tracking";
import { type WaitingApproval, waitingApprovals } from "./approvals";
import { buildDistribution } from "./post-statement";
import { findStatement, type StatementRow, toRef } from "./repository";

export type Permissions = Record<Exclude<StatementAction, "view">, boolean>;

export interface StatementPage {
  row: StatementRow;
  permissions: Permissions;
  /** `data`: an edit's field diff (statements/history.ts shows it) */
  events: { id: number; type: string; text: string; createdAt: Date; actor: string | null; isPublic: boolean; data: unknown }[];
  waitingFor: WaitingApproval[];
  preview: Awaited<ReturnType<typeof buildDistribution>> | null;
  /** posted, and the actor may enter a statement in the opposite direction */
  mayReply: boolean;
  /** who the action may be (re)assigned to, when the actor may assign */
  assignees: { id: number; name: string }[];
}

/** Everything the statement page shows the actor; null when it does not exist or they may not see it (404). */
export function statementPage(actor: Actor | null, groups: GroupIndex, id: number): Promise<StatementPage | null> {
  // Anonymous visitors all see the same public page: serve it from the public read cache.
  if (!actor) return cachedPublic(`statement-page:${id}`, 15_000, () => loadStatementPage(null, groups, id));
  return loadStatementPage(actor, groups, id);
}

async function loadStatementPage(actor: Actor | null, groups: GroupIndex, id: number): Promise<StatementPage | null> {
  const db = await prisma();
  const row = await findStatement(db, id);
  if (!row) return null;
  const ref = toRef(row);
  if (!mayView(actor, groups, ref)) return null;
  const approved = row.approvals.map((a) => a.groupId);
  const actions: Exclude<StatementAction, "view">[] = ["edit", "submit", "approve", "return", "post", "withdraw", "markActionTaken", "assign"];
  const permissions = Object.fromEntries(actions.map((a) => [a, can(actor, a, ref, groups, approved)])) as Permissions;
  // Staff-only events are for staff and for those who may act on the statement.
  const seesStaffEvents = isStaff(actor) || permissions.edit || permissions.approve || row.submitterId === actor?.personId;
  const events = await db.statementEvent.findMany({
    where: { statementId: id, ...(seesStaffEvents ? {} : { isPublic: true }) },
    include: { actor: { select: { name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const isUnposted = row.state === "draft" || row.state === "pending" || row.state === "approved";
  return {
    row,
    permissions,
    events: events.map((e) => ({ id: e.id, type: e.type, text: e.text, createdAt: e.createdAt, actor: e.actor?.name ?? null, isPublic: e.isPublic, data: e.data })),
    waitingFor: row.state === "pending" ? await waitingApprovals(db, row, groups) : [],
    preview: isUnposted && permissions.edit ? await buildDistribution(db, row) : null,
    mayReply: row.state === "posted" && mayEnterAny(actor, groups, row.direction === "incoming" ? "outgoing" : "incoming"),
    assignees: permissions.assign && row.actionStatus === "needed" ? await assigneeCandidates(db, row, groups) : [],
  };
}

/** The approvals queue: pending statements the actor may approve (staff see all), oldest first. */
export async function approvalQueue(actor: Actor, groups: GroupIndex) {
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: { state: "pending" },
    include: { groups: { include: { group: true }, orderBy: { position: "asc" } }, approvals: true, submitter: { select: { name: true } } },
    orderBy: { submittedAt: "asc" },
  });
  return rows
    .filter((r) => can(actor, "approve", toRef(r), groups, r.approvals.map((a) => a.groupId)))
    .map((r) => ({
      id: r.id,
      title: r.title,
      purpose: r.purpose,
      deadline: r.deadline,
      submittedAt: r.submittedAt ?? r.createdAt,
      submitter: r.submitter.name,
      from: r.groups.filter((g) => g.side === "from").map((g) => g.group),
      to: r.groups.filter((g) => g.side === "to").map((g) => g.group),
    }));
}

/** Posted statements, newest first (the public archive's basic list). */
export async function postedStatements(page: number, pageSize = 50) {
  const db = await prisma();
  const where = PUBLIC_STATEMENT_WHERE;
  const [total, rows] = await Promise.all([
    db.statement.count({ where }),
    db.statement.findMany({
      where,
      include: { groups: { include: { group: true }, orderBy: { position: "asc" } } },
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, rows };
}

/** Posted statements whose action is still needed that the actor may mark (staff: all), overdue first. */
export async function actionNeeded(actor: Actor, groups: GroupIndex) {
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: { state: "posted", actionStatus: "needed" },
    include: { groups: { include: { group: true } }, assignee: { select: { name: true } } },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
  });
  return rows.filter((r) => can(actor, "markActionTaken", toRef(r), groups));
}
