import "server-only";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { PUBLIC_STATEMENT_WHERE } from "./visibility";

/** One sitemap file holds at most 50,000 addresses (sitemaps.org); beyond that the newest are listed. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapEntry {
  path: string;
  lastModified?: Date;
}

/**
 * What search engines are told to crawl: the archive's entry pages, every organization of the directory, and
 * every public statement (posted, or withdrawn after posting) — never a draft or pending one.
 */
export function sitemapEntries(): Promise<SitemapEntry[]> {
  return cachedPublic("sitemap", 60_000, async () => {
    const db = await prisma();
    const [statements, organizations] = await Promise.all([
      db.statement.findMany({
        where: PUBLIC_STATEMENT_WHERE,
        select: { id: true, updatedAt: true },
        orderBy: [{ postedAt: "desc" }, { id: "desc" }],
        take: SITEMAP_LIMIT - 100,
      }),
      db.organization.findMany({ select: { acronym: true, updatedAt: true }, orderBy: { acronym: "asc" }, take: 99 }),
    ]);
    return [
      { path: "/" },
      { path: "/statements", ...(statements[0] ? { lastModified: statements[0].updatedAt } : {}) },
      { path: "/directory" },
      ...organizations.map((o) => ({ path: `/directory/${encodeURIComponent(o.acronym)}`, lastModified: o.updatedAt })),
      ...statements.map((s) => ({ path: `/statements/${s.id}`, lastModified: s.updatedAt })),
    ];
  });
}
