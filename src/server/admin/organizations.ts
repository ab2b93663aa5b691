import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { type AuditRecord, diffFields, recordAudit } from "./audit";
import { assertAdministrator, fieldError, notFound } from "./common";
import type { OrganizationInput, UpdateOrganizationInput } from "./schema";

const taken = (acronym: string) => `The acronym ${acronym} is already used by another organization.`;

function snapshot(o: OrganizationInput): AuditRecord {
  return { acronym: o.acronym, name: o.name, url: o.url, side: o.side, hasFormalRelationship: o.hasFormalRelationship };
}

async function assertAcronymFree(tx: Prisma.TransactionClient, acronym: string, exceptId?: number) {
  const existing = await tx.organization.findUnique({ where: { acronym }, select: { id: true } });
  if (existing && existing.id !== exceptId) throw fieldError("acronym", taken(acronym), "ALREADY_EXISTS");
}

/** The Secretariat records an organization (the IETF side, or an external standards body). */
export async function createOrganization(actor: Actor | null, input: OrganizationInput): Promise<{ id: number }> {
  assertAdministrator(actor);
  return inTransaction(
    async (tx) => {
      await assertAcronymFree(tx, input.acronym);
      const created = await tx.organization.create({ data: input });
      await recordAudit(tx, actor, {
        entityType: "organization",
        entityId: created.id,
        action: "create",
        summary: `Created organization ${input.name} (${input.acronym})`,
        changes: diffFields(null, snapshot(input)),
      });
      return { id: created.id };
    },
    { onUniqueViolation: fieldError("acronym", taken(input.acronym), "ALREADY_EXISTS") },
  );
}

/** The Secretariat edits an organization; its side is fixed once it has groups (their types depend on it). */
export async function updateOrganization(
  actor: Actor | null,
  input: UpdateOrganizationInput,
): Promise<{ id: number; changed: boolean }> {
  assertAdministrator(actor);
  const { id, ...fields } = input;
  return inTransaction(
    async (tx) => {
      const before = await tx.organization.findUnique({
        where: { id },
        include: { _count: { select: { groups: true } } },
      });
      if (!before) throw notFound("organization");
      await assertAcronymFree(tx, fields.acronym, id);
      if (before.side !== fields.side && before._count.groups > 0) {
        throw fieldError("side", "This organization has groups, so its side cannot change.");
      }
      const changes = diffFields(snapshot(before), snapshot(fields));
      if (Object.keys(changes).length === 0) return { id, changed: false };
      await tx.organization.update({ where: { id }, data: fields });
      await recordAudit(tx, actor, {
        entityType: "organization",
        entityId: id,
        action: "update",
        summary: `Changed organization ${fields.acronym}: ${Object.keys(changes).join(", ")}`,
        changes,
      });
      return { id, changed: true };
    },
    { onUniqueViolation: fieldError("acronym", taken(fields.acronym), "ALREADY_EXISTS") },
  );
}
