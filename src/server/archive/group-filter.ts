import "server-only";
import { prisma } from "@/server/db";

/**
 * What `from=ACRONYM` / `to=ACRONYM` means in the archive (list page and API):
 *  - a group acronym selects that group and every group below it (an area includes its WGs; 3GPP TSG SA
 *    includes SA2 and SA3), because a statement "from the Web and Internet Transport area" is what someone
 *    filtering on the area expects to find, whichever of its WGs sent it;
 *  - an organization acronym selects all of its groups (`3gpp` = every 3GPP group, `ietf` = every internal one).
 * When an acronym names both (the IETF, BBF and W3C are each an organization and a group), the union applies.
 * Acronyms compare case-insensitively. An unknown acronym matches nothing.
 */
export async function groupIdsMatching(acronym: string): Promise<number[]> {
  const db = await prisma();
  const wanted = acronym.trim().toLowerCase();
  const groups = await db.group.findMany({
    select: { id: true, acronym: true, parentId: true, organization: { select: { acronym: true } } },
  });
  return descendantsOf(groups, wanted);
}

/** Pure core of groupIdsMatching: the seeds (by group or organization acronym) and everything below them. */
export function descendantsOf(
  groups: readonly { id: number; acronym: string; parentId: number | null; organization: { acronym: string } }[],
  wanted: string,
): number[] {
  const children = new Map<number, number[]>();
  for (const g of groups) {
    if (g.parentId !== null) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g.id]);
  }
  const found = new Set<number>();
  const stack = groups
    .filter((g) => g.acronym.toLowerCase() === wanted || g.organization.acronym.toLowerCase() === wanted)
    .map((g) => g.id);
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (found.has(id)) continue; // a cycle in bad data must not loop forever
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...found].sort((a, b) => a - b);
}
