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
 * current by triggers and GIN-indexed (prisma/migrations/20261123080300_statement_search,
 * 20261206160000_attachment_text_search, 20261206180000_attachment_search_split; ADR 026, 031). By relevance,
 * the statements whose own document matches come first, ranked (title and other identifiers weigh most, then
 * attachment titles, then contacts and the body); those that match only with their attachments' text follow,
 * newest first: relevancePage, which reads only what the page needs and counts the total up to a cap for the
 * page (ADR 039). The other sorts with a query go through statement_ids_matching (ADR 031). Queries use
 * websearch syntax ("a phrase", -word, or).
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

/**
 * The WHERE clause for the filters; null when nothing can match (e.g. an unknown group acronym). `withQuery`
 * false leaves the full-text condition out (the relevance search states it itself, relevancePage).
 */
async function whereClause(filters: ArchiveFilters, withQuery = true): Promise<Prisma.Sql | null> {
  const conditions: Prisma.Sql[] = [PUBLIC_STATEMENT_SQL];
  // In FROM, not in the select list: a function with a SET clause called once per row would set and reset
  // the planner setting for every id (ProjectSet; measured 10× slower on PGlite).
  if (filters.q && withQuery) {
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
 * ORDER BY for a sort; ties fall back to newest first. Text sorts use the C collation on both engines.
 * The date sort matches the index Statement_postedAt_id_idx, so the default list reads only one page of it.
 */
function orderClause(sort: SortKey, order: SortOrder): Prisma.Sql {
  const dir = Prisma.raw(order === "asc" ? "ASC" : "DESC");
  const newest = Prisma.sql`s."postedAt" DESC, s."id" DESC`;
  switch (sort) {
    case "relevance":
      // With a query: relevancePage.
      return newest;
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
  /** exact, or — when `totalIsLowerBound` — the cap it was counted to (a search, SEARCH_TOTAL_CAP) */
  total: number;
  /** true when more than `total` statements match (the search counted only up to its cap; ADR 039) */
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
  sort: SortKey;
  order: SortOrder;
}

/**
 * A search's total is counted exactly up to this many matches; past it the list says "more than 1,000"
 * (ADR 039). A common word matches most of the archive through its attachments' text, and an exact count
 * reads every match's row.
 */
export const SEARCH_TOTAL_CAP = 1000;

/**
 * How many public statements, newest first, are read to find the page's attachment-only matches before
 * falling back to all such matches through the index (a rare word): see relevancePage.
 */
const NEWEST_FIRST_SCAN_ROWS = 1000;

/**
 * The relevance order (ADR 031, ADR 039), without reading every match: (1) the statements whose own document
 * matches, through searchVector's GIN index, ranked by ts_rank — all of them, but those are few (title,
 * identifiers, attachment titles, contacts, body); (2) only when the page reaches past them, the
 * attachment-only matches, newest first, read along Statement_postedAt_id_idx until the page is full (cheap
 * when such matches are common, and they are: a common word is in most attachments), or, when the newest
 * NEWEST_FIRST_SCAN_ROWS statements hold too few, through fullSearchVector's GIN index (then they are few);
 * (3) the total, counted through that index up to `totalCap` (null: exact). The planner settings are set for
 * this transaction only: left to itself it reads every statement's vector for common words (ADR 031).
 */
async function relevancePage(
  where: Prisma.Sql,
  q: string,
  filters: ArchiveFilters,
  totalCap: number | null,
): Promise<{ ids: number[]; total: number; totalIsLowerBound: boolean }> {
  const db = await prisma();
  const query = tsQuery(q);
  const offset = (filters.page - 1) * filters.pageSize;
  const end = offset + filters.pageSize;
  // An excluded word (-word) may be inside an attachment only: then an own match is no match (the full
  // vector decides). Without a negation an own match always matches the full vector; not read then.
  const fullMatchesToo = Prisma.sql`(strpos(${query}::text, '!') = 0 OR s."fullSearchVector" @@ ${query})`;
  // set_config(…, true) is SET LOCAL; several in one statement (each statement is a round trip).
  const settings = (values: Record<string, "on" | "off">) =>
    Prisma.sql`SELECT ${Prisma.join(
      Object.entries(values).map(
        ([name, value], i) => Prisma.sql`set_config(${name}, ${value}, true) AS ${Prisma.raw(`"s${i}"`)}`,
      ),
    )}`;
  const matches = Prisma.sql`SELECT 1 FROM "Statement" s WHERE ${where} AND s."fullSearchVector" @@ ${query}`;
  return db.$transaction(async (tx) => {
    // Through the GIN indexes only (bitmap scans): the count and the own matches, in one statement.
    await tx.$queryRaw(settings({ enable_seqscan: "off", enable_indexscan: "off" }));
    const [row] = await tx.$queryRaw<{ total: number; own: number[] | null }[]>`
      SELECT
        (SELECT count(*)::int FROM (${matches}${totalCap === null ? Prisma.empty : Prisma.sql` LIMIT ${totalCap + 1}`}) m) AS "total",
        (SELECT array_agg(s."id" ORDER BY ts_rank(${RANK_WEIGHTS}, s."searchVector", ${query}) DESC, s."postedAt" DESC, s."id" DESC)
           FROM "Statement" s WHERE ${where} AND s."searchVector" @@ ${query} AND ${fullMatchesToo}) AS "own"`;
    const ownIds = (row?.own ?? []).map(Number);
    const counted = Number(row?.total ?? 0);
    let attachmentOnly: number[] = [];
    if (end > ownIds.length) {
      const wanted = end - ownIds.length;
      const attachmentOnlyMatch = (alias: "c" | "s") =>
        Prisma.sql`${Prisma.raw(alias)}."fullSearchVector" @@ ${query} AND NOT (${Prisma.raw(alias)}."searchVector" @@ ${query})`;
      // Along the date index, newest first.
      await tx.$queryRaw(settings({ enable_indexscan: "on", enable_bitmapscan: "off" }));
      const newest = await tx.$queryRaw<{ id: number }[]>`
        SELECT c."id" FROM (
          SELECT s."id", s."postedAt", s."searchVector", s."fullSearchVector" FROM "Statement" s
           WHERE ${where} AND s."postedAt" IS NOT NULL
           ORDER BY s."postedAt" DESC, s."id" DESC LIMIT ${NEWEST_FIRST_SCAN_ROWS}) c
         WHERE ${attachmentOnlyMatch("c")}
         ORDER BY c."postedAt" DESC, c."id" DESC LIMIT ${wanted}`;
      if (newest.length === wanted) {
        attachmentOnly = newest.map((r) => Number(r.id));
      } else {
        // Too few among the newest: they are rare, so all of them through the GIN index.
        await tx.$queryRaw(settings({ enable_indexscan: "off", enable_bitmapscan: "on" }));
        const all = await tx.$queryRaw<{ id: number }[]>`
          SELECT s."id" FROM "Statement" s
           WHERE ${where} AND ${attachmentOnlyMatch("s")}
           ORDER BY s."postedAt" DESC, s."id" DESC LIMIT ${wanted}`;
        attachmentOnly = all.map((r) => Number(r.id));
      }
    }
    const totalIsLowerBound = totalCap !== null && counted > totalCap;
    return {
      ids: [...ownIds, ...attachmentOnly].slice(offset, end),
      total: totalIsLowerBound ? (totalCap as number) : counted,
      totalIsLowerBound,
    };
  });
}

/**
 * One page of the ids of the public statements matching the filters, in order, and the total. Only public
 * statements: PUBLIC_STATEMENT_SQL is always part of the WHERE clause. `totalCap`: a search by relevance
 * counts its matches up to this many (the /statements page: SEARCH_TOTAL_CAP); unset, exactly (the API).
 */
export async function findPublicStatementIds(
  filters: ArchiveFilters,
  options: { totalCap?: number } = {},
): Promise<PublicMatches> {
  const { sort, order } = effectiveSort(filters);
  const base = { page: filters.page, pageSize: filters.pageSize, sort, order };
  if (sort === "relevance" && filters.q) {
    const where = await whereClause(filters, false);
    if (!where) return { ids: [], total: 0, ...base };
    return { ...(await relevancePage(where, filters.q, filters, options.totalCap ?? null)), ...base };
  }
  const where = await whereClause(filters);
  if (!where) return { ids: [], total: 0, ...base };
  const db = await prisma();
  const offset = (filters.page - 1) * filters.pageSize;
  const ordering = orderClause(sort, order);
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
  const join = sort === "from" || sort === "to" ? firstGroupJoin(sort) : Prisma.empty;
  const rows = await db.$queryRaw<{ id: number; total: number }[]>`
    SELECT s."id", (count(*) OVER ())::int AS total FROM "Statement" s ${join} WHERE ${where}
    ORDER BY ${ordering} LIMIT ${filters.pageSize} OFFSET ${offset}`;
  const ids = rows.map((r) => Number(r.id));
  // Past the last page the window sees no row: count separately.
  const total = rows.length > 0 || offset === 0 ? Number(rows[0]?.total ?? 0) : await count();
  return { ids, total, ...base };
}
