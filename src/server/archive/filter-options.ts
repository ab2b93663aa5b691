import "server-only";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";

export interface FilterGroupOption {
  acronym: string;
  name: string;
  /** nesting below the organization's top-level groups (a WG under its area is 1) */
  depth: number;
  isConcluded: boolean;
}

export interface FilterOrganizationOption {
  acronym: string;
  name: string;
  isInternal: boolean;
  groups: FilterGroupOption[];
}

/**
 * The From/To choices of the archive's filter form: every organization (meaning all its groups) and its
 * groups as a tree (a group includes those below it; see group-filter.ts). External bodies first.
 */
export function archiveFilterOptions(): Promise<FilterOrganizationOption[]> {
  return cachedPublic("filter-options", 60_000, loadFilterOptions);
}

async function loadFilterOptions(): Promise<FilterOrganizationOption[]> {
  const db = await prisma();
  const organizations = await db.organization.findMany({
    orderBy: [{ side: "desc" }, { name: "asc" }],
    select: {
      acronym: true,
      name: true,
      side: true,
      groups: { select: { id: true, acronym: true, name: true, parentId: true, state: true } },
    },
  });
  return organizations.map((org) => {
    const ids = new Set(org.groups.map((g) => g.id));
    const byParent = new Map<number | null, typeof org.groups>();
    for (const g of org.groups) {
      const key = g.parentId !== null && ids.has(g.parentId) ? g.parentId : null;
      byParent.set(key, [...(byParent.get(key) ?? []), g]);
    }
    const groups: FilterGroupOption[] = [];
    const seen = new Set<number>();
    const visit = (parentId: number | null, depth: number) => {
      const children = [...(byParent.get(parentId) ?? [])].sort((a, b) => a.acronym.localeCompare(b.acronym));
      for (const g of children) {
        if (seen.has(g.id)) continue;
        seen.add(g.id);
        // The organization's own option already covers a group that shares its acronym (ietf, bbf, w3c).
        if (g.acronym !== org.acronym) {
          groups.push({ acronym: g.acronym, name: g.name, depth, isConcluded: g.state === "concluded" });
        }
        visit(g.id, depth + 1);
      }
    };
    visit(null, 0);
    return { acronym: org.acronym, name: org.name, isInternal: org.side === "ietf", groups };
  });
}
