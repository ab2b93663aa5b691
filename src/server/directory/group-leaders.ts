import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { approverRequirement } from "@/server/authz/policy";
import type { GroupIndex } from "@/server/authz/types";
import type { Db } from "@/server/statements/repository";

/**
 * The people who lead IETF-side groups, as mailboxes at their role addresses: each group's chairs and
 * secretaries and whoever approves for it (RFC 4053bis §4.1: its AD, the IETF Chair, the IAB Chair). Used
 * where mail must reach people, never a group's list (issue 15: reminders).
 */
export async function groupLeaderMailboxes(db: Db, groups: GroupIndex, groupIds: readonly number[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const where: Prisma.RoleAssignmentWhereInput[] = [
    { role: { in: ["wg_chair", "wg_secretary"] }, groupId: { in: [...groupIds] } },
  ];
  for (const id of groupIds) {
    const need = approverRequirement(groups, id);
    if (need.role === "ad") where.push({ role: "ad", groupId: need.areaId });
    else if (need.role !== "none") where.push({ role: need.role });
  }
  const roles = await db.roleAssignment.findMany({
    where: { OR: where },
    include: { person: true },
    orderBy: { id: "asc" },
  });
  // Chairs first, then approvers: the people closest to the work lead the To line.
  const rank = (role: string) => (role === "wg_chair" ? 0 : role === "wg_secretary" ? 1 : 2);
  return [...roles].sort((a, b) => rank(a.role) - rank(b.role)).map((r) => `${r.person.name} <${r.email}>`);
}

/** Every group's mailing-list address, lower-cased (never a reminder's recipient). */
export async function groupListAddresses(db: Db): Promise<string[]> {
  const rows = await db.group.findMany({ where: { listAddress: { not: null } }, select: { listAddress: true } });
  return rows.flatMap((r) => (r.listAddress ? [r.listAddress.toLowerCase()] : []));
}
