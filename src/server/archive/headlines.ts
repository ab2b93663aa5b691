import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import {
  type HighlightSegment,
  hasMatch,
  highlightIdentifiers,
  MATCH_START,
  MATCH_STOP,
  splitHighlight,
} from "./highlight";
import { PUBLIC_STATEMENT_SQL, TS_CONFIG, tsQuery } from "./query";

export interface Highlights {
  /** the whole title, matches marked */
  title: HighlightSegment[];
  /** the other identifiers, when the query matched one (empty otherwise), matches marked */
  identifiers: HighlightSegment[];
  /**
   * up to two fragments of the attachment titles and body, matches marked. Not the identifiers (shown
   * once, above) nor the contacts: their names and addresses filled the snippet and said nothing new.
   */
  snippet: HighlightSegment[];
  /**
   * When the snippet above has no match but the text inside an attachment does (ADR 026): that attachment's
   * file name and a fragment of its text, matches marked — shown as "in S2-2410123.docx: … fronthaul …".
   */
  attachment: { fileName: string; snippet: HighlightSegment[] } | null;
}

// ts_headline's cost grows with the text: the snippet looks at the start of long bodies only.
const SNIPPET_BODY_CHARS = Prisma.raw("20000");
const STRIP_MARKERS = Prisma.sql`chr(2) || chr(3)`;
const TITLE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, HighlightAll=true`;
const SNIPPET_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxFragments=2, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=" … "`;

/**
 * For each statement, the first part of the text of its first attachment (not removed) that matches the
 * whole query, as a ts_headline fragment. The part is chosen first, so only one fragment per statement is
 * computed, over at most 20,000 characters.
 */
async function attachmentHeadlines(ids: readonly number[], q: string): Promise<Map<number, Highlights["attachment"]>> {
  const db = await prisma();
  const rows = await db.$queryRaw<{ id: number; filename: string; snippet: string | null }[]>`
    SELECT hit."statementId" AS id, hit."filename",
      ts_headline(${TS_CONFIG}, translate(p."text", ${STRIP_MARKERS}, ''), ${tsQuery(q)}, ${SNIPPET_OPTIONS}) AS snippet
    FROM (
      SELECT DISTINCT ON (a."statementId") a."statementId", a."filename", a."id" AS "attachmentId", first."seq"
        FROM "Attachment" a
        JOIN "Statement" s ON s."id" = a."statementId"
        JOIN "AttachmentText" t ON t."attachmentId" = a."id" AND t."searchVector" IS NOT NULL
        -- per attachment, through the parts' primary key: joined plainly, the planner tested every part of
        -- the archive against the query (reading each part's vector) before joining (ADR 031)
        CROSS JOIN LATERAL (
          SELECT p."seq" FROM "AttachmentTextPart" p
           WHERE p."attachmentId" = a."id" AND p."searchVector" @@ ${tsQuery(q)}
           ORDER BY p."seq" LIMIT 1) first
       WHERE a."statementId" IN (${Prisma.join(ids)}) AND a."removedAt" IS NULL AND ${PUBLIC_STATEMENT_SQL}
       ORDER BY a."statementId", a."id") hit
    JOIN "AttachmentTextPart" p ON p."attachmentId" = hit."attachmentId" AND p."seq" = hit."seq"`;
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { fileName: r.filename, snippet: splitHighlight((r.snippet ?? "").replace(/\s+/g, " ").trim()) },
    ]),
  );
}

/** ts_headline for the given (public, already found) statements: matched words marked, never HTML. */
export async function highlightsFor(ids: readonly number[], q: string): Promise<Map<number, Highlights>> {
  if (ids.length === 0) return new Map();
  const db = await prisma();
  const rows = await db.$queryRaw<{ id: number; title: string; snippet: string | null; otherIdentifiers: string[] }[]>`
    SELECT s."id", s."otherIdentifiers",
      ts_headline(${TS_CONFIG}, translate(s."title", ${STRIP_MARKERS}, ''), ${tsQuery(q)}, ${TITLE_OPTIONS}) AS title,
      ts_headline(${TS_CONFIG}, translate(concat_ws(E'\n',
          (SELECT string_agg(a."title", ' · ' ORDER BY a."id") FROM "Attachment" a
            WHERE a."statementId" = s."id" AND a."removedAt" IS NULL),
          left(s."body", ${SNIPPET_BODY_CHARS})), ${STRIP_MARKERS}, ''),
        ${tsQuery(q)}, ${SNIPPET_OPTIONS}) AS snippet
    FROM "Statement" s
    WHERE s."id" IN (${Prisma.join(ids)}) AND ${PUBLIC_STATEMENT_SQL}`;
  const snippets = new Map(
    rows.map((r) => [Number(r.id), splitHighlight((r.snippet ?? "").replace(/\s+/g, " ").trim())]),
  );
  const withoutMatch = [...snippets].filter(([, snippet]) => !hasMatch(snippet)).map(([id]) => id);
  const inAttachments = withoutMatch.length ? await attachmentHeadlines(withoutMatch, q) : new Map();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        title: splitHighlight(r.title),
        identifiers: highlightIdentifiers(r.otherIdentifiers ?? [], q),
        snippet: snippets.get(Number(r.id)) ?? [],
        attachment: inAttachments.get(Number(r.id)) ?? null,
      },
    ]),
  );
}
