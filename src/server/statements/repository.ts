import "server-only";
import { env } from "@/env";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { StatementState } from "@/generated/prisma/enums";
import { isoDate } from "@/lib/dates";
import { isDbId } from "@/lib/ids";
import { CONSENSUS_LABELS } from "@/lib/labels";
import type { StatementRef } from "@/server/authz/types";
import { effectiveLiaisonManagers } from "@/server/directory/liaison-managers";
import type { StatementMailView } from "@/server/mail/compose";
import { isPublicState } from "./lifecycle";

export type Db = PrismaClient | Prisma.TransactionClient;

export const statementInclude = {
  groups: { include: { group: { include: { organization: true } } }, orderBy: { position: "asc" } },
  attachments: {
    select: {
      id: true,
      title: true,
      filename: true,
      contentType: true,
      size: true,
      sha256: true,
      createdAt: true,
      removedAt: true,
      isFileMissing: true,
      originalUrl: true,
    },
    orderBy: { id: "asc" },
  },
  relationsFrom: { include: { target: { select: { id: true, title: true, state: true, postedAt: true } } } },
  relationsTo: { include: { source: { select: { id: true, title: true, state: true, postedAt: true } } } },
  approvals: { include: { approver: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
  submitter: { include: { emails: { where: { isPrimary: true } } } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.StatementInclude;

export type StatementRow = Prisma.StatementGetPayload<{ include: typeof statementInclude }>;

export async function findStatement(db: Db, id: number): Promise<StatementRow | null> {
  if (!isDbId(id)) return null;
  return db.statement.findUnique({ where: { id }, include: statementInclude });
}

/** findStatement's row with the statement's whole history (staff-only events too), in one query: a join. */
const withHistoryInclude = {
  ...statementInclude,
  events: { include: { actor: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.StatementInclude;

export async function findStatementWithHistory(db: Db, id: number) {
  if (!isDbId(id)) return null;
  return db.statement.findUnique({ where: { id }, include: withHistoryInclude });
}

/** A statement's groups on one side, in their order: from any query that selects its group links. */
type GroupLinks<G> = { groups: readonly { side: string; group: G }[] };
export const fromGroups = <G>(row: GroupLinks<G>) => row.groups.filter((g) => g.side === "from").map((g) => g.group);
export const toGroups = <G>(row: GroupLinks<G>) => row.groups.filter((g) => g.side === "to").map((g) => g.group);

/** The facts the policy needs, from any statement query that includes its group links. */
export function toRef(
  row: Pick<
    StatementRef,
    "direction" | "state" | "submitterId" | "assigneeId" | "postedAt" | "purpose" | "actionStatus"
  > & {
    groups: { side: "from" | "to"; groupId: number }[];
  },
): StatementRef {
  return {
    purpose: row.purpose,
    actionStatus: row.actionStatus,
    direction: row.direction,
    state: row.state,
    submitterId: row.submitterId,
    assigneeId: row.assigneeId,
    postedAt: row.postedAt,
    fromGroupIds: row.groups.filter((g) => g.side === "from").map((g) => g.groupId),
    toGroupIds: row.groups.filter((g) => g.side === "to").map((g) => g.groupId),
  };
}

export const statementUrl = (id: number) => `${env().appUrl}/statements/${id}`;
export const attachmentUrl = (statementId: number, attachmentId: number) =>
  `${env().appUrl}/statements/${statementId}/attachments/${attachmentId}`;

const RELATION_LABELS = { responds_to: "In response to", related_to: "Related to" } as const;

/**
 * Exactly the columns mailView reads: a statement loaded with it (the reminder run, ≈ 400 statements at once
 * on a 100k archive) carries no approvals nor attachment hashes; a full StatementRow is one too.
 */
export const mailViewSelect = {
  id: true,
  direction: true,
  title: true,
  purpose: true,
  deadline: true,
  consensus: true,
  body: true,
  fromContact: true,
  fromLiaisonContact: true,
  toContact: true,
  toLiaisonContact: true,
  otherIdentifiers: true,
  groups: {
    select: {
      side: true,
      group: { select: { id: true, acronym: true, name: true, organization: { select: { side: true } } } },
    },
    orderBy: { position: "asc" },
  },
  attachments: {
    select: { id: true, title: true, filename: true, size: true, removedAt: true },
    orderBy: { id: "asc" },
  },
  relationsFrom: {
    select: { relationship: true, target: { select: { id: true, title: true, state: true, postedAt: true } } },
  },
  relationsTo: {
    select: { relationship: true, source: { select: { id: true, title: true, state: true, postedAt: true } } },
  },
  submitter: { select: { name: true } },
} satisfies Prisma.StatementSelect;

export type MailViewRow = Prisma.StatementGetPayload<{ select: typeof mailViewSelect }>;

export function mailView(row: MailViewRow): StatementMailView {
  // Mail may be forwarded anywhere: only public related statements are named in it.
  const visible = (s: { state: StatementState; postedAt: Date | null }) => isPublicState(s.state, s.postedAt);
  return {
    id: row.id,
    url: statementUrl(row.id),
    direction: row.direction,
    title: row.title,
    purpose: row.purpose,
    deadline: isoDate(row.deadline),
    consensus: row.consensus ? CONSENSUS_LABELS[row.consensus] : null,
    body: row.body,
    from: fromGroups(row).map((g) => ({ acronym: g.acronym, name: g.name })),
    to: toGroups(row).map((g) => ({ acronym: g.acronym, name: g.name })),
    fromContact: row.fromContact,
    fromLiaisonContact: row.fromLiaisonContact,
    toContact: row.toContact,
    toLiaisonContact: row.toLiaisonContact,
    otherIdentifiers: row.otherIdentifiers,
    attachments: row.attachments
      .filter((a) => !a.removedAt)
      .map((a) => ({ title: a.title, filename: a.filename, size: a.size, url: attachmentUrl(row.id, a.id) })),
    related: [
      ...row.relationsFrom
        .filter((r) => visible(r.target))
        .map((r) => ({
          title: r.target.title,
          relationship: RELATION_LABELS[r.relationship],
          url: statementUrl(r.target.id),
        })),
      ...row.relationsTo
        .filter((r) => visible(r.source))
        .map((r) => ({
          title: r.source.title,
          relationship: r.relationship === "responds_to" ? "Answered by" : "Related to",
          url: statementUrl(r.source.id),
        })),
    ],
    submitter: row.submitter.name,
  };
}

/** Each group's effective liaison managers as mailboxes (own → organization's → coordination address). */
export async function managerMailboxes(db: Db, groupIds: readonly number[]): Promise<Map<number, string[]>> {
  const groups = await db.group.findMany({
    where: { id: { in: [...groupIds] } },
    include: {
      roles: { where: { role: "liaison_manager" }, include: { person: true } },
      organization: { include: { roles: { where: { role: "liaison_manager" }, include: { person: true } } } },
    },
  });
  const coordination = env().coordinationAddress;
  const contact = (r: { email: string; person: { name: string } }) => ({ name: r.person.name, email: r.email });
  return new Map(
    groups.map((g) => [
      g.id,
      effectiveLiaisonManagers(g.roles.map(contact), g.organization.roles.map(contact), coordination).managers.map(
        (m) => (m.email === coordination ? m.email : `${m.name} <${m.email}>`),
      ),
    ]),
  );
}
