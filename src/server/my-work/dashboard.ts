import "server-only";
import { groupLabel } from "@/lib/group-label";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { isWithin } from "@/server/authz/groups";
import { can, isStaff, managedGroups } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { approvalQueue } from "@/server/statements/queries";
import { toRef } from "@/server/statements/repository";
import { myStatements } from "./my-statements";

/** How many days ahead "deadlines this week" looks (today included). */
export const DEADLINE_DAYS = 7;
const RECENT = 10;

export interface DashboardStatement {
  id: number;
  title: string;
  direction: "incoming" | "outgoing";
  from: string[];
  to: string[];
  deadline: Date | null;
  postedAt: Date | null;
  /** posted, then withdrawn (the recent list shows it so) */
  isWithdrawn?: boolean;
  /** a word on why it is listed: "submitted by …", "assigned to you", the return comment */
  note: string | null;
}

export interface Dashboard {
  approvals: DashboardStatement[];
  returned: DashboardStatement[];
  assignedToMe: DashboardStatement[];
  deadlinesThisWeek: DashboardStatement[];
  recent: DashboardStatement[];
  /** the groups of the person's roles, under the heading ("QUIC", "Web and Internet Transport") */
  myGroupNames: string[];
}

/** The internal and external groups a person's roles tie them to (staff: none — they see every group). */
export function groupsOf(actor: Actor, groups: GroupIndex): number[] {
  const ids = new Set<number>();
  for (const role of actor.roles) {
    for (const g of managedGroups(groups, role)) ids.add(g.id);
    if (role.groupId === null) continue;
    if (role.role === "ad") {
      for (const g of groups.values()) if (isWithin(groups, g.id, role.groupId)) ids.add(g.id);
    } else if (role.role !== "liaison_manager") {
      ids.add(role.groupId);
    }
  }
  return [...ids];
}

// Named as the lists name them (src/lib/group-label.ts): quic, but "3GPP TSG SA WG2", not its slug.
type GroupLabelFields = Parameters<typeof groupLabel>[0];
const sides = (row: { groups: { side: "from" | "to"; group: GroupLabelFields }[] }) => ({
  from: row.groups.filter((g) => g.side === "from").map((g) => groupLabel(g.group)),
  to: row.groups.filter((g) => g.side === "to").map((g) => groupLabel(g.group)),
});
const groupInclude = {
  groups: {
    include: { group: { select: { acronym: true, name: true, type: true } } },
    orderBy: { position: "asc" as const },
  },
};

/**
 * Issue 15 §2: the signed-in home page. What waits for the person first — approvals, drafts returned to
 * them, actions assigned to them, deadlines within the week — then the recent posted statements of their groups.
 */
export async function dashboardFor(actor: Actor, groups: GroupIndex, now = new Date()): Promise<Dashboard> {
  const db = await prisma();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekEnd = new Date(today.getTime() + DEADLINE_DAYS * 86_400_000);
  const mine = groupsOf(actor, groups);
  const staff = isStaff(actor);
  const groupFilter = staff ? {} : { groups: { some: { groupId: { in: mine } } } };

  const [queue, statements, assigned, dueSoon, recent] = await Promise.all([
    approvalQueue(actor, groups),
    myStatements(actor, groups, now),
    db.statement.findMany({
      where: { state: "posted", actionStatus: "needed", assigneeId: actor.personId },
      include: groupInclude,
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
    }),
    db.statement.findMany({
      where: {
        state: "posted",
        purpose: "action",
        actionStatus: { in: ["needed", "none"] },
        deadline: { gte: today, lt: weekEnd },
        ...groupFilter,
      },
      include: groupInclude,
      orderBy: [{ deadline: "asc" }, { id: "asc" }],
    }),
    db.statement.findMany({
      where: { AND: [PUBLIC_STATEMENT_WHERE, groupFilter] },
      include: groupInclude,
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      take: RECENT,
    }),
  ]);

  const posted = (row: (typeof recent)[number], note: string | null = null): DashboardStatement => ({
    id: row.id,
    title: row.title,
    direction: row.direction,
    ...sides(row),
    deadline: row.deadline,
    postedAt: row.postedAt,
    isWithdrawn: row.state === "withdrawn",
    note,
  });
  return {
    approvals: queue.map((q) => ({
      id: q.id,
      title: q.title,
      direction: "outgoing",
      from: q.from.map(groupLabel),
      to: q.to.map(groupLabel),
      deadline: q.deadline,
      postedAt: null,
      note: `Submitted by ${q.submitter}`,
    })),
    returned: statements
      .filter((s) => s.reason === "returned")
      .map((s) => ({
        id: s.id,
        title: s.title,
        direction: s.direction,
        from: s.from,
        to: s.to,
        deadline: null,
        postedAt: null,
        note: s.returnComment,
      })),
    assignedToMe: assigned.map((row) => posted(row, "Assigned to you")),
    // Incoming ones the person may act on; outgoing ones awaiting the peer's reply, of their groups.
    deadlinesThisWeek: dueSoon
      .filter((row) =>
        row.direction === "incoming"
          ? row.actionStatus === "needed" && can(actor, "markActionTaken", toRef(row), groups)
          : row.actionStatus !== "taken",
      )
      .map((row) => posted(row, row.direction === "incoming" ? "Action needed" : "Awaiting the reply")),
    recent: recent.map((row) => posted(row)),
    myGroupNames: staff
      ? []
      : [
          ...new Set(
            actor.roles.flatMap((r) => (r.groupId === null ? [] : [groups.get(r.groupId)?.name ?? ""])).filter(Boolean),
          ),
        ],
  };
}
