import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { groupLabel } from "@/lib/group-label";
import {
  approvalCapacity,
  approverRequirement,
  can,
  isCoAuthor,
  isStaff,
  managedGroups,
  mayView,
} from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { missingForSubmission, type REQUIRED_MESSAGES } from "@/server/statements/completeness";
import { toRef } from "@/server/statements/repository";
import { type MyStatementReason, nextStep } from "./next-step";

/** How far back "recently posted" reaches. */
export const RECENTLY_POSTED_DAYS = 60;
/** The most rows the page shows (the archive has the rest). */
const LIMIT = 200;

const FIELD_LABELS: Record<keyof typeof REQUIRED_MESSAGES, string> = {
  to: "To",
  fromContact: "From-Contact",
  toContact: "To-Contact",
  purpose: "Purpose",
  deadline: "Deadline",
  respondsTo: "In response to",
  body: "Body",
};

export interface MyStatement {
  id: number;
  title: string;
  direction: "incoming" | "outgoing";
  state: "draft" | "pending" | "approved" | "posted" | "withdrawn";
  reason: MyStatementReason;
  changedAt: Date;
  from: string[];
  to: string[];
  /** the approver's comment of a returned draft */
  returnComment: string | null;
  waitingFor: string[];
  next: string;
}

const include = {
  groups: { include: { group: { select: { acronym: true, name: true, type: true } } }, orderBy: { position: "asc" } },
  approvals: { select: { groupId: true } },
  attachments: { where: { removedAt: null }, select: { id: true } },
  relationsFrom: { where: { relationship: "responds_to" }, select: { targetId: true } },
  submitter: { select: { name: true } },
  events: {
    where: { type: { in: ["submitted", "returned"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 1,
    include: { actor: { select: { name: true } } },
  },
} satisfies Prisma.StatementInclude;
type Row = Prisma.StatementGetPayload<{ include: typeof include }>;

/** Who approves each requirement, by name: "Ada Lindqvist or Tomás Novak (AD of Web and Internet Transport)". */
async function approverNames(groups: GroupIndex): Promise<(groupId: number) => string> {
  const db = await prisma();
  const roles = await db.roleAssignment.findMany({
    where: { role: { in: ["ad", "ietf_chair", "iab_chair"] } },
    select: { role: true, groupId: true, person: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  return (groupId) => {
    const need = approverRequirement(groups, groupId);
    if (need.role === "none") return "";
    const who = roles
      .filter((r) => r.role === need.role && (need.role !== "ad" || r.groupId === need.areaId))
      .map((r) => r.person.name);
    const title =
      need.role === "ad"
        ? `AD of ${groups.get(need.areaId)?.name ?? "the area"}`
        : need.role === "ietf_chair"
          ? "IETF Chair"
          : "IAB Chair";
    return who.length ? `${who.join(" or ")} (${title})` : `the ${title}`;
  };
}

/**
 * Issue 15 §2, /statements/mine: my drafts (and my From groups' drafts), drafts returned to me, mine waiting
 * for approval, mine posted recently, and — for liaison managers, coordinators and the Secretariat — the
 * non-public statements of the relationships they look after. Newest change first.
 */
export async function myStatements(actor: Actor, groups: GroupIndex, now = new Date()): Promise<MyStatement[]> {
  const db = await prisma();
  const myGroupIds = actor.roles
    .filter((r) => (r.role === "wg_chair" || r.role === "wg_secretary") && r.groupId !== null)
    .map((r) => r.groupId as number);
  const lookedAfter = [...new Set(actor.roles.flatMap((r) => managedGroups(groups, r).map((g) => g.id)))];
  const staff = isStaff(actor);
  const mine: Prisma.StatementWhereInput = {
    OR: [{ submitterId: actor.personId }, { groups: { some: { side: "from", groupId: { in: myGroupIds } } } }],
  };
  const since = new Date(now.getTime() - RECENTLY_POSTED_DAYS * 86_400_000);
  const notPublic: Prisma.StatementWhereInput = { state: { in: ["draft", "pending", "approved"] } };
  const rows = await db.statement.findMany({
    where: {
      OR: [
        { AND: [mine, { OR: [notPublic, { state: "posted", postedAt: { gte: since } }] }] },
        ...(staff ? [notPublic] : []),
        ...(lookedAfter.length ? [{ AND: [notPublic, { groups: { some: { groupId: { in: lookedAfter } } } }] }] : []),
      ],
    },
    include,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: LIMIT,
  });
  const nameApprovers = await approverNames(groups);
  return rows
    .filter((row) => mayView(actor, groups, toRef(row)))
    .map((row) => describeRow(row, actor, groups, nameApprovers));
}

function reasonFor(row: Row, actor: Actor): MyStatementReason {
  const ref = toRef(row);
  const isMine = row.submitterId === actor.personId || isCoAuthor(actor, ref);
  if (!isMine) return "looked-after";
  if (row.state === "draft") return row.events[0]?.type === "returned" ? "returned" : "draft";
  if (row.state === "pending" || row.state === "approved" || row.state === "posted") return row.state;
  return "draft";
}

function describeRow(
  row: Row,
  actor: Actor,
  groups: GroupIndex,
  nameApprovers: (groupId: number) => string,
): MyStatement {
  const ref = toRef(row);
  const reason = reasonFor(row, actor);
  const approved = row.approvals.map((a) => a.groupId);
  const waitingFor =
    row.state === "pending"
      ? ref.fromGroupIds
          .filter((id) => !approved.includes(id))
          .map(nameApprovers)
          .filter(Boolean)
      : [];
  const missing = Object.keys(
    missingForSubmission({
      to: ref.toGroupIds,
      fromContact: row.fromContact,
      toContact: row.toContact,
      purpose: row.purpose,
      deadline: row.deadline,
      respondsTo: row.relationsFrom.map((r) => r.targetId),
      hasContent: !!row.body.trim() || row.attachments.length > 0,
    }),
  ) as (keyof typeof FIELD_LABELS)[];
  const returned = reason === "returned" ? row.events[0] : undefined;
  return {
    id: row.id,
    title: row.title,
    direction: row.direction,
    state: row.state,
    reason,
    changedAt: row.updatedAt,
    // Named as the lists name them: quic, but "3GPP TSG SA WG2", not its slug.
    from: row.groups.filter((g) => g.side === "from").map((g) => groupLabel(g.group)),
    to: row.groups.filter((g) => g.side === "to").map((g) => groupLabel(g.group)),
    returnComment: returned ? returned.text.replace(/^Returned to the submitter: /, "") : null,
    waitingFor,
    next: nextStep({
      reason,
      direction: row.direction,
      state: row.state,
      missing: missing.map((field) => FIELD_LABELS[field]),
      waitingFor,
      mayApprove:
        row.state === "pending" &&
        can(actor, "approve", ref, groups, approved) &&
        ref.fromGroupIds.some((id) => !approved.includes(id) && approvalCapacity(actor, groups, id) !== null),
      purpose: row.purpose,
      deadline: row.deadline,
      actionStatus: row.actionStatus,
      awaitingReply: row.direction === "outgoing" && row.purpose === "action" && row.actionStatus !== "taken",
      returnedBy: returned?.actor?.name ?? null,
      submitter: row.submitter.name,
    }),
  };
}
