import "server-only";
import { approverHolders } from "@/server/authz/approvers";
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
  return (await groupLeaders(db, groups, groupIds))(groupIds);
}

/**
 * groupLeaderMailboxes as a lookup over a directory read once (two queries): for a run that addresses many
 * statements' groups (the reminder run, issue 19). `groupIds` limits the read to those groups' chairs; the
 * lookup then answers for those groups only. Unset: every group's.
 */
export async function groupLeaders(
  db: Db,
  groups: GroupIndex,
  groupIds?: readonly number[],
): Promise<(groupIds: readonly number[]) => string[]> {
  const [allChairs, holders] = await Promise.all([
    db.roleAssignment.findMany({
      where: { role: { in: ["wg_chair", "wg_secretary"] }, ...(groupIds ? { groupId: { in: [...groupIds] } } : {}) },
      include: { person: true },
      orderBy: { id: "asc" },
    }),
    approverHolders(db),
  ]);
  return (ids) => {
    if (ids.length === 0) return [];
    const wanted = new Set(ids);
    const chairs = allChairs.filter((r) => r.groupId !== null && wanted.has(r.groupId));
    const approvers = ids.flatMap((id) => holders(approverRequirement(groups, id)));
    const roles = [...new Map([...chairs, ...approvers].map((r) => [r.id, r])).values()];
    // Chairs first, then approvers: the people closest to the work lead the To line.
    const rank = (role: string) => (role === "wg_chair" ? 0 : role === "wg_secretary" ? 1 : 2);
    return [...roles].sort((a, b) => rank(a.role) - rank(b.role)).map((r) => `${r.person.name} <${r.email}>`);
  };
}

/** Every group's mailing-list address, lower-cased (never a reminder's recipient). */
export async function groupListAddresses(db: Db): Promise<string[]> {
  const rows = await db.group.findMany({ where: { listAddress: { not: null } }, select: { listAddress: true } });
  return rows.flatMap((r) => (r.listAddress ? [r.listAddress.toLowerCase()] : []));
}
