import "server-only";
import { env } from "@/env";
import type { GroupState, GroupType, OrganizationSide, RoleName } from "@/generated/prisma/enums";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { type Contact, type EffectiveManagers, effectiveLiaisonManagers } from "./liaison-managers";

export interface DirectoryGroup {
  acronym: string;
  name: string;
  type: GroupType;
  state: GroupState;
  depth: number;
  listAddress: string | null;
  /** chairs, secretaries, ADs, IETF/IAB chairs of internal groups */
  leaders: (Contact & { role: RoleName })[];
  /** the group's own liaison managers */
  managers: Contact[];
  /** who is copied on mail for this group (own managers → organization's → coordination address) */
  effective: EffectiveManagers;
}

export interface DirectoryOrganization {
  acronym: string;
  name: string;
  url: string | null;
  side: OrganizationSide;
  hasFormalRelationship: boolean;
  managers: Contact[];
  groups: DirectoryGroup[];
}

const LEADER_ROLES: RoleName[] = [
  "ietf_chair",
  "iab_chair",
  "ad",
  "wg_chair",
  "wg_secretary",
  "iab_liaison_coordinator",
];

/** The public directory: every organization, its groups (as a tree) and their liaison managers. */
export function listDirectory(): Promise<DirectoryOrganization[]> {
  return cachedPublic("directory", 60_000, loadDirectory);
}

async function loadDirectory(): Promise<DirectoryOrganization[]> {
  const db = await prisma();
  const organizations = await db.organization.findMany({
    orderBy: [{ side: "asc" }, { name: "asc" }],
    include: {
      roles: { where: { role: "liaison_manager" }, include: { person: true }, orderBy: { id: "asc" } },
      groups: {
        include: {
          roles: { include: { person: true }, orderBy: { id: "asc" } },
        },
      },
    },
  });
  const coordination = env().coordinationAddress;

  return organizations.map((org) => {
    const orgManagers = org.roles.map((r) => ({ name: r.person.name, email: r.email }));
    const byParent = new Map<number | null, typeof org.groups>();
    const ids = new Set(org.groups.map((g) => g.id));
    for (const group of org.groups) {
      // A parent in another organization (not expected) is treated as a root, so nothing disappears.
      const key = group.parentId !== null && ids.has(group.parentId) ? group.parentId : null;
      byParent.set(key, [...(byParent.get(key) ?? []), group]);
    }
    const ordered: DirectoryGroup[] = [];
    const visit = (parentId: number | null, depth: number) => {
      const children = (byParent.get(parentId) ?? []).sort(
        (a, b) => a.state.localeCompare(b.state) || a.acronym.localeCompare(b.acronym),
      );
      for (const group of children) {
        const managers = group.roles
          .filter((r) => r.role === "liaison_manager")
          .map((r) => ({ name: r.person.name, email: r.email }));
        ordered.push({
          acronym: group.acronym,
          name: group.name,
          type: group.type,
          state: group.state,
          depth,
          listAddress: group.listAddress,
          leaders: group.roles
            .filter((r) => LEADER_ROLES.includes(r.role))
            .map((r) => ({ name: r.person.name, email: r.email, role: r.role })),
          managers,
          effective: effectiveLiaisonManagers(managers, orgManagers, coordination),
        });
        visit(group.id, depth + 1);
      }
    };
    visit(null, 0);
    return {
      acronym: org.acronym,
      name: org.name,
      url: org.url,
      side: org.side,
      hasFormalRelationship: org.hasFormalRelationship,
      managers: orgManagers,
      groups: ordered,
    };
  });
}
