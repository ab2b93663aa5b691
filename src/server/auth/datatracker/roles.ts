import type { GroupType, RoleName } from "@/generated/prisma/client";
import { mapRole } from "@/server/import/map";

/** One role a person should hold: the role, and the group it is held on (null for the Secretariat). */
export interface WantedRole {
  role: RoleName;
  groupId: number | null;
}

export interface ClaimedRoles {
  wanted: WantedRole[];
  /** claim entries that give no role here, with why (for the log; never an error) */
  ignored: { entry: [string, string]; reason: string }[];
}

export const roleKey = (r: WantedRole) => `${r.role}@${r.groupId ?? "-"}`;

/**
 * The Datatracker's `roles` claim (`[role slug, group acronym]` pairs, DATATRACKER.md §5) as our roles,
 * through the importer's own mapping (src/server/import/map.ts `mapRole`), so sign-in and import agree.
 * Duplicates (the claim is not deduplicated) collapse; groups we do not know are ignored.
 */
export function rolesFromClaim(
  claim: readonly (readonly [string, string])[],
  groupByAcronym: (acronym: string) => { id: number; type: GroupType } | undefined,
): ClaimedRoles {
  const wanted = new Map<string, WantedRole>();
  const ignored: ClaimedRoles["ignored"] = [];
  for (const [slug, acronym] of claim) {
    const group = groupByAcronym(acronym);
    // secr on "secretariat" needs no group here: mapRole decides by acronym alone.
    const mapping = mapRole(slug, { acronym, type: group?.type ?? null });
    if (mapping.kind !== "role") {
      ignored.push({
        entry: [slug, acronym],
        reason: mapping.kind === "skip" ? mapping.reason : "a contact, not a role",
      });
      continue;
    }
    if (mapping.onGroup && !group) {
      ignored.push({ entry: [slug, acronym], reason: `no group ${acronym} here` });
      continue;
    }
    const role: WantedRole = { role: mapping.role, groupId: mapping.onGroup && group ? group.id : null };
    wanted.set(roleKey(role), role);
  }
  return { wanted: [...wanted.values()], ignored };
}
