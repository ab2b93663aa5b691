import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { managedGroups } from "@/server/authz/policy";
import type { GroupIndex } from "@/server/authz/types";
import type { Db } from "./repository";
import { fromGroups, type StatementRow, toGroups } from "./repository";

/**
 * Who an action can be assigned to: chairs and ADs of the To groups (and whoever approves for them), the
 * liaison managers of the groups involved, IAB liaison coordinators.
 */
export async function assigneeCandidates(db: Db, row: StatementRow, groups: GroupIndex) {
  const involved = [...fromGroups(row), ...toGroups(row)].map((g) => g.id);
  const toIds = toGroups(row).map((g) => g.id);
  const areaIds = toIds.flatMap((id) => {
    const g = groups.get(id);
    return g?.parentId ? [g.parentId] : [];
  });
  const toTypes = new Set(toGroups(row).map((g) => g.type));
  const where: Prisma.RoleAssignmentWhereInput[] = [
    { role: { in: ["wg_chair", "wg_secretary", "ad"] }, groupId: { in: [...toIds, ...areaIds] } },
    { role: { in: ["liaison_manager", "iab_liaison_coordinator"] } },
  ];
  if (toTypes.has("ietf") || toTypes.has("iesg")) where.push({ role: "ietf_chair" });
  if (toTypes.has("iab") || toTypes.has("rg")) where.push({ role: "iab_chair" });
  const roles = await db.roleAssignment.findMany({
    where: { OR: where },
    include: { person: true },
    orderBy: { id: "asc" },
  });
  const eligible = roles.filter(
    (r) => r.role !== "liaison_manager" || managedGroups(groups, r).some((g) => involved.includes(g.id)),
  );
  return [...new Map(eligible.map((r) => [r.personId, { id: r.personId, name: r.person.name }])).values()];
}
