import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { parseMailbox } from "@/lib/mailbox";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { type AuditRecord, diffFields, recordAudit } from "./audit";
import { assertAdministrator, fieldError, notFound } from "./common";
import type { GroupInput, UpdateGroupInput } from "./schema";

const taken = (acronym: string) => `The acronym ${acronym} is already used by another group.`;

/**
 * docs/domain.md "Entities and roles": a group belongs to one organization; external bodies are of type `sdo`, internal
 * groups of the IETF types; a parent is a group of the same organization, never the group itself or below it.
 */
async function checkGroup(tx: Prisma.TransactionClient, input: GroupInput, selfId?: number) {
  const existing = await tx.group.findUnique({ where: { acronym: input.acronym }, select: { id: true } });
  if (existing && existing.id !== selfId) throw fieldError("acronym", taken(input.acronym), "ALREADY_EXISTS");
  const bad = input.defaultContacts.find((m) => parseMailbox(m) === null);
  if (bad !== undefined) throw fieldError("defaultContacts", `Not a valid mailbox: “${bad}”.`);
  const organization = await tx.organization.findUnique({ where: { id: input.organizationId } });
  if (!organization) throw fieldError("organizationId", "Choose an organization.");
  if (organization.side === "external" && input.type !== "sdo") {
    throw fieldError("type", `${organization.acronym} is an external organization: its groups are standards bodies.`);
  }
  if (organization.side === "ietf" && input.type === "sdo") {
    throw fieldError("type", `${organization.acronym} is on the IETF side: choose an IETF group type.`);
  }
  let parent: { acronym: string } | null = null;
  if (input.parentId !== null) {
    const found = await tx.group.findUnique({ where: { id: input.parentId } });
    if (!found || found.organizationId !== input.organizationId) {
      throw fieldError("parentId", `The parent must be a group of ${organization.acronym}.`);
    }
    // Walk up from the parent: meeting the group itself would make a cycle.
    for (
      let at: typeof found | null = found;
      at;
      at = at.parentId ? await tx.group.findUnique({ where: { id: at.parentId } }) : null
    ) {
      if (at.id === selfId) throw fieldError("parentId", "A group cannot sit below itself.");
    }
    parent = found;
  }
  return { organization, parent };
}

function snapshot(g: GroupInput, organization: string, parent: string | null): AuditRecord {
  return {
    acronym: g.acronym,
    name: g.name,
    type: g.type,
    state: g.state,
    organization,
    parent,
    listAddress: g.listAddress,
    defaultContacts: g.defaultContacts,
  };
}

/** The Secretariat records a group of an organization. */
export async function createGroup(actor: Actor | null, input: GroupInput): Promise<{ id: number }> {
  assertAdministrator(actor);
  return inTransaction(
    async (tx) => {
      const { organization, parent } = await checkGroup(tx, input);
      const created = await tx.group.create({ data: input });
      await recordAudit(tx, actor, {
        entityType: "group",
        entityId: created.id,
        action: "create",
        summary: `Created group ${input.name} (${input.acronym}) of ${organization.acronym}`,
        changes: diffFields(null, snapshot(input, organization.acronym, parent?.acronym ?? null)),
      });
      return { id: created.id };
    },
    { onUniqueViolation: fieldError("acronym", taken(input.acronym), "ALREADY_EXISTS") },
  );
}

/** The Secretariat edits a group, or concludes it (groups are never deleted). */
export async function updateGroup(
  actor: Actor | null,
  input: UpdateGroupInput,
): Promise<{ id: number; changed: boolean }> {
  assertAdministrator(actor);
  const { id, ...fields } = input;
  return inTransaction(
    async (tx) => {
      const before = await tx.group.findUnique({ where: { id }, include: { organization: true, parent: true } });
      if (!before) throw notFound("group");
      const { organization, parent } = await checkGroup(tx, fields, id);
      const changes = diffFields(
        snapshot(before, before.organization.acronym, before.parent?.acronym ?? null),
        snapshot(fields, organization.acronym, parent?.acronym ?? null),
      );
      if (Object.keys(changes).length === 0) return { id, changed: false };
      await tx.group.update({ where: { id }, data: fields });
      const concluded = changes.state?.to === "concluded";
      await recordAudit(tx, actor, {
        entityType: "group",
        entityId: id,
        action: concluded ? "conclude" : "update",
        summary: concluded
          ? `Concluded group ${fields.acronym}`
          : `Changed group ${fields.acronym}: ${Object.keys(changes).join(", ")}`,
        changes,
      });
      return { id, changed: true };
    },
    { onUniqueViolation: fieldError("acronym", taken(fields.acronym), "ALREADY_EXISTS") },
  );
}
