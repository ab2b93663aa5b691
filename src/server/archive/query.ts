import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { parseIsoDate } from "@/lib/dates";
import { prisma } from "@/server/db";
import { type ArchiveFilters, effectiveSort, type SortKey, type SortOrder } from "./filters";
import { groupIdsMatching } from "./group-filter";

/**
 * The archive's SQL: which public statements match the filters, in which order, how many. Raw SQL because
 * the ranking (ts_rank over Statement."searchVector") and the From/To sorts cannot be said through Prisma.
 *
 * Search matches against Statement."fullSearchVector" — the statement's own document followed by the text
 * inside its attachments — and ranks with Statement."searchVector", the own document alone. Both are kept
 * current by triggers and matched through their GIN indexes by the SQL functions statement_ids_matching and
 * statement_ids_matching_own_text (prisma/migrations/20261123080300_statement_search,
 * 20261206160000_attachment_text_search, 20261206180000_attachment_search_split; ADR 026, 031). By relevance,
 * the statements whose own document matches come first, ranked (title and other identifiers weigh most, then
 * attachment titles, then contacts and the body); those that match only with their attachments' text follow,
 * newest first. ts_rank never reads attachment text: its cost grows with the positions of the query's words,
 * and nearly every statement with an attachment holds the common ones. Queries use websearch syntax ("a
 * phrase", -word, or).
 */

/** The text search configuration of the vector; queries must use the same one. */
export const TS_CONFIG = Prisma.raw("'english'::regconfig");

/**
 * PUBLIC_STATEMENT_WHERE in SQL, for `FROM "Statement" s`: lifecycle.ts `isPublicState` (posted, or
 * withdrawn after posting). tests/integration/archive-search.test.ts checks all three select the same rows.
 */
export const PUBLIC_STATEMENT_SQL = Prisma.sql`(s."state" = 'posted' OR (s."state" = 'withdrawn' AND s."postedAt" IS NOT NULL))`;

/**
 * ts_rank's weights for the labels {D, C, B, A} of the statement's own vector: C contacts and body, B
 * attachment titles, A title and other identifiers. (D, the text inside attachments, is only in
 * fullSearchVector, which is never ranked: ADR 031.)
 */
export const RANK_WEIGHTS = Prisma.raw("'{0.05, 0.1, 0.4, 1.0}'::float4[]");

export const tsQuery = (q: string) => Prisma.sql`websearch_to_tsquery(${TS_CONFIG}, ${q})`;

const DAY_MS = 86_400_000;

