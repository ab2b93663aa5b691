import "server-only";
import type { RoleName } from "@/generated/prisma/enums";
import type { GroupIndex } from "@/server/authz/types";
import type { Db } from "./repository";

export interface ActingRole {
  role: RoleName;
  groupId: number | null;
  organizationId: number | null;
}

/**
 * "AD of Web and Internet Transport", "Chair of QUIC", "Liaison manager for 3rd Generation Partnership
 * Project", "Secretariat": the role someone acted in, as the history and the statement page say it
 * (issue 15, section 5). Pure: the caller supplies the names.
 */
export function actingRoleLabel(role: RoleName, groupName: string | null, organizationName: string | null): string {
  const on = groupName ?? organizationName;
  switch (role) {
    case "ad":
      return on ? `AD of ${on}` : "AD";
    case "wg_chair":
      return on ? `Chair of ${on}` : "Chair";
    case "wg_secretary":
      return on ? `Secretary of ${on}` : "Secretary";
    case "liaison_manager":
      return on ? `Liaison manager for ${on}` : "Liaison manager";
    case "ietf_chair":
      return "IETF Chair";
    case "iab_chair":
      return "IAB Chair";
    case "iab_liaison_coordinator":
      return "IAB liaison coordinator";
    case "secretariat":
      return "Secretariat";
  }
}

/** The label of a role, looking up the organization's name when the role is on an organization. */
export async function describeActingRole(db: Db, groups: GroupIndex, role: ActingRole): Promise<string> {
  const groupName = role.groupId !== null ? (groups.get(role.groupId)?.name ?? null) : null;
  const organizationName =
    role.organizationId !== null
      ? ((await db.organization.findUnique({ where: { id: role.organizationId }, select: { name: true } }))?.name ??
        null)
      : null;
  return actingRoleLabel(role.role, groupName, organizationName);
}
