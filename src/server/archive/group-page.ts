import "server-only";
import type { ActionStatus, Direction, GroupType, Purpose, StatementState } from "@/generated/prisma/enums";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { approverHolders } from "@/server/authz/approvers";
import { loadGroupIndex } from "@/server/authz/load";
import { approverRequirement } from "@/server/authz/policy";
import type { GroupIndex } from "@/server/authz/types";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { actingRoleLabel } from "@/server/statements/acting-role";

/** Statements shown on a group's page (newest first); the total says how many there are in all. */
export const GROUP_PAGE_STATEMENTS = 100;

export interface GroupPageStatement {
  id: number;
  title: string;
  state: StatementState;
  direction: Direction;
  purpose: Purpose | null;
  deadline: Date | null;
  postedAt: Date | null;
  actionStatus: ActionStatus;
  from: { acronym: string; name: string }[];
  to: { acronym: string; name: string }[];
}

export interface GroupPeer {
  acronym: string;
  name: string;
  organization: { acronym: string; name: string };
  /** public statements exchanged with it */
  count: number;
}

export interface GroupPage {
  group: {
    acronym: string;
    name: string;
    type: GroupType;
    isActive: boolean;
    isExternal: boolean;
    listAddress: string | null;
    organization: { acronym: string; name: string };
    parent: { acronym: string; name: string } | null;
  };
  /** chairs, secretaries, ADs (of an area), IETF/IAB Chair (of the IETF/IAB) */
  chairs: { name: string; role: string }[];
  /** who approves its statements (RFC 4053bis §4.1): the label and the people holding that role */
  approvers: { label: string; people: { name: string }[] };
  /** may it send statements at all (research groups do not, RFC 4053bis §1) */
  originates: boolean;
  statements: GroupPageStatement[];
  total: number;
  /** the groups on the other side of its public statements, most exchanged first */
  peers: GroupPeer[];
}

/**
 * /directory/<group> (issue 15, section 6): one group's liaison page — the group, its chairs and approvers,
 * its public statements in both directions (newest first, with action status) and the bodies it exchanges
 * with. Public data only, the same for every visitor (it is served script-free to anonymous visitors, ADR 008).
 */
export function groupPage(acronym: string): Promise<GroupPage | null> {
  return cachedPublic(`group-page:${acronym.toLowerCase()}`, 15_000, () => loadGroupPage(acronym));
}

const LEADER_ROLES = ["wg_chair", "wg_secretary", "ad", "ietf_chair", "iab_chair"] as const;

function approverLabel(index: GroupIndex, groupId: number): string {
  const need = approverRequirement(index, groupId);
  switch (need.role) {
    case "ad":
      return `An AD of ${index.get(need.areaId)?.name ?? "its area"}`;
    case "ietf_chair":
      return "The IETF Chair";
    case "iab_chair":
      return "The IAB Chair";
    case "none":
      return "Its own body (not approved here)";
  }
}

async function loadGroupPage(acronym: string): Promise<GroupPage | null> {
  const db = await prisma();
  const row = await db.group.findUnique({
    where: { acronym: acronym.toLowerCase() },
    include: {
      organization: { select: { acronym: true, name: true, side: true } },
      parent: { select: { acronym: true, name: true } },
      roles: {
        where: { role: { in: [...LEADER_ROLES] } },
        include: { person: { select: { name: true } } },
        orderBy: { id: "asc" },
      },
    },
  });
  if (!row) return null;
  const index = await loadGroupIndex();
  const need = approverRequirement(index, row.id);
  const approverRoles = (await approverHolders(db))(need);

  const where = { AND: [PUBLIC_STATEMENT_WHERE, { groups: { some: { groupId: row.id } } }] };
  const statementSelect = {
    id: true,
    title: true,
    state: true,
    direction: true,
    purpose: true,
    deadline: true,
    postedAt: true,
    actionStatus: true,
    groups: {
      select: {
        side: true,
        group: {
          select: { id: true, acronym: true, name: true, organization: { select: { acronym: true, name: true } } },
        },
      },
      orderBy: { position: "asc" as const },
    },
  };
  const rows = await db.statement.findMany({
    where,
    select: statementSelect,
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
  });

  const isExternal = row.organization.side === "external";
  const peers = new Map<number, GroupPeer>();
  for (const st of rows) {
    const ownSide = st.groups.find((g) => g.group.id === row.id)?.side;
    for (const g of st.groups) {
      if (g.side === ownSide || g.group.id === row.id) continue;
      const peer = peers.get(g.group.id) ?? {
        acronym: g.group.acronym,
        name: g.group.name,
        organization: g.group.organization,
        count: 0,
      };
      peer.count++;
      peers.set(g.group.id, peer);
    }
  }
  return {
    group: {
      acronym: row.acronym,
      name: row.name,
      type: row.type,
      isActive: row.state === "active",
      isExternal,
      listAddress: row.listAddress,
      organization: { acronym: row.organization.acronym, name: row.organization.name },
      parent: row.parent,
    },
    chairs: row.roles.map((r) => ({ name: r.person.name, role: actingRoleLabel(r.role, null, null) })),
    approvers: {
      label: approverLabel(index, row.id),
      people: [...new Map(approverRoles.map((r) => [r.person.name, { name: r.person.name }])).values()],
    },
    originates: !isExternal && row.type !== "rg",
    total: rows.length,
    statements: rows.slice(0, GROUP_PAGE_STATEMENTS).map(({ groups, ...st }) => ({
      ...st,
      from: groups.filter((g) => g.side === "from").map((g) => ({ acronym: g.group.acronym, name: g.group.name })),
      to: groups.filter((g) => g.side === "to").map((g) => ({ acronym: g.group.acronym, name: g.group.name })),
    })),
    peers: [...peers.values()].sort((a, b) => b.count - a.count || a.acronym.localeCompare(b.acronym)),
  };
}
