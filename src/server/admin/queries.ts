import "server-only";
import type { GroupState, GroupType, OrganizationSide, RoleName } from "@/generated/prisma/enums";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { assertAdministrator } from "./common";

/** Read models of the administration pages (organizations, groups, role rows, form choices). */

export interface RoleRow {
  id: number;
  role: RoleName;
  personId: number;
  personName: string;
  email: string;
  /** what the role sits on, e.g. "3GPP (3gpp)"; null for the Secretariat */
  scope: string | null;
  scopeHref: string | null;
  /** where the role came from: the Datatracker (sign-in or import; replaced at the next Datatracker sign-in) or granted here */
  source: "local" | "from the Datatracker";
}

type RoleWithScope = {
  id: number;
  role: RoleName;
  email: string;
  fromDatatracker: boolean;
  person: { id: number; name: string };
  group?: { id: number; acronym: string; name: string } | null;
  organization?: { id: number; acronym: string; name: string } | null;
};

export function toRoleRow(r: RoleWithScope): RoleRow {
  const scope = r.group ?? r.organization ?? null;
  return {
    id: r.id,
    role: r.role,
    personId: r.person.id,
    personName: r.person.name,
    email: r.email,
    scope: scope ? `${scope.name} (${scope.acronym})` : null,
    scopeHref: r.group
      ? `/admin/groups/${r.group.id}`
      : r.organization
        ? `/admin/organizations/${r.organization.id}`
        : null,
    source: r.fromDatatracker ? "from the Datatracker" : "local",
  };
}

const roleInclude = { person: { select: { id: true, name: true } } } as const;

export async function listOrganizations(actor: Actor | null) {
  assertAdministrator(actor);
  const db = await prisma();
  const rows = await db.organization.findMany({
    orderBy: [{ side: "asc" }, { acronym: "asc" }],
    include: {
      _count: { select: { groups: true } },
      roles: { where: { role: "liaison_manager" }, include: roleInclude, orderBy: { id: "asc" } },
    },
  });
  return rows.map((o) => ({
    id: o.id,
    acronym: o.acronym,
    name: o.name,
    side: o.side,
    hasFormalRelationship: o.hasFormalRelationship,
    groupCount: o._count.groups,
    managers: o.roles.map((r) => r.person.name),
  }));
}

export async function getOrganization(actor: Actor | null, id: number) {
  assertAdministrator(actor);
  const db = await prisma();
  const o = await db.organization.findUnique({
    where: { id },
    include: {
      groups: {
        orderBy: [{ state: "asc" }, { acronym: "asc" }],
        select: { id: true, acronym: true, name: true, type: true, state: true },
      },
      roles: { include: { ...roleInclude, organization: true }, orderBy: { id: "asc" } },
    },
  });
  if (!o) return null;
  return { ...o, roles: o.roles.map(toRoleRow) };
}

export interface GroupRow {
  id: number;
  acronym: string;
  name: string;
  type: GroupType;
  state: GroupState;
  organization: string;
  parent: string | null;
  managers: string[];
}

export async function listGroups(
  actor: Actor | null,
  filter: { organization?: string; state?: GroupState },
): Promise<GroupRow[]> {
  assertAdministrator(actor);
  const db = await prisma();
  const rows = await db.group.findMany({
    where: {
      ...(filter.organization ? { organization: { acronym: filter.organization } } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    },
    orderBy: [{ organization: { acronym: "asc" } }, { acronym: "asc" }],
    include: {
      organization: { select: { acronym: true } },
      parent: { select: { acronym: true } },
      roles: { where: { role: "liaison_manager" }, include: roleInclude, orderBy: { id: "asc" } },
    },
  });
  return rows.map((g) => ({
    id: g.id,
    acronym: g.acronym,
    name: g.name,
    type: g.type,
    state: g.state,
    organization: g.organization.acronym,
    parent: g.parent?.acronym ?? null,
    managers: g.roles.map((r) => r.person.name),
  }));
}

export async function getGroup(actor: Actor | null, id: number) {
  assertAdministrator(actor);
  const db = await prisma();
  const g = await db.group.findUnique({
    where: { id },
    include: {
      organization: true,
      parent: { select: { id: true, acronym: true, name: true } },
      children: { orderBy: { acronym: "asc" }, select: { id: true, acronym: true, name: true, state: true } },
      roles: { include: { ...roleInclude, group: true }, orderBy: [{ role: "asc" }, { id: "asc" }] },
    },
  });
  if (!g) return null;
  return { ...g, roles: g.roles.map(toRoleRow) };
}

export interface OrganizationChoice {
  id: number;
  acronym: string;
  name: string;
  side: OrganizationSide;
}

export async function organizationChoices(actor: Actor | null): Promise<OrganizationChoice[]> {
  assertAdministrator(actor);
  const db = await prisma();
  return db.organization.findMany({
    orderBy: { acronym: "asc" },
    select: { id: true, acronym: true, name: true, side: true },
  });
}

export interface GroupChoice {
  id: number;
  acronym: string;
  name: string;
  type: GroupType;
  state: GroupState;
  organization: string;
  isExternal: boolean;
}

export async function groupChoices(actor: Actor | null): Promise<GroupChoice[]> {
  assertAdministrator(actor);
  const db = await prisma();
  const rows = await db.group.findMany({
    orderBy: [{ organization: { acronym: "asc" } }, { acronym: "asc" }],
    include: { organization: { select: { acronym: true, side: true } } },
  });
  return rows.map((g) => ({
    id: g.id,
    acronym: g.acronym,
    name: g.name,
    type: g.type,
    state: g.state,
    organization: g.organization.acronym,
    isExternal: g.organization.side === "external",
  }));
}
