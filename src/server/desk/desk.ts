import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Purpose } from "@/generated/prisma/enums";
import { daysBetween, isoDate, parseIsoDate } from "@/lib/dates";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { isApprover } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { isPublicState } from "@/server/statements/lifecycle";
import { type DeskLinks, deskLinks } from "./links";
import { assertDeskUser, loadRelationshipDirectory, type Relationship, relationshipsFor } from "./relationships";

/** "Statements in and out" on the desk count this many days back. */
export const DESK_WINDOW_DAYS = 90;

export interface DeskItem {
  id: number;
  title: string;
  purpose: Purpose | null;
  deadline: string | null;
  /** whole days to the deadline (negative: overdue) */
  daysLeft: number | null;
  postedOn: string | null;
  submittedOn: string | null;
  /** lists name external groups by name (lib/group-label) */
  from: { acronym: string; name: string; type: string }[];
  to: { acronym: string; name: string; type: string }[];
  assignee: string | null;
}

export interface DeskSection {
  relationship: Relationship;
  /** where each number leads */
  links: DeskLinks;
  /** incoming statements posted since `since` */
  received: number;
  /** outgoing statements posted since `since` */
  sent: number;
  /** incoming statements whose action is needed, overdue first */
  actionNeeded: DeskItem[];
  /** the same, without an assignee */
  unassigned: DeskItem[];
  /** posted outgoing For-action statements with no posted reply from the peer and the action not taken */
  awaitingPeer: DeskItem[];
  /** outgoing statements to the body still waiting for approval */
  pendingApproval: DeskItem[];
}

export interface Desk {
  /** the first day counted in `received` / `sent` (YYYY-MM-DD) */
  since: string;
  sections: DeskSection[];
}

/** A reply from the peer: a posted incoming statement that responds to this one. */
const PEER_REPLY = {
  relationship: "responds_to",
  source: { state: "posted", direction: "incoming" },
} satisfies Prisma.StatementRelationWhereInput;

const deskInclude = {
  groups: { include: { group: { select: { acronym: true, name: true, type: true } } }, orderBy: { position: "asc" } },
  assignee: { select: { name: true } },
  relationsTo: { where: PEER_REPLY, select: { id: true } },
} satisfies Prisma.StatementInclude;

type DeskRow = Prisma.StatementGetPayload<{ include: typeof deskInclude }>;

const sideIds = (row: DeskRow, side: "from" | "to") => row.groups.filter((g) => g.side === side).map((g) => g.groupId);
const byDeadline = (a: DeskRow, b: DeskRow) =>
  (a.deadline?.getTime() ?? Number.POSITIVE_INFINITY) - (b.deadline?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.id - b.id;

function deskItem(row: DeskRow, today: Date): DeskItem {
  return {
    id: row.id,
    title: row.title,
    purpose: row.purpose,
    deadline: isoDate(row.deadline),
    daysLeft: row.deadline ? daysBetween(today, row.deadline) : null,
    postedOn: isoDate(row.postedAt),
    submittedOn: isoDate(row.submittedAt ?? row.createdAt),
    from: row.groups.filter((g) => g.side === "from").map((g) => g.group),
    to: row.groups.filter((g) => g.side === "to").map((g) => g.group),
    assignee: row.assignee?.name ?? null,
  };
}

/**
 * Issue 9, the liaison manager's desk: for every relationship the person looks after, the statements
 * exchanged in the last 90 days, the incoming actions still open (and those nobody is assigned), the
 * outgoing For-action statements awaiting the peer's reply, and what is waiting for approval.
 */
export async function deskOverview(actor: Actor | null, groups: GroupIndex, now = new Date()): Promise<Desk> {
  assertDeskUser(actor);
  const db = await prisma();
  const relationships = relationshipsFor(actor, groups, await loadRelationshipDirectory(db));
  const today = parseIsoDate(isoDate(now)!)!;
  const since = new Date(today.getTime() - DESK_WINDOW_DAYS * 86_400_000);
  const groupIds = [...new Set(relationships.flatMap((r) => r.groupIds))];
  const touching = { groups: { some: { groupId: { in: groupIds } } } } satisfies Prisma.StatementWhereInput;
  const rows = groupIds.length
    ? await db.statement.findMany({
        where: {
          AND: [
            touching,
            {
              OR: [
                { AND: [PUBLIC_STATEMENT_WHERE, { postedAt: { gte: since } }] },
                { state: "posted", direction: "incoming", actionStatus: "needed" },
                {
                  state: "posted",
                  direction: "outgoing",
                  purpose: "action",
                  actionStatus: { notIn: ["taken", "unknown_imported"] },
                  relationsTo: { none: PEER_REPLY },
                },
                { state: "pending" },
              ],
            },
          ],
        },
        include: deskInclude,
        orderBy: [{ postedAt: "asc" }, { id: "asc" }],
      })
    : [];
  const sections = relationships.map((relationship): DeskSection => {
    const mine = (ids: number[]) => ids.some((id) => relationship.groupIds.includes(id));
    const incoming = rows.filter((r) => r.direction === "incoming" && mine(sideIds(r, "from")));
    const outgoing = rows.filter((r) => r.direction === "outgoing" && mine(sideIds(r, "to")));
    const recent = (r: DeskRow) => isPublicState(r.state, r.postedAt) && r.postedAt !== null && r.postedAt >= since;
    const needed = incoming.filter((r) => r.state === "posted" && r.actionStatus === "needed").sort(byDeadline);
    const awaiting = outgoing.filter(
      (r) =>
        r.state === "posted" &&
        r.purpose === "action" &&
        !["taken", "unknown_imported"].includes(r.actionStatus) &&
        r.relationsTo.length === 0,
    );
    return {
      relationship,
      links: deskLinks(relationship, isoDate(since)!, isApprover(actor)),
      received: incoming.filter(recent).length,
      sent: outgoing.filter(recent).length,
      actionNeeded: needed.map((r) => deskItem(r, today)),
      unassigned: needed.filter((r) => r.assigneeId === null).map((r) => deskItem(r, today)),
      awaitingPeer: awaiting.sort(byDeadline).map((r) => deskItem(r, today)),
      pendingApproval: outgoing.filter((r) => r.state === "pending").map((r) => deskItem(r, today)),
    };
  });
  return { since: isoDate(since)!, sections };
}
