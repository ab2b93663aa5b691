import "server-only";
import { ROLE_LABELS } from "@/lib/labels";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";

/**
 * "AD, Web and Internet Transport", "Liaison manager, 3GPP", "Secretariat" — for the account menu. Names come
 * from the request's group index (no query); only an organization none of whose groups is in it is read.
 */
export async function describeRoles(actor: Actor, index: GroupIndex): Promise<string[]> {
  const names = new Map<string, string>();
  for (const g of index.values()) {
    names.set(`g${g.id}`, g.name);
    if (g.organizationName) names.set(`o${g.organizationId}`, g.organizationName);
  }
  const missing = actor.roles.flatMap((r) =>
    r.groupId === null && r.organizationId !== null && !names.has(`o${r.organizationId}`) ? [r.organizationId] : [],
  );
  const missingGroups = actor.roles.flatMap((r) =>
    r.groupId !== null && !names.has(`g${r.groupId}`) ? [r.groupId] : [],
  );
  if (missing.length || missingGroups.length) {
    const db = await prisma();
    const [orgs, groups] = await Promise.all([
      missing.length
        ? db.organization.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })
        : [],
      missingGroups.length
        ? db.group.findMany({ where: { id: { in: missingGroups } }, select: { id: true, name: true } })
        : [],
    ]);
    for (const o of orgs) names.set(`o${o.id}`, o.name);
    for (const g of groups) names.set(`g${g.id}`, g.name);
  }
  return actor.roles.map((r) => {
    const on =
      r.groupId !== null
        ? names.get(`g${r.groupId}`)
        : r.organizationId !== null
          ? names.get(`o${r.organizationId}`)
          : undefined;
    // The chair roles already name their body.
    const redundant =
      (r.role === "ietf_chair" || r.role === "iab_chair" || r.role === "iab_liaison_coordinator") && r.groupId !== null;
    return on && !redundant ? `${ROLE_LABELS[r.role]}, ${on}` : ROLE_LABELS[r.role];
  });
}
