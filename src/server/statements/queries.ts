import "server-only";
import { env } from "@/env";
import {
  approvalCapacity,
  can,
  isStaff,
  mayEnterAny,
  maySeeNonPublic,
  mayView,
  type StatementAction,
} from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { peerContacts } from "@/server/mail/recipients";
import { awaitsAction, nextReminderDay } from "@/server/reminders/schedule";
import { describeActingRole } from "./acting-role";
import { type WaitingApproval, waitingApprovals } from "./approvals";
import { assigneeCandidates } from "./assignee-candidates";
import { buildDistribution } from "./post-statement";
import {
  findStatementWithHistory,
  fromGroups,
  managerMailboxes,
  type StatementRow,
  toGroups,
  toRef,
} from "./repository";

export type Permissions = Record<Exclude<StatementAction, "view">, boolean>;

export interface StatementPage {
  row: StatementRow;
  permissions: Permissions;
  /** `data`: an edit's field diff (statements/history.ts shows it) */
  events: {
    id: number;
    type: string;
    text: string;
    createdAt: Date;
    actor: string | null;
    isPublic: boolean;
    data: unknown;
  }[];
  waitingFor: WaitingApproval[];
  preview: Awaited<ReturnType<typeof buildDistribution>> | null;
  /** posted, and the actor may enter a statement in the opposite direction */
  mayReply: boolean;
  /** who the action may be (re)assigned to, when the actor may assign */
  assignees: { id: number; name: string }[];
  /** the peer body's contacts as published: without our liaison managers (issue 15, section 1) */
  peerContacts: string[];
  /** the liaison managers copied on the statement's mail (the external groups' effective managers) */
  liaisonManagers: string[];
  /** "AD of Web and Internet Transport": the role the submitter acted in (issue 15, section 5) */
  submittedAs: string | null;
  /** the actor's Approve would be on behalf (Secretariat, coordinators): the form asks for the note */
  approvesOnBehalf: boolean;
  /** Submit offers "Approve on behalf now" (staff, outgoing) */
  mayApproveOnBehalf: boolean;
  /** issue 15: the original recipients a resend would reach (To and Cc), when the actor may resend */
  resendRecipients: string[];
  /** issue 15: deadline reminders of a posted For-action statement — the next one's day, or why none come */
  reminders: { next: string | null; isOpen: boolean } | null;
  /** issue 16: the statement named as the replacement when this one was withdrawn (shown only if visible) */
  replacedBy: number | null;
}

/** The replacement the last withdrawal named (its event's `data.replacedBy`), if any. */
export function namedReplacement(events: readonly { type: string; data: unknown }[]): number | null {
  const withdrawal = events.findLast((e) => e.type === "withdrawn");
  const data = withdrawal?.data;
  if (!data || typeof data !== "object" || !("replacedBy" in data)) return null;
  const id = (data as { replacedBy: unknown }).replacedBy;
  return typeof id === "number" && Number.isInteger(id) ? id : null;
}

/** Posted For-action statements still awaiting action get reminders (the rule: reminders/schedule.ts awaitsAction). */
function reminderOutlook(row: StatementRow, now = new Date()): StatementPage["reminders"] {
  if (row.state !== "posted" || row.purpose !== "action" || !row.deadline || row.isImported) return null;
  const isOpen = awaitsAction(row);
  const next = isOpen ? nextReminderDay({ deadline: row.deadline, now, postedAt: row.postedAt }) : null;
  return { isOpen, next: next ? next.toISOString().slice(0, 10) : null };
}

/** Everything the statement page shows the actor; null when it does not exist or they may not see it (404). */
export function statementPage(actor: Actor | null, groups: GroupIndex, id: number): Promise<StatementPage | null> {
  // Anonymous visitors all see the same public page: serve it from the public read cache.
  if (!actor) return cachedPublic(`statement-page:${id}`, 15_000, () => loadStatementPage(null, groups, id));
  return loadStatementPage(actor, groups, id);
}

