import "server-only";

export interface Contact {
  name: string;
  email: string;
}

export type ManagerSource = "group" | "organization" | "coordination";

export interface EffectiveManagers {
  source: ManagerSource;
  managers: Contact[];
}

/**
 * docs/domain.md "Mail": the liaison managers copied for a group are the group's own, else its organization's;
 * if neither has any, the IAB liaison coordination address stands in.
 */
export function effectiveLiaisonManagers(
  groupManagers: readonly Contact[],
  organizationManagers: readonly Contact[],
  coordinationAddress: string,
): EffectiveManagers {
  if (groupManagers.length > 0) return { source: "group", managers: [...groupManagers] };
  if (organizationManagers.length > 0) return { source: "organization", managers: [...organizationManagers] };
  return { source: "coordination", managers: [{ name: "IAB liaison coordination", email: coordinationAddress }] };
}
