import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { formatMailbox } from "@/lib/mailbox";
import { loadGroupIndex } from "@/server/authz/load";
import { can, managedGroups } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { actionClosedMail } from "@/server/mail/action-closed-mail";
import { queueMail } from "@/server/mail/outbox";
import { actionClosedRecipients, assignmentRecipients } from "@/server/mail/recipients";
import { assignmentMail } from "@/server/mail/workflow-mail";
import type { Db } from "./repository";
import { fromGroups, mailView, managerMailboxes, type StatementRow, toGroups, toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

const actorMailbox = (actor: Actor) => (actor.email ? formatMailbox({ name: actor.name, address: actor.email }) : null);

export interface MarkActionTakenInput {
  actor: Actor;
  id: number;
  /** what was done */
  note: string;
  link?: string | null;
  /** issue 9: an incoming For-action statement that gets no reply; its From groups' liaison managers are told */
  noReplyWillBeSent?: boolean;
  now?: Date;
}

/**
 * docs/domain.md "Action tracking": "Mark action taken" with a short note (what was done, optional link). Issue 9:
 * with "No reply will be sent" on an incoming For-action statement, the liaison managers of its From groups
 * are mailed (same transaction) so they can tell the peer informally.
 */
export async function markActionTaken({
  actor,
  id,
  note,
  link,
  noReplyWillBeSent,
  now = new Date(),
}: MarkActionTakenInput) {
  const text = note.trim();
  if (!text) throw new AppError("VALIDATION", "Say what was done.", { note: "Enter a short note on what was done." });
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (!can(actor, "markActionTaken", toRef(row), groups))
      throw forbiddenError("mark the action of this statement as taken");
    const { count } = await tx.statement.updateMany({
      where: { id, state: "posted", actionStatus: "needed" },
      data: { actionStatus: "taken", actionTakenAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("INVALID_STATE", "The action of this statement was already marked as taken.");
    const noReply = !!noReplyWillBeSent && row.direction === "incoming" && row.purpose === "action";
    let informed: string[] = [];
    if (noReply) {
      const peers = fromGroups(row);
      const managers = await managerMailboxes(
        tx,
        peers.map((g) => g.id),
      );
      const recipients = actionClosedRecipients(
        peers.map((g) => managers.get(g.id) ?? []),
        actorMailbox(actor),
      );
      informed = recipients.to;
      const mail = actionClosedMail(mailView(row), { by: actor.name, note: text, link: link ?? null });
      await queueMail(tx, {
        kind: "action_closed",
        statementId: id,
        ...recipients,
        ...mail,
        dedupeKey: `action_closed:${id}`,
      });
    }
    const taken = `Action taken: ${text}${link ? ` (${link})` : ""}`;
    const peerList = fromGroups(row)
      .map((g) => g.acronym)
      .join(", ");
    const noReplyText = `${/[.!?]$/.test(taken) ? " " : ". "}No reply will be sent; the liaison managers of ${peerList} were informed.`;
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "action_taken",
        actorId: actor.personId,
        text: noReply ? `${taken}${noReplyText}` : taken,
        data: { note: text, link: link ?? null, ...(noReply ? { noReplyWillBeSent: true, informed } : {}) },
      },
    });
  });
}

/**
 * Who an action can be assigned to: chairs and ADs of the To groups (and whoever approves for them), the
 * liaison managers of the groups involved, IAB liaison coordinators.
 */
export async function assigneeCandidates(db: Db, row: StatementRow, groups: GroupIndex) {
  const involved = [...fromGroups(row), ...toGroups(row)].map((g) => g.id);
  const toIds = toGroups(row).map((g) => g.id);
  const areaIds = toIds.flatMap((id) => {
    const g = groups.get(id);
    return g?.parentId ? [g.parentId] : [];
  });
  const toTypes = new Set(toGroups(row).map((g) => g.type));
  const where: Prisma.RoleAssignmentWhereInput[] = [
    { role: { in: ["wg_chair", "wg_secretary", "ad"] }, groupId: { in: [...toIds, ...areaIds] } },
    { role: { in: ["liaison_manager", "iab_liaison_coordinator"] } },
  ];
  if (toTypes.has("ietf") || toTypes.has("iesg")) where.push({ role: "ietf_chair" });
  if (toTypes.has("iab") || toTypes.has("rg")) where.push({ role: "iab_chair" });
  const roles = await db.roleAssignment.findMany({
    where: { OR: where },
    include: { person: true },
    orderBy: { id: "asc" },
  });
  const eligible = roles.filter(
    (r) => r.role !== "liaison_manager" || managedGroups(groups, r).some((g) => involved.includes(g.id)),
  );
  return [...new Map(eligible.map((r) => [r.personId, { id: r.personId, name: r.person.name }])).values()];
}

/** A person's mailbox at their primary (else first) active address, or null. */
async function personMailbox(tx: Tx, personId: number, name: string): Promise<string | null> {
  const address = await tx.emailAddress.findFirst({
    where: { personId, isActive: true },
    orderBy: [{ isPrimary: "desc" }, { id: "asc" }],
  });
  return address ? formatMailbox({ name, address: address.address }) : null;
}

/**
 * Reassigns the action of a posted statement; the new assignee must be one of the candidates. Issue 15 §3: the
 * new assignee is mailed (the previous one copied) with the statement, its deadline and who assigned it.
 */
export async function assignStatement({ actor, id, assigneeId }: { actor: Actor; id: number; assigneeId: number }) {
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (!can(actor, "assign", toRef(row), groups)) throw forbiddenError("assign this statement");
    const candidates = await assigneeCandidates(tx, row, groups);
    const person = candidates.find((c) => c.id === assigneeId);
    if (!person)
      throw new AppError("VALIDATION", "Choose someone from the list.", {
        assigneeId: "This person cannot be assigned this statement.",
      });
    if (row.assigneeId === assigneeId) return;
    await tx.statement.update({ where: { id }, data: { assigneeId, version: { increment: 1 } } });
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "assigned",
        actorId: actor.personId,
        text: `Assigned to ${person.name}${row.assignee ? ` (was ${row.assignee.name})` : ""}`,
      },
    });
    const to = await personMailbox(tx, person.id, person.name);
    const previous = row.assignee ? await personMailbox(tx, row.assignee.id, row.assignee.name) : null;
    if (!to && !previous) return;
    await queueMail(tx, {
      kind: "assignment",
      statementId: id,
      ...assignmentRecipients(to, previous, actorMailbox(actor)),
      ...assignmentMail(mailView(row), { assignee: person.name, previous: row.assignee?.name ?? null, by: actor.name }),
    });
  });
}
