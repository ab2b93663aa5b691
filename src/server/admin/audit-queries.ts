import "server-only";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import type { AuditChanges, AuditEntity } from "./audit";
import { assertAdministrator } from "./common";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  id: number;
  createdAt: Date;
  actorName: string | null;
  entityType: string;
  entityId: number | null;
  /** where the changed record is administered, when it still exists as a page */
  entityHref: string | null;
  action: string;
  summary: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

const HREF: Partial<Record<AuditEntity, string>> = {
  organization: "/admin/organizations",
  group: "/admin/groups",
  person: "/admin/people",
};

/** The audit log, newest first, optionally for one record. */
export async function listAudit(
  actor: Actor | null,
  options: { page?: number; entityType?: string; entityId?: number },
) {
  assertAdministrator(actor);
  const db = await prisma();
  const page = Math.max(1, options.page ?? 1);
  const where = {
    ...(options.entityType ? { entityType: options.entityType } : {}),
    ...(options.entityId ? { entityId: options.entityId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { name: true } } },
    }),
  ]);
  const items: AuditEntry[] = rows.map((r) => {
    const base = HREF[r.entityType as AuditEntity];
    const changes = (r.changes ?? {}) as AuditChanges;
    return {
      id: r.id,
      createdAt: r.createdAt,
      actorName: r.actor?.name ?? null,
      entityType: r.entityType,
      entityId: r.entityId,
      entityHref: base && r.entityId !== null ? `${base}/${r.entityId}` : null,
      action: r.action,
      summary: r.summary,
      changes: Object.entries(changes).map(([field, c]) => ({ field, from: c.from, to: c.to })),
    };
  });
  return { items, total, page, pageSize: AUDIT_PAGE_SIZE };
}
