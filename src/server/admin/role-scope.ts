import "server-only";
import type { GroupType, RoleName } from "@/generated/prisma/enums";

export interface ScopeGroup {
  acronym: string;
  type: GroupType;
  isExternal: boolean;
}

export interface ScopeOrganization {
  acronym: string;
  isExternal: boolean;
}

export interface ScopeProblem {
  field: "groupId" | "organizationId";
  message: string;
}

const WORKING_GROUP_TYPES: readonly GroupType[] = ["wg", "rg"];

/**
 * docs/domain.md "Entities and roles": what each role sits on. The Secretariat on nothing; ADs on an area; chairs
 * and secretaries on a working or research group; liaison managers on one external group or organization;
 * the IETF/IAB Chairs and IAB liaison coordinators on an IETF-side group, or nothing. Pure.
 */
export function roleScopeProblem(
  role: RoleName,
  group: ScopeGroup | null,
  organization: ScopeOrganization | null,
): ScopeProblem | null {
  if (role === "liaison_manager") {
    if (group && organization) {
      return { field: "organizationId", message: "Choose a group or an organization, not both." };
    }
    if (!group && !organization) {
      return {
        field: "groupId",
        message: "A liaison manager looks after an external group or organization: choose one.",
      };
    }
    if (group && !group.isExternal) return { field: "groupId", message: `${group.acronym} is not an external group.` };
    if (organization && !organization.isExternal) {
      return { field: "organizationId", message: `${organization.acronym} is not an external organization.` };
    }
    return null;
  }
  if (organization) {
    return { field: "organizationId", message: "Only liaison managers are assigned to a whole organization." };
  }
  if (role === "secretariat") {
    return group ? { field: "groupId", message: "The Secretariat role is not tied to a group." } : null;
  }
  if (group?.isExternal) return { field: "groupId", message: `${group.acronym} is an external group.` };
  if (role === "ad" && group?.type !== "area") {
    return { field: "groupId", message: "An AD is assigned to an area: choose one." };
  }
  if ((role === "wg_chair" || role === "wg_secretary") && !(group && WORKING_GROUP_TYPES.includes(group.type))) {
    return {
      field: "groupId",
      message: "Chairs and secretaries are assigned to a working or research group: choose one.",
    };
  }
  return null;
}
