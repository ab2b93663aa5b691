import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { DEMO_GROUPS, DEMO_ORGANIZATIONS, DEMO_PEOPLE } from "./demo-data";
import { emailRows, groupInput, organizationInput, personRow, roleInput } from "./factories";

/** Ids of the demo directory by natural key, and how many rows this run added. */
export interface SeededDirectory {
  organizations: Map<string, number>;
  groups: Map<string, number>;
  /** by primary e-mail address */
  people: Map<string, number>;
  added: { organizations: number; groups: number; people: number; roles: number };
}

export function idOf(ids: Map<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`Demo data: unknown reference ${key}`);
  return id;
}

/**
 * Adds the organizations, groups, people and roles that are missing, matched by natural key (acronym,
 * e-mail address, person × role × group/organization). Existing rows are left as they are, so running the
 * seed again never resets what an administrator changed (names, passwords). Works in bulk: every query
 * costs milliseconds on the embedded database, so a row-by-row seed would slow every first start.
 */
export async function seedDirectory(
  tx: Prisma.TransactionClient,
  hashOf: (password: string) => Promise<string>,
): Promise<SeededDirectory> {
  const organizations = new Map<string, number>();
  const groups = new Map<string, number>();
  const people = new Map<string, number>();
  const added = { organizations: 0, groups: 0, people: 0, roles: 0 };

  const acronyms = DEMO_ORGANIZATIONS.map((o) => o.acronym);
  for (const row of await tx.organization.findMany({ where: { acronym: { in: acronyms } } })) {
    organizations.set(row.acronym, row.id);
  }
  const newOrganizations = DEMO_ORGANIZATIONS.filter((o) => !organizations.has(o.acronym));
  if (newOrganizations.length) {
    const rows = await tx.organization.createManyAndReturn({
      data: newOrganizations.map((org) => organizationInput({ ...org })),
      select: { id: true, acronym: true },
    });
    for (const row of rows) organizations.set(row.acronym, row.id);
    added.organizations = rows.length;
  }

  const groupAcronyms = DEMO_GROUPS.map((g) => g.acronym);
  for (const row of await tx.group.findMany({ where: { acronym: { in: groupAcronyms } } })) {
    groups.set(row.acronym, row.id);
  }
  // In waves: a group is inserted once its parent has an id (areas before WGs, TSGs before their WGs).
  let pending = DEMO_GROUPS.filter((g) => !groups.has(g.acronym));
  while (pending.length) {
    const ready = pending.filter((g) => !g.parent || groups.has(g.parent));
    if (!ready.length)
      throw new Error(`Demo data: groups with unknown parents: ${pending.map((g) => g.acronym).join(", ")}`);
    const rows = await tx.group.createManyAndReturn({
      data: ready.map((group) =>
        groupInput(idOf(organizations, group.organization), {
          acronym: group.acronym,
          name: group.name,
          type: group.type,
          state: group.state ?? "active",
          parentId: group.parent ? idOf(groups, group.parent) : null,
          listAddress: group.listAddress ?? null,
          defaultContacts: [...(group.defaultContacts ?? [])],
        }),
      ),
      select: { id: true, acronym: true },
    });
    for (const row of rows) groups.set(row.acronym, row.id);
    added.groups += rows.length;
    pending = pending.filter((g) => !groups.has(g.acronym));
  }

  const addresses = DEMO_PEOPLE.map((p) => p.email.toLowerCase());
  for (const row of await tx.emailAddress.findMany({ where: { address: { in: addresses } } })) {
    people.set(row.address, row.personId);
  }
  const newPeople = DEMO_PEOPLE.filter((p) => !people.has(p.email.toLowerCase()));
  if (newPeople.length) {
    // Demo names are unique, which lets the returned rows be matched back to their people.
    const data = await Promise.all(
      newPeople.map(async (person) =>
        personRow({
          name: person.name,
          passwordHash: person.password ? await hashOf(person.password) : null,
          // Only the demo accounts sign in; the others exist for roles, approvals and mail recipients.
          canSignIn: person.password !== undefined,
        }),
      ),
    );
    const rows = await tx.person.createManyAndReturn({ data, select: { id: true, name: true } });
    const idByName = new Map(rows.map((row) => [row.name, row.id]));
    for (const person of newPeople) people.set(person.email.toLowerCase(), idOf(idByName, person.name));
    await tx.emailAddress.createMany({
      data: newPeople.flatMap((p) => emailRows(idOf(people, p.email.toLowerCase()), p.email, p.otherEmails)),
    });
    added.people = rows.length;
  }

  const existingRoles = await tx.roleAssignment.findMany({ where: { personId: { in: [...people.values()] } } });
  const roleKey = (r: { personId: number; role: string; groupId: number | null; organizationId: number | null }) =>
    [r.personId, r.role, r.groupId, r.organizationId].join("|");
  const known = new Set(existingRoles.map(roleKey));
  const newRoles = DEMO_PEOPLE.flatMap((person) =>
    person.roles.map((role) =>
      roleInput(
        idOf(people, person.email.toLowerCase()),
        role.role,
        {
          groupId: role.group ? idOf(groups, role.group) : null,
          organizationId: role.organization ? idOf(organizations, role.organization) : null,
        },
        { email: role.email ?? person.email },
      ),
    ),
  ).filter(
    (role) =>
      !known.has(roleKey({ ...role, groupId: role.groupId ?? null, organizationId: role.organizationId ?? null })),
  );
  if (newRoles.length) added.roles = (await tx.roleAssignment.createMany({ data: newRoles })).count;

  return { organizations, groups, people, added };
}
