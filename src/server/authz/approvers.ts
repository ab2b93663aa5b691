import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { APPROVER_ROLES, type ApproverRequirement, meetsRequirement } from "./policy";

type Db = PrismaClient | Prisma.TransactionClient;

export type ApproverAssignment = Prisma.RoleAssignmentGetPayload<{ include: { person: true } }>;

/**
 * Who approves, in their own right, for each requirement (RFC 4053bis §4.1). The rule is not re-written as a
 * query: every approver role is read once (a few dozen rows) and filtered with the policy's own
 * `meetsRequirement`, so the mail, the statement page and the liaison pages cannot drift from `can(…)`.
 */
export async function approverHolders(db: Db): Promise<(need: ApproverRequirement) => ApproverAssignment[]> {
  const rows = await db.roleAssignment.findMany({
    where: { role: { in: [...APPROVER_ROLES] } },
    include: { person: true },
    orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
  });
  return (need) => rows.filter((r) => meetsRequirement(r, need));
}
