import "server-only";
import { env } from "@/env";
import { approverHolders } from "@/server/authz/approvers";
import { approvalCapacity, approverRequirement } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { approvalRequestMail } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/outbox";
import { approvalRequestRecipients } from "@/server/mail/recipients";
import {
  type Db,
  findStatement,
  fromGroups,
  mailView,
  managerMailboxes,
  type StatementRow,
  toGroups,
} from "./repository";

/** Shown when Approve or Return carries a version older than the statement's (issue 13, item 2). */
export const CHANGED_SINCE_OPENED = "This statement changed since you opened it — review the new version";

/**
 * An approval (or a return) is for the version the approver saw: true when the statement is still at
 * `seenVersion`. The row lock makes that hold until the transaction ends, so an edit committing meanwhile
 * waits for it (and then withdraws what it recorded) instead of slipping in between check and approval.
 */
export async function lockSeenVersion(tx: Tx, id: number, seenVersion: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "Statement" WHERE "id" = ${id} AND "version" = ${seenVersion} FOR UPDATE`;
  return rows.length === 1;
}

/** "AD of Web and Internet Transport", "IETF Chair", "IAB liaison coordinator, on behalf of the AD of …". */
export function capacityLabel(
  groups: GroupIndex,
  fromGroupId: number,
  capacity: NonNullable<ReturnType<typeof approvalCapacity>>,
): string {
  const need = approverRequirement(groups, fromGroupId);
  const needLabel =
    need.role === "ad"
      ? `AD of ${groups.get(need.areaId)?.name ?? "the area"}`
      : need.role === "ietf_chair"
        ? "IETF Chair"
        : "IAB Chair";
  if (!capacity.onBehalf) return needLabel;
  const who = capacity.role === "secretariat" ? "Secretariat" : "IAB liaison coordinator";
  return `${who}, on behalf of the ${needLabel}`;
}

/** Shown when an approval on behalf lacks its note (issue 15, section 5). */
export const ON_BEHALF_NOTE_NEEDED = "Say who approved and how, e.g. “Ada Lindqvist approved by mail on 2026-12-01”.";

export interface RecordApprovalsOptions {
  /**
   * Record approvals the actor may only give on behalf (Secretariat, coordinators). At submit this is the
   * explicit "Approve on behalf now"; at Approve it is what the button means.
   */
  onBehalf: boolean;
  /** who approved and how; required for every approval given on behalf (RFC 4053bis §4.1, issue 15 §5) */
  onBehalfNote?: string | null;
}

/**
 * Records the actor's approval for every From group still lacking one that they may approve (RFC 4053bis
 * §4.1). Returns how many were recorded and whether every From group is now approved. The unique
 * (statement, group) constraint makes a concurrent duplicate fail instead of approving twice. An approval on
 * behalf needs a note naming who approved and how; it is part of the public history.
 */
export async function recordApprovals(
  tx: Tx,
  row: StatementRow,
  actor: Actor,
  groups: GroupIndex,
  options: RecordApprovalsOptions = { onBehalf: true },
): Promise<{ recorded: number; allApproved: boolean }> {
  const approved = new Set(row.approvals.map((a) => a.groupId));
  const note = options.onBehalfNote?.trim() || null;
  const todo = fromGroups(row)
    .filter((group) => !approved.has(group.id))
    .flatMap((group) => {
      const capacity = approvalCapacity(actor, groups, group.id);
      return capacity && (!capacity.onBehalf || options.onBehalf) ? [{ group, capacity }] : [];
    });
  if (todo.some((t) => t.capacity.onBehalf) && !note) {
    throw new AppError("VALIDATION", "Approving on behalf needs a note.", { onBehalfNote: ON_BEHALF_NOTE_NEEDED });
  }
  for (const { group, capacity } of todo) {
    await tx.approval.create({
      data: {
        statementId: row.id,
        groupId: group.id,
        approverId: actor.personId,
        role: capacity.role,
        roleGroupId: capacity.roleGroupId,
        onBehalf: capacity.onBehalf,
        onBehalfNote: capacity.onBehalf ? note : null,
      },
    });
    await tx.statementEvent.create({
      data: {
        statementId: row.id,
        type: "approved",
        actorId: actor.personId,
        text: `Approved for ${group.name} by ${actor.name} as ${capacityLabel(groups, group.id, capacity)}${capacity.onBehalf ? `: ${note}` : ""}`,
        ...(capacity.onBehalf ? { data: { onBehalfNote: note } } : {}),
      },
    });
    approved.add(group.id);
  }
  return { recorded: todo.length, allApproved: fromGroups(row).every((g) => approved.has(g.id)) };
}

/** The approvers still needed: for each unapproved From group, who must approve it. */
function missingApprovals(row: StatementRow, groups: GroupIndex) {
  const approved = new Set(row.approvals.map((a) => a.groupId));
  return fromGroups(row)
    .filter((g) => !approved.has(g.id))
    .map((g) => ({ group: g, requirement: approverRequirement(groups, g.id) }));
}

export interface WaitingApproval {
  /** the From group's name */
  group: string;
  /** who must approve it: "an AD of the Web and Internet Transport area", "the IETF Chair" */
  role: string;
  /** the people who hold that role now */
  people: string[];
}

/** For the statement page: each From group still lacking an approval, and who may give it (RFC 4053bis §4.1). */
export async function waitingApprovals(db: Db, row: StatementRow, groups: GroupIndex): Promise<WaitingApproval[]> {
  const missing = missingApprovals(row, groups);
  if (missing.length === 0) return [];
  const holders = await approverHolders(db);
  return missing.map(({ group, requirement: r }) => ({
    group: group.name,
    role:
      r.role === "ad"
        ? `an AD of the ${(groups.get(r.areaId)?.name ?? "").replace(/\s+area$/i, "")} area`
        : r.role === "ietf_chair"
          ? "the IETF Chair"
          : r.role === "iab_chair"
            ? "the IAB Chair"
            : "the Secretariat",
    people: [...new Set(holders(r).map((h) => h.person.name))],
  }));
}

/** The mailboxes of everyone who may still approve it in their own right: the approval request's To. */
export async function approversOf(tx: Tx, row: StatementRow, groups: GroupIndex): Promise<string[]> {
  const missing = missingApprovals(row, groups);
  if (missing.length === 0) return [];
  const holders = await approverHolders(tx);
  const mailboxes = missing.flatMap(({ requirement }) =>
    holders(requirement).map((r) => `${r.person.name} <${r.email}>`),
  );
  return [...new Set(mailboxes)];
}

async function toGroupManagers(tx: Tx, row: StatementRow): Promise<string[]> {
  const managers = await managerMailboxes(
    tx,
    toGroups(row).map((g) => g.id),
  );
  return toGroups(row).flatMap((g) => managers.get(g.id) ?? []);
}

/** Queues the approval request to whoever must still approve (docs/domain.md "Mail": approval request). */
export async function requestApprovals(tx: Tx, row: StatementRow, groups: GroupIndex, changedBy?: string) {
  const missing = missingApprovals(row, groups).map((m) => m.group.name);
  await queueMail(tx, {
    kind: "approval_request",
    statementId: row.id,
    ...approvalRequestRecipients(
      await approversOf(tx, row, groups),
      env().coordinationAddress,
      await toGroupManagers(tx, row),
    ),
    ...approvalRequestMail(mailView(row), missing, changedBy),
  });
}

/**
 * Editing a pending statement withdraws the approvals recorded so far (they were for other content), says so
 * in the public history, and asks the approvers again (docs/domain.md "States" (approve); issue 13, item 2). Call it after
 * the edit's guarded update, so an approval that committed just before is withdrawn too.
 */
export async function reopenApprovals(tx: Tx, id: number, actor: Actor, groups: GroupIndex, changed: string[]) {
  const withdrawn = await tx.approval.findMany({
    where: { statementId: id },
    include: { approver: { select: { name: true } }, group: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  await tx.approval.deleteMany({ where: { statementId: id } });
  const list = withdrawn.map((a) => `for ${a.group.name} by ${a.approver.name}`).join(", ");
  const what = changed.length ? changed.join(", ") : "attachments";
  await tx.statementEvent.create({
    data: {
      statementId: id,
      type: "edited",
      actorId: actor.personId,
      text: withdrawn.length
        ? `Changed after submission (${what}): the approval${withdrawn.length === 1 ? "" : "s"} ${list} ${withdrawn.length === 1 ? "was" : "were"} withdrawn; the approvers are asked to review the new version`
        : `Changed after submission (${what}); the approvers are asked to review the new version`,
      data: { withdrawnApprovals: withdrawn.map((a) => ({ groupId: a.groupId, approverId: a.approverId })) },
      // The record of a posted statement must show that what was approved is not what was first submitted.
      isPublic: true,
    },
  });
  const row = await findStatement(tx, id);
  if (row) await requestApprovals(tx, row, groups, actor.name);
}
