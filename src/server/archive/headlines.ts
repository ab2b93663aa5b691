import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";
import { type HighlightSegment, highlightIdentifiers, MATCH_START, MATCH_STOP, splitHighlight } from "./highlight";
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
}

// ts_headline's cost grows with the text: the snippet looks at the start of long bodies only.
const SNIPPET_BODY_CHARS = Prisma.raw("20000");
const STRIP_MARKERS = Prisma.sql`chr(2) || chr(3)`;
const TITLE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, HighlightAll=true`;
const SNIPPET_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxFragments=2, MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=" … "`;

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
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        title: splitHighlight(r.title),
        identifiers: highlightIdentifiers(r.otherIdentifiers ?? [], q),
        snippet: splitHighlight((r.snippet ?? "").replace(/\s+/g, " ").trim()),
      },
    ]),
  );
}
