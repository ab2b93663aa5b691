import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { RelatedStatementOption } from "@/lib/related-statement";
import { PUBLIC_STATEMENT_SQL } from "@/server/archive/query";
import { mayView } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { toRef } from "./repository";

export type { RelatedStatementOption } from "@/lib/related-statement";

/** A picker shows a handful of matches: the searcher types more words rather than scrolling. */
export const RELATED_SEARCH_LIMIT = 10;
/** Non-public candidates looked at per search before the policy filters them (staff see them all). */
const NON_PUBLIC_CANDIDATES = 200;
const MAX_TERMS = 8;

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every word must occur in the title, an other identifier or the date (case-insensitive, substrings). */
function termsClause(query: string): Prisma.Sql {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
  if (terms.length === 0) return Prisma.sql`TRUE`;
  const haystack = Prisma.sql`lower(s."title" || ' ' || array_to_string(s."otherIdentifiers", ' ') || ' ' ||
    to_char(COALESCE(s."postedAt", s."createdAt") AT TIME ZONE 'UTC', 'YYYY-MM-DD'))`;
  return Prisma.join(
    terms.map((t) => Prisma.sql`${haystack} LIKE ${`%${escapeLike(t)}%`} ESCAPE '\\'`),
    " AND ",
  );
}

type Row = Omit<RelatedStatementOption, "id"> & { id: number; sortKey: Date };

async function matching(visibility: Prisma.Sql, query: string, limit: number): Promise<Row[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."id", s."title", s."state"::text AS "state", s."direction"::text AS "direction",
      to_json(s."otherIdentifiers") AS "otherIdentifiers",
      to_char(COALESCE(s."postedAt", s."createdAt") AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "date",
      COALESCE(s."postedAt", s."createdAt") AS "sortKey"
    FROM "Statement" s
    WHERE ${visibility} AND ${termsClause(query)}
    ORDER BY COALESCE(s."postedAt", s."createdAt") DESC, s."id" DESC
    LIMIT ${limit}`;
  // (The identifiers come as JSON: the embedded engine's driver does not decode a raw text[] column.)
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    otherIdentifiers: typeof r.otherIdentifiers === "string" ? JSON.parse(r.otherIdentifiers) : r.otherIdentifiers,
    sortKey: new Date(r.sortKey),
  }));
}

/**
 * The statements a reply may answer, matching the searcher's words: the archive's public statements for
 * everyone, plus the non-public ones the policy lets this actor see (the statement page's rule, mayView) —
 * a signed-out visitor or another group's chair never finds a draft or pending statement through it.
 */
export async function searchRelatedStatements(
  actor: Actor | null,
  groups: GroupIndex,
  query: string,
): Promise<RelatedStatementOption[]> {
  const q = query.slice(0, 200);
  const publicRows = await matching(PUBLIC_STATEMENT_SQL, q, RELATED_SEARCH_LIMIT);
  let visibleHidden: Row[] = [];
  if (actor) {
    const candidates = await matching(Prisma.sql`NOT ${PUBLIC_STATEMENT_SQL}`, q, NON_PUBLIC_CANDIDATES);
    if (candidates.length > 0) {
      const db = await prisma();
      const refs = await db.statement.findMany({
        where: { id: { in: candidates.map((c) => c.id) } },
        select: {
          id: true,
          direction: true,
          state: true,
          submitterId: true,
          assigneeId: true,
          postedAt: true,
          groups: { select: { side: true, groupId: true } },
        },
      });
      const visible = new Set(refs.filter((r) => mayView(actor, groups, toRef(r))).map((r) => r.id));
      visibleHidden = candidates.filter((c) => visible.has(c.id));
    }
  }
  return [...publicRows, ...visibleHidden]
    .sort((a, b) => b.sortKey.getTime() - a.sortKey.getTime() || b.id - a.id)
    .slice(0, RELATED_SEARCH_LIMIT)
    .map(({ sortKey: _sortKey, ...option }) => option);
}

/** The picker's chips for statements already chosen (edit, reply): only those the actor may see. */
export async function relatedStatementOptions(
  actor: Actor | null,
  groups: GroupIndex,
  ids: readonly number[],
): Promise<RelatedStatementOption[]> {
  if (ids.length === 0) return [];
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: { id: { in: [...ids] } },
    include: { groups: { select: { side: true, groupId: true } } },
  });
  const byId = new Map(rows.filter((r) => mayView(actor, groups, toRef(r))).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        title: r.title,
        date: (r.postedAt ?? r.createdAt).toISOString().slice(0, 10),
        state: r.state,
        direction: r.direction,
        otherIdentifiers: r.otherIdentifiers,
      },
    ];
  });
}