/** The WHERE clause for the filters; null when nothing can match (e.g. an unknown group acronym). */
async function whereClause(filters: ArchiveFilters): Promise<Prisma.Sql | null> {
  const conditions: Prisma.Sql[] = [PUBLIC_STATEMENT_SQL];
  // In FROM, not in the select list: a function with a SET clause called once per row would set and reset
  // the planner setting for every id (ProjectSet; measured 10× slower on PGlite).
  if (filters.q) {
    conditions.push(
      Prisma.sql`s."id" IN (SELECT m."id" FROM statement_ids_matching(${tsQuery(filters.q)}) AS m("id"))`,
    );
  }
  if (filters.direction) conditions.push(Prisma.sql`s."direction" = CAST(${filters.direction} AS "Direction")`);
  if (filters.purpose) conditions.push(Prisma.sql`s."purpose" = CAST(${filters.purpose} AS "Purpose")`);
  for (const side of ["from", "to"] as const) {
    const acronym = filters[side];
    if (!acronym) continue;
    const ids = await groupIdsMatching(acronym);
    if (ids.length === 0) return null;
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "StatementGroup" sg
      WHERE sg."statementId" = s."id" AND sg."side" = CAST(${side} AS "GroupSide") AND sg."groupId" IN (${Prisma.join(ids)}))`);
  }
  const since = filters.since ? parseIsoDate(filters.since) : null;
  if (since) conditions.push(Prisma.sql`s."postedAt" >= ${since}`);
  const until = filters.until ? parseIsoDate(filters.until) : null;
  if (until) conditions.push(Prisma.sql`s."postedAt" < ${new Date(until.getTime() + DAY_MS)}`);
  if (filters.actionNeeded === true) conditions.push(Prisma.sql`s."actionStatus" = 'needed'`);
  if (filters.actionNeeded === false) conditions.push(Prisma.sql`s."actionStatus" <> 'needed'`);
  return Prisma.join(conditions, " AND ");
}

/**
 * For the From/To sorts: each statement's first group on that side, in the order the statement lists them
 * (what the list shows first). One pass over StatementGroup, joined, instead of a subquery per row.
 */
const firstGroupJoin = (side: "from" | "to") => Prisma.sql`LEFT JOIN (
    SELECT DISTINCT ON (sg."statementId") sg."statementId", g."acronym"
    FROM "StatementGroup" sg JOIN "Group" g ON g."id" = sg."groupId"
    WHERE sg."side" = CAST(${side} AS "GroupSide")
    ORDER BY sg."statementId", sg."position", g."acronym"
  ) first_group ON first_group."statementId" = s."id"`;

/**
 * For the relevance sort: which matches match with their own document (title, identifiers, attachment titles,
 * contacts, body), through its GIN index. The others matched only with their attachments' text.
 */
const ownMatchJoin = (q: string) =>
  Prisma.sql`LEFT JOIN statement_ids_matching_own_text(${tsQuery(q)}) AS own_match("id") ON own_match."id" = s."id"`;

/**
 * ORDER BY for a sort; ties fall back to newest first. Text sorts use the C collation on both engines.
 * The date sort matches the index Statement_postedAt_id_idx, so the default list reads only one page of it.
 */
function orderClause(sort: SortKey, order: SortOrder, q: string | undefined): Prisma.Sql {
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const newest = Prisma.sql`s."postedAt" DESC, s."id" DESC`;
  switch (sort) {
    case "relevance":
      // Own-document matches first, by rank; then those that match only with their attachments' text, newest
      // first. ts_rank reads only the own vectors of own-document matches (ownMatchJoin).
      return q
        ? Prisma.sql`(own_match."id" IS NOT NULL) DESC,
            CASE WHEN own_match."id" IS NOT NULL THEN ts_rank(${RANK_WEIGHTS}, s."searchVector", ${tsQuery(q)}) END DESC NULLS LAST,
            ${newest}`
        : newest;
    case "date":
      return Prisma.sql`s."postedAt" ${dir}, s."id" ${dir}`;
    case "deadline":
      return Prisma.sql`s."deadline" ${dir} NULLS LAST, ${newest}`;
    case "title":
      return Prisma.sql`lower(s."title") COLLATE "C" ${dir}, ${newest}`;
    case "from":
    case "to":
      return Prisma.sql`first_group."acronym" COLLATE "C" ${dir} NULLS LAST, ${newest}`;
  }
}

export interface PublicMatches {
  /** the statement ids of the requested page, in order */
  ids: number[];
  total: number;
  page: number;
  pageSize: number;
  sort: SortKey;
  order: SortOrder;
}

/**
 * One page of the ids of the public statements matching the filters, in order, and the total. Only public
 * statements: PUBLIC_STATEMENT_SQL is always part of the WHERE clause.
 */
export async function findPublicStatementIds(filters: ArchiveFilters): Promise<PublicMatches> {
  const { sort, order } = effectiveSort(filters);
  const base = { page: filters.page, pageSize: filters.pageSize, sort, order };
  const where = await whereClause(filters);
  if (!where) return { ids: [], total: 0, ...base };
  const db = await prisma();
  const offset = (filters.page - 1) * filters.pageSize;
  const ordering = orderClause(sort, order, filters.q);
  const count = async () => {
    const [row] = await db.$queryRaw<
      { total: number }[]
    >`SELECT count(*)::int AS total FROM "Statement" s WHERE ${where}`;
    return Number(row?.total ?? 0);
  };
  if (sort === "date") {
    // Newest/oldest first reads one page of Statement_postedAt_id_idx; a page that is not full is the last
    // one, so its end is the total and counting can be skipped.
    const rows = await db.$queryRaw<{ id: number }[]>`SELECT s."id" FROM "Statement" s WHERE ${where}
      ORDER BY ${ordering} LIMIT ${filters.pageSize} OFFSET ${offset}`;
    const ids = rows.map((r) => Number(r.id));
    const isLastPage = ids.length > 0 && ids.length < filters.pageSize;
    return { ids, total: isLastPage ? offset + ids.length : await count(), ...base };
  }
  // Every other order sorts all matches anyway: the window count rides along that one pass.
  const join =
    sort === "from" || sort === "to"
      ? firstGroupJoin(sort)
      : sort === "relevance" && filters.q
        ? ownMatchJoin(filters.q)
        : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number; total: number }[]>`
    SELECT s."id", (count(*) OVER ())::int AS total FROM "Statement" s ${join} WHERE ${where}
    ORDER BY ${ordering} LIMIT ${filters.pageSize} OFFSET ${offset}`;
  const ids = rows.map((r) => Number(r.id));
  // Past the last page the window sees no row: count separately.
  const total = rows.length > 0 || offset === 0 ? Number(rows[0]?.total ?? 0) : await count();
  return { ids, total, ...base };
}
