import "server-only";
import { cachedPublic } from "@/server/cache";

/** Public list results may be this old when another process changed the data (see server/cache.ts). */
const PUBLIC_TTL_MS = 15_000;

import { Prisma } from "@/generated/prisma/client";
import type { ActionStatus, Direction, Purpose, StatementState } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";
import type { ArchiveFilters, SortKey, SortOrder } from "./filters";
import { type Highlights, highlightsFor } from "./headlines";
import { findPublicStatementIds, PUBLIC_STATEMENT_SQL, SEARCH_TOTAL_CAP } from "./query";

/**
 * The public archive's list and full-text search (the /statements page): one page of public statements
 * matching the filters, ranked when searching, with the matched words highlighted. Finding and ordering is
 * query.ts; highlighting is headlines.ts; the JSON API's variant is api.ts.
 */

export type { Highlights } from "./headlines";

export interface ArchiveGroupRef {
  acronym: string;
  name: string;
  /** GroupType: lists name external (sdo) groups by name, IETF ones by acronym */
  type: string;
}

export interface ArchiveListItem {
  id: number;
  title: string;
  state: StatementState;
  direction: Direction;
  purpose: Purpose;
  deadline: Date | null;
  postedAt: Date | null;
  actionStatus: ActionStatus;
  from: ArchiveGroupRef[];
  to: ArchiveGroupRef[];
  /** present when searching */
  highlights: Highlights | null;
}

export interface SearchResult<T> {
  items: T[];
  /** exact, unless `totalIsLowerBound` (a search counts up to SEARCH_TOTAL_CAP matches, ADR 039) */
  total: number;
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
  sort: SortKey;
  order: SortOrder;
}

type ListRow = Omit<ArchiveListItem, "from" | "to" | "highlights"> & {
  groups: ({ side: "from" | "to" } & ArchiveGroupRef)[] | null;
};

/**
 * The list's columns for the page's statements, in one query (the groups as JSON, in the statement's own
 * order). Public statements only, again, whatever ids it is given.
 */
async function listRows(ids: readonly number[]): Promise<ListRow[]> {
  if (ids.length === 0) return [];
  const db = await prisma();
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT s."id", s."title", s."state"::text AS "state", s."direction"::text AS "direction",
      s."purpose"::text AS "purpose", s."deadline", s."postedAt", s."actionStatus"::text AS "actionStatus",
      (SELECT json_agg(json_build_object('side', sg."side", 'acronym', g."acronym", 'name', g."name", 'type', g."type")
              ORDER BY sg."side", sg."position", g."acronym")
         FROM "StatementGroup" sg JOIN "Group" g ON g."id" = sg."groupId"
        WHERE sg."statementId" = s."id") AS "groups"
    FROM "Statement" s
    WHERE s."id" IN (${Prisma.join(ids)}) AND ${PUBLIC_STATEMENT_SQL}`;
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The /statements list: one page of public statements matching the filters, with highlights when searching. */
export function searchStatements(filters: ArchiveFilters): Promise<SearchResult<ArchiveListItem>> {
  return cachedPublic(`search:${JSON.stringify(filters)}`, PUBLIC_TTL_MS, () => runSearch(filters));
}

async function runSearch(filters: ArchiveFilters): Promise<SearchResult<ArchiveListItem>> {
  const { ids, ...meta } = await findPublicStatementIds(filters, { totalCap: SEARCH_TOTAL_CAP });
  const rows = await listRows(ids);
  const highlights = filters.q ? await highlightsFor(ids, filters.q) : new Map<number, Highlights>();
  const side = (groups: ListRow["groups"], which: "from" | "to") =>
    (groups ?? []).filter((g) => g.side === which).map((g) => ({ acronym: g.acronym, name: g.name, type: g.type }));
  return {
    ...meta,
    items: rows.map(({ groups, ...row }) => ({
      ...row,
      id: Number(row.id),
      deadline: row.deadline ? new Date(row.deadline) : null,
      postedAt: row.postedAt ? new Date(row.postedAt) : null,
      from: side(groups, "from"),
      to: side(groups, "to"),
      highlights: highlights.get(Number(row.id)) ?? null,
    })),
  };
}
