import "server-only";
import type { Direction, Purpose, StatementState } from "@/generated/prisma/enums";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { type DirectoryOrganization, listDirectory } from "@/server/directory/list-directory";

export const ORGANIZATION_PAGE_SIZE = 50;

export interface OrganizationStatement {
  id: number;
  title: string;
  state: StatementState;
  direction: Direction;
  purpose: Purpose | null;
  deadline: Date | null;
  postedAt: Date | null;
  from: { acronym: string; name: string }[];
  to: { acronym: string; name: string }[];
}

export interface OrganizationPage {
  organization: DirectoryOrganization;
  statements: OrganizationStatement[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * /directory/<acronym>: the organization as the directory shows it (groups, liaison managers with the same
 * fallback), and its public statements in both directions, newest first. Null for an unknown acronym.
 */
export function organizationPage(acronym: string, page = 1): Promise<OrganizationPage | null> {
  return cachedPublic(`organization:${acronym.toLowerCase()}:${page}`, 15_000, () =>
    loadOrganizationPage(acronym, page),
  );
}

async function loadOrganizationPage(acronym: string, page = 1): Promise<OrganizationPage | null> {
  const wanted = acronym.toLowerCase();
  // The directory is small (tens of organizations): one shared query keeps the two pages identical.
  const organization = (await listDirectory()).find((o) => o.acronym.toLowerCase() === wanted);
  if (!organization) return null;
  const db = await prisma();
  const where = {
    AND: [PUBLIC_STATEMENT_WHERE, { groups: { some: { group: { organization: { acronym: organization.acronym } } } } }],
  };
  const total = await db.statement.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ORGANIZATION_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const rows = await db.statement.findMany({
    where,
    select: {
      id: true,
      title: true,
      state: true,
      direction: true,
      purpose: true,
      deadline: true,
      postedAt: true,
      groups: {
        select: { side: true, group: { select: { acronym: true, name: true } } },
        orderBy: { position: "asc" },
      },
    },
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * ORGANIZATION_PAGE_SIZE,
    take: ORGANIZATION_PAGE_SIZE,
  });
  return {
    organization,
    total,
    page: current,
    pageCount,
    statements: rows.map(({ groups, ...row }) => ({
      ...row,
      from: groups.filter((g) => g.side === "from").map((g) => g.group),
      to: groups.filter((g) => g.side === "to").map((g) => g.group),
    })),
  };
}