async function loadStatementPage(actor: Actor | null, groups: GroupIndex, id: number): Promise<StatementPage | null> {
  const db = await prisma();
  // The statement and its whole history in one query; the page filters the staff-only events itself.
  const loaded = await findStatementWithHistory(db, id);
  if (!loaded) return null;
  // The history stays out of `row`, which the page renders: only the events this visitor may see go on.
  const { events: history, ...row } = loaded;
  const ref = toRef(row);
  if (!mayView(actor, groups, ref)) return null;
  const approved = row.approvals.map((a) => a.groupId);
  const actions: Exclude<StatementAction, "view">[] = [
    "edit",
    "submit",
    "approve",
    "return",
    "post",
    "withdraw",
    "markActionTaken",
    "assign",
    "closeAwaitedReply",
    "postRecordOnly",
    "resend",
    "comment",
    "commentStaffOnly",
  ];
  const permissions = Object.fromEntries(actions.map((a) => [a, can(actor, a, ref, groups, approved)])) as Permissions;
  // Staff-only events are for staff, for those who may act on the statement and (issue 15: staff-only
  // comments) for everyone who may see non-public statements of these groups.
  const seesStaffEvents =
    isStaff(actor) ||
    permissions.edit ||
    permissions.approve ||
    row.submitterId === actor?.personId ||
    maySeeNonPublic(actor, groups, ref);
  const events = seesStaffEvents ? history : history.filter((e) => e.isPublic);
  const external = (row.direction === "outgoing" ? toGroups(row) : fromGroups(row)).map((g) => g.id);
  const managersByGroup = await managerMailboxes(db, external);
  const coordination = env().coordinationAddress;
  const liaisonManagers = [...new Set(external.flatMap((g) => managersByGroup.get(g) ?? []))].filter(
    (m) => m !== coordination,
  );
  const peer = peerContacts(row.direction === "outgoing" ? row.toContact : row.fromContact, liaisonManagers);
  const isUnposted = row.state === "draft" || row.state === "pending" || row.state === "approved";
  return {
    row,
    permissions,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      text: e.text,
      createdAt: e.createdAt,
      actor: e.actor?.name ?? null,
      isPublic: e.isPublic,
      data: e.data,
    })),
    waitingFor: row.state === "pending" ? await waitingApprovals(db, row, groups) : [],
    preview: isUnposted && permissions.edit ? await buildDistribution(db, row) : null,
    mayReply:
      row.state === "posted" && mayEnterAny(actor, groups, row.direction === "incoming" ? "outgoing" : "incoming"),
    assignees: permissions.assign && row.actionStatus === "needed" ? await assigneeCandidates(db, row, groups) : [],
    peerContacts: peer.contacts,
    liaisonManagers,
    submittedAs: row.submitterRole
      ? await describeActingRole(db, groups, {
          role: row.submitterRole,
          groupId: row.submitterRoleGroupId,
          organizationId: row.submitterRoleOrganizationId,
        })
      : null,
    approvesOnBehalf:
      permissions.approve &&
      fromGroups(row).some((g) => !approved.includes(g.id) && approvalCapacity(actor, groups, g.id)?.onBehalf === true),
    mayApproveOnBehalf: permissions.submit && row.direction === "outgoing" && isStaff(actor),
    reminders: reminderOutlook(row),
    replacedBy: namedReplacement(events),
    resendRecipients: permissions.resend
      ? await buildDistribution(db, row).then(({ recipients }) => [...recipients.to, ...recipients.cc])
      : [],
  };
}

/** The approvals queue: pending statements the actor may approve (staff see all), oldest first. */
export async function approvalQueue(actor: Actor, groups: GroupIndex) {
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: { state: "pending" },
    include: {
      groups: { include: { group: true }, orderBy: { position: "asc" } },
      approvals: true,
      submitter: { select: { name: true } },
    },
    orderBy: { submittedAt: "asc" },
  });
  return rows
    .filter((r) =>
      can(
        actor,
        "approve",
        toRef(r),
        groups,
        r.approvals.map((a) => a.groupId),
      ),
    )
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
