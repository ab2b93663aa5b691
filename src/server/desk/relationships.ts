import "server-only";
import { isWithin } from "@/server/authz/groups";
import { isStaff, managedGroups, mayUseDesk } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError, forbiddenError } from "@/server/errors";
import type { Db } from "@/server/statements/repository";

/**
 * A relationship the desk looks after: an external organization (3GPP), or one external group and its
 * sub-groups when that is what a liaison manager was appointed for (ITU-T SG15).
 */
export interface Relationship {
  kind: "organization" | "group";
  /** the organization's or the group's id */
  id: number;
  /** also what the /statements filters take (`from=3gpp`, `to=itu-t-sg15`) */
  acronym: string;
  name: string;
  /** of the organization */
  hasFormalRelationship: boolean;
  /** every external group the relationship covers */
  groupIds: number[];
  /** liaison managers whose remit covers any of its groups, with the acronym of the role's scope */
  managers: { name: string; email: string; scope: string }[];
}

/** The directory facts relationships are made of (organizations are external ones only). */
export interface RelationshipDirectory {
  organizations: { id: number; acronym: string; name: string; hasFormalRelationship: boolean }[];
  managerRoles: { groupId: number | null; organizationId: number | null; email: string; name: string; scope: string }[];
}

export async function loadRelationshipDirectory(db: Db): Promise<RelationshipDirectory> {
  const [organizations, roles] = await Promise.all([
    db.organization.findMany({ where: { side: "external" }, orderBy: { name: "asc" } }),
    db.roleAssignment.findMany({
      where: { role: "liaison_manager" },
      include: {
        person: { select: { name: true } },
        group: { select: { acronym: true } },
        organization: { select: { acronym: true } },
      },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    organizations: organizations.map((o) => ({
      id: o.id,
      acronym: o.acronym,
      name: o.name,
      hasFormalRelationship: o.hasFormalRelationship,
    })),
    managerRoles: roles.map((r) => ({
      groupId: r.groupId,
      organizationId: r.organizationId,
      email: r.email,
      name: r.person.name,
      scope: r.group?.acronym ?? r.organization?.acronym ?? "",
    })),
  };
}

/**
 * The relationships a person looks after (issue 9): a liaison manager's organizations and external
 * groups; the Secretariat and IAB liaison coordinators see every external organization. Pure.
 */
export function relationshipsFor(
  actor: Actor | null,
  index: GroupIndex,
  directory: RelationshipDirectory,
): Relationship[] {
  if (!actor || !mayUseDesk(actor)) return [];
  const groups = [...index.values()];
  const orgById = new Map(directory.organizations.map((o) => [o.id, o]));
  const managersOf = (groupIds: number[]) =>
    directory.managerRoles
      .filter((r) =>
        managedGroups(index, { role: "liaison_manager", groupId: r.groupId, organizationId: r.organizationId }).some(
          (g) => groupIds.includes(g.id),
        ),
      )
      .map((r) => ({ name: r.name, email: r.email, scope: r.scope }));
  const ofOrganization = (org: RelationshipDirectory["organizations"][number]): Relationship => {
    const groupIds = groups.filter((g) => g.isExternal && g.organizationId === org.id).map((g) => g.id);
    return { kind: "organization", ...org, groupIds, managers: managersOf(groupIds) };
  };
  if (isStaff(actor)) return directory.organizations.map(ofOrganization);
  const found = new Map<string, Relationship>();
  for (const role of actor.roles) {
    if (role.role !== "liaison_manager") continue;
    const org = role.organizationId !== null ? orgById.get(role.organizationId) : undefined;
    if (org) {
      found.set(`organization:${org.id}`, ofOrganization(org));
      continue;
    }
    const group = role.groupId !== null ? index.get(role.groupId) : undefined;
    const parentOrg = group ? orgById.get(group.organizationId) : undefined;
    if (!group?.isExternal || !parentOrg) continue;
    const groupIds = groups.filter((g) => g.isExternal && isWithin(index, g.id, group.id)).map((g) => g.id);
    found.set(`group:${group.id}`, {
      kind: "group",
      id: group.id,
      acronym: group.acronym,
      name: group.name,
      hasFormalRelationship: parentOrg.hasFormalRelationship,
      groupIds,
      managers: managersOf(groupIds),
    });
  }
  // A group already covered by one of the person's organizations is not a relationship of its own.
  const orgGroupIds = new Set([...found.values()].filter((r) => r.kind === "organization").flatMap((r) => r.groupIds));
  return [...found.values()]
    .filter((r) => r.kind === "organization" || !orgGroupIds.has(r.id))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The desk is for liaison managers, coordinators and the Secretariat: everyone else gets FORBIDDEN. */
export function assertDeskUser(actor: Actor | null): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!mayUseDesk(actor)) throw forbiddenError("use the liaison manager's desk");
}

export const ALL_RELATIONSHIPS = "all";

/**
 * The relationship a report is about: one the person looks after, or (staff only) all of them.
 * A liaison manager naming any other body gets FORBIDDEN; staff naming an unknown one NOT_FOUND.
 */
export function chooseRelationship(actor: Actor, relationships: Relationship[], acronym: string): Relationship | null {
  const wanted = acronym.trim().toLowerCase();
  if (wanted === ALL_RELATIONSHIPS) {
    if (!isStaff(actor)) throw forbiddenError("report on every relationship");
    return null;
  }
  const match = relationships.find((r) => r.acronym.toLowerCase() === wanted);
  if (match) return match;
  if (isStaff(actor)) throw new AppError("NOT_FOUND", `There is no relationship "${acronym}".`);
  throw forbiddenError(`report on "${acronym}"; you may report only on the relationships you manage`);
}
