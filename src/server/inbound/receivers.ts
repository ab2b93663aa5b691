import "server-only";
import type { RoleName } from "@/generated/prisma/enums";
import { managedGroups } from "@/server/authz/policy";
import type { GroupIndex } from "@/server/authz/types";
import type { Db } from "@/server/statements/repository";
import type { DirectoryGroup } from "./match-groups";

/** Every group with what matching a cover sheet needs (names, organization, known addresses). */
export async function loadDirectory(db: Db): Promise<DirectoryGroup[]> {
  const rows = await db.group.findMany({
    include: { organization: { select: { acronym: true, name: true, side: true } } },
  });
  return rows.map((g) => ({
    id: g.id,
    acronym: g.acronym,
    name: g.name,
    isExternal: g.organization.side === "external",
    isActive: g.state === "active",
    organization: { acronym: g.organization.acronym, name: g.organization.name },
    addresses: [...g.defaultContacts, ...(g.listAddress ? [g.listAddress] : [])],
  }));
}

export interface Receiver {
  personId: number;
  mailbox: string;
  role: { role: RoleName; groupId: number | null; organizationId: number | null };
}

/**
 * Issue 18: who looks after a draft received by e-mail — the liaison managers of its sending groups (a
 * group's own, its parent's or its organization's: whoever manages it), else the IAB liaison coordinators,
 * else the Secretariat. The first is the draft's submitter; all get the notice mail.
 */
export async function receiversOf(db: Db, groups: GroupIndex, fromIds: readonly number[]): Promise<Receiver[]> {
  const roles = await db.roleAssignment.findMany({
    where: { role: { in: ["liaison_manager", "iab_liaison_coordinator", "secretariat"] }, person: { canSignIn: true } },
    include: { person: { select: { name: true } } },
    orderBy: { id: "asc" },
  });
  const asReceiver = (r: (typeof roles)[number]): Receiver => ({
    personId: r.personId,
    mailbox: `${r.person.name} <${r.email}>`,
    role: { role: r.role, groupId: r.groupId, organizationId: r.organizationId },
  });
  const unique = (list: Receiver[]) => [...new Map(list.map((r) => [r.personId, r])).values()];
  const managers = roles.filter(
    (r) => r.role === "liaison_manager" && managedGroups(groups, r).some((g) => fromIds.includes(g.id)),
  );
  if (managers.length) return unique(managers.map(asReceiver));
  const coordinators = roles.filter((r) => r.role === "iab_liaison_coordinator");
  if (coordinators.length) return unique(coordinators.map(asReceiver));
  return unique(roles.filter((r) => r.role === "secretariat").map(asReceiver));
}
