import "server-only";
import { listDirectory } from "./list-directory";

export interface GroupInDirectory {
  name: string;
  organization: { acronym: string; name: string };
}

/**
 * The group with this acronym and the organization it belongs to, or null. The directory is by organization
 * (/directory/ietf); people often type a group's acronym there (/directory/quic), and the 404 page points on.
 * Since issue 15 (section 6) every group has its own page there, so the 404 page only meets acronyms that
 * are neither an organization nor a group, and this finds none; kept for the status page's pure contract.
 */
export async function findGroupByAcronym(acronym: string): Promise<GroupInDirectory | null> {
  const wanted = acronym.toLowerCase();
  for (const organization of await listDirectory()) {
    const group = organization.groups.find((g) => g.acronym.toLowerCase() === wanted);
    if (group) return { name: group.name, organization: { acronym: organization.acronym, name: organization.name } };
  }
  return null;
}
