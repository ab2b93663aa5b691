import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz/types";

/** A value as the audit log shows it: plain JSON. */
export type AuditValue = string | number | boolean | null | readonly string[];
export type AuditRecord = Record<string, AuditValue>;
/** `{ field: { from, to } }`, only the fields that changed. */
export type AuditChanges = Record<string, { from: AuditValue; to: AuditValue }>;

export type AuditEntity = "organization" | "group" | "person" | "role";

const same = (a: AuditValue, b: AuditValue) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `after` whose value differs from `before` (a missing `before` = created: every field from null). */
export function diffFields(before: AuditRecord | null, after: AuditRecord): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before?.[field] ?? null;
    if (before === null ? to !== null && !(Array.isArray(to) && to.length === 0) : !same(from, to)) {
      changes[field] = { from, to };
    }
  }
  return changes;
}

/** What a removed row looked like: every field from its value to null. */
export function removedFields(before: AuditRecord): AuditChanges {
  return Object.fromEntries(Object.entries(before).map(([field, from]) => [field, { from, to: null }]));
}

/** Writes one audit row; call it with the transaction of the change it records. */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: { entityType: AuditEntity; entityId: number; action: string; summary: string; changes?: AuditChanges },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.personId,
      entityType: entry.entityType,
      entityId: entry.entityId,
      action: entry.action,
      summary: entry.summary,
      changes: (entry.changes ?? {}) as Prisma.InputJsonValue,
    },
  });
}
