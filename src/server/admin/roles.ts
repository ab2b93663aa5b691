import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { ROLE_LABELS } from "@/lib/labels";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { type AuditRecord, diffFields, recordAudit, removedFields } from "./audit";
import { assertAdministrator, fieldError, notFound } from "./common";
import { roleScopeProblem } from "./role-scope";
import type { AssignRoleInput, RemoveRoleInput } from "./schema";

async function resolvePerson(tx: Prisma.TransactionClient, input: AssignRoleInput) {
  if (input.personId !== null) {
    const person = await tx.person.findUnique({ where: { id: input.personId }, include: { emails: true } });
    if (!person) throw notFound("person");
    return person;
  }
  const address = input.person ?? "";
  const owner = await tx.emailAddress.findUnique({
    where: { address },
    include: { person: { include: { emails: true } } },
  });
  if (!owner) throw fieldError("person", `Nobody has the address ${address}. Add the person under People first.`);
  return owner.person;
}

function snapshot(
  r: { role: AssignRoleInput["role"]; email: string },
  person: string,
  group?: string,
  org?: string,
): AuditRecord {
  return { person, role: r.role, group: group ?? null, organization: org ?? null, email: r.email };
}

const scopeText = (group?: { name: string } | null, org?: { name: string } | null) =>
  group ? ` of ${group.name}` : org ? ` of ${org.name}` : "";

/** Assigns a role (docs/domain.md "Entities and roles"); its address defaults to the person's primary one. */
export async function assignRole(actor: Actor | null, input: AssignRoleInput): Promise<{ id: number }> {
  assertAdministrator(actor);
  return inTransaction(async (tx) => {
    const person = await resolvePerson(tx, input);
    const group =
      input.groupId === null
        ? null
        : await tx.group.findUnique({ where: { id: input.groupId }, include: { organization: true } });
    if (input.groupId !== null && !group) throw fieldError("groupId", "Choose a group.");
    const org =
      input.organizationId === null ? null : await tx.organization.findUnique({ where: { id: input.organizationId } });
    if (input.organizationId !== null && !org) throw fieldError("organizationId", "Choose an organization.");
    const problem = roleScopeProblem(
      input.role,
      group && { acronym: group.acronym, type: group.type, isExternal: group.organization.side === "external" },
      org && { acronym: org.acronym, isExternal: org.side === "external" },
    );
    if (problem) throw fieldError(problem.field, problem.message);
    const duplicate = await tx.roleAssignment.findFirst({
      where: { personId: person.id, role: input.role, groupId: group?.id ?? null, organizationId: org?.id ?? null },
    });
    const label = `${ROLE_LABELS[input.role]}${scopeText(group, org)}`;
    if (duplicate)
      throw fieldError(
        input.personId !== null ? "role" : "person",
        `${person.name} is already ${label}.`,
        "ALREADY_EXISTS",
      );
    const email = input.email ?? person.emails.find((e) => e.isPrimary && e.isActive)?.address;
    if (!email)
      throw fieldError("email", `${person.name} has no active primary address: enter the address used in this role.`);
    const created = await tx.roleAssignment.create({
      data: {
        personId: person.id,
        role: input.role,
        groupId: group?.id ?? null,
        organizationId: org?.id ?? null,
        email,
      },
    });
    await recordAudit(tx, actor, {
      entityType: "role",
      entityId: created.id,
      action: "assign",
      summary: `Made ${person.name} ${label} (${email})`,
      changes: diffFields(null, snapshot({ role: input.role, email }, person.name, group?.acronym, org?.acronym)),
    });
    return { id: created.id };
  });
}

/** Removes a role assignment: the only administrative hard delete; the audit row keeps what it was. */
export async function removeRole(actor: Actor | null, input: RemoveRoleInput): Promise<void> {
  assertAdministrator(actor);
  await inTransaction(async (tx) => {
    const role = await tx.roleAssignment.findUnique({
      where: { id: input.roleId },
      include: { person: true, group: true, organization: true },
    });
    if (!role) throw notFound("role assignment");
    if (role.role === "secretariat" && (await tx.roleAssignment.count({ where: { role: "secretariat" } })) === 1) {
      throw new AppError("INVALID_STATE", "This is the last Secretariat role: assign another person first.");
    }
    await tx.roleAssignment.delete({ where: { id: role.id } });
    await recordAudit(tx, actor, {
      entityType: "role",
      entityId: role.id,
      action: "remove",
      summary: `Removed ${role.person.name} as ${ROLE_LABELS[role.role]}${scopeText(role.group, role.organization)}`,
      changes: removedFields(snapshot(role, role.person.name, role.group?.acronym, role.organization?.acronym)),
    });
  });
}
