import "server-only";
import { approvalCapacity, approverRequirement } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { fromGroups, type StatementRow } from "./repository";
import type { Tx } from "./transaction";

/** "AD of Web and Internet Transport", "IETF Chair", "IAB liaison coordinator, on behalf of the AD of …". */
export function capacityLabel(groups: GroupIndex, fromGroupId: number, capacity: NonNullable<ReturnType<typeof approvalCapacity>>): string {
  const need = approverRequirement(groups, fromGroupId);
  const needLabel =
    need.role === "ad" ? `AD of ${groups.get(need.areaId)?.name ?? "the area"}` : need.role === "ietf_chair" ? "IETF Chair" : "IAB Chair";
  if (!capacity.onBehalf) return needLabel;
  const who = capacity.role === "secretariat" ? "Secretariat" : "IAB liaison coordinator";
  return `${who}, on behalf of the ${needLabel}`;
}

/**
 * Records the actor's approval for every From group still lacking one that they may approve (RFC 4053bis
 * §4.1). Returns how many were recorded and whether every From group is now approved. The unique
 * (statement, group) constraint makes a concurrent duplicate fail instead of approving twice.
 */
export async function recordApprovals(
  tx: Tx,
  row: StatementRow,
  actor: Actor,
  groups: GroupIndex,
): Promise<{ recorded: number; allApproved: boolean }> {
  const approved = new Set(row.approvals.map((a) => a.groupId));
  let recorded = 0;
  for (const group of fromGroups(row)) {
    if (approved.has(group.id)) continue;
    const capacity = approvalCapacity(actor, groups, group.id);
    if (!capacity) continue;
    await tx.approval.create({
      data: {
        statementId: row.id,
        groupId: group.id,
        approverId: actor.personId,
        role: capacity.role,
        roleGroupId: capacity.roleGroupId,
        onBehalf: capacity.onBehalf,
      },
    });
    await tx.statementEvent.create({
      data: {
        statementId: row.id,
        type: "approved",
        actorId: actor.personId,
        text: `Approved for ${group.name} by ${actor.name} as ${capacityLabel(groups, group.id, capacity)}`,
      },
    });
    approved.add(group.id);
    recorded++;
  }
  return { recorded, allApproved: fromGroups(row).every((g) => approved.has(g.id)) };
}

/** The approvers still needed: for each unapproved From group, who must approve it. */
export function missingApprovals(row: StatementRow, groups: GroupIndex) {
  const approved = new Set(row.approvals.map((a) => a.groupId));
  return fromGroups(row)
    .filter((g) => !approved.has(g.id))
    .map((g) => ({ group: g, requirement: approverRequirement(groups, g.id) }));
}
