import "server-only";
import { ROLE_LABELS } from "@/lib/labels";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";

/** "AD, Web and Internet Transport", "Liaison manager, 3GPP", "Secretariat" — for the account menu. */
export async function describeRoles(actor: Actor): Promise<string[]> {
  const db = await prisma();
  const groupIds = actor.roles.flatMap((r) => (r.groupId === null ? [] : [r.groupId]));
  const orgIds = actor.roles.flatMap((r) => (r.organizationId === null ? [] : [r.organizationId]));
  const [groups, orgs] = await Promise.all([
    db.group.findMany({ where: { id: { in: groupIds } }, select: { id: true, name: true } }),
    db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...groups.map((g) => [`g${g.id}`, g.name] as const), ...orgs.map((o) => [`o${o.id}`, o.name] as const)]);
  return actor.roles.map((r) => {
    const on = r.groupId !== null ? names.get(`g${r.groupId}`) : r.organizationId !== null ? names.get(`o${r.organizationId}`) : undefined;
    // The chair roles already name their body.
    const redundant = (r.role === "ietf_chair" || r.role === "iab_chair" || r.role === "iab_liaison_coordinator") && r.groupId !== null;
    return on && !redundant ? `${ROLE_LABELS[r.role]}, ${on}` : ROLE_LABELS[r.role];
  });
}
