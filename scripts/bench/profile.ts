/**
 * A brief profile on the freshly generated database, before the server opens it: how many statements the
 * benchmark's queries select, EXPLAIN ANALYZE of the SQL the archive issues for them (as written in
 * src/server/archive/{query,search,headlines}.ts at the time of writing), and in-process timings of the archive functions themselves (database +
 * Prisma, without HTTP and React rendering). Optional: anything missing is reported as skipped.
 */

import { setDatabase } from "@/server/db";
import type { Database } from "@/server/db/connection";
import { ATTACHMENT_ONLY_WORD } from "./attachment-text-stage";
import { variedQueries } from "./corpus";
import { summarize } from "./load";

export interface ExplainResult {
  name: string;
  sql: string;
  /** EXPLAIN ANALYZE's "Execution Time", ms (median of 5) */
  executionMs: number;
  planningMs: number;
  plan: string;
}

export interface InProcessTiming {
  name: string;
  p50: number;
  p95: number;
  runs: number;
}

export interface Profile {
  counts: Record<string, number>;
  explain: ExplainResult[];
  inProcess: InProcessTiming[];
  skipped: string[];
}

/** PUBLIC_STATEMENT_SQL of src/server/archive/search.ts. */
const PUBLIC = `(s."state" = 'posted' OR (s."state" = 'withdrawn' AND s."postedAt" IS NOT NULL))`;
const NEWEST = `s."postedAt" DESC, s."id" DESC`;
const TSQ = `websearch_to_tsquery('english'::regconfig, $1)`;

/** `settings`: planner settings for that query's transaction only (SET LOCAL), as the app sets them. */
function queries(
  word: string,
  fromGroupId: number | null,
): { name: string; sql: string; params: unknown[]; settings?: string[] }[] {
  const filtered = `${PUBLIC} AND s."direction" = 'incoming' AND s."purpose" = 'action'`;
  // query.ts relevancePage (ADR 039): the own-document matches ranked, the attachment-only ones newest first
  // along the date index (at most 1,000 rows read), the total counted up to 1,001 through the GIN index.
  const RANK = `ts_rank('{0.05, 0.1, 0.4, 1.0}'::float4[], s."searchVector", ${TSQ})`;
  const ownRanked = `SELECT s."id" FROM "Statement" s WHERE ${PUBLIC} AND s."searchVector" @@ ${TSQ}
    AND (strpos(${TSQ}::text, '!') = 0 OR s."fullSearchVector" @@ ${TSQ}) ORDER BY ${RANK} DESC, ${NEWEST}`;
  const firstPage = (where: string) =>
    `SELECT s."id" FROM "Statement" s WHERE ${where} ORDER BY ${NEWEST} LIMIT 50 OFFSET 0`;
  const count = (where: string) => `SELECT count(*)::int AS total FROM "Statement" s WHERE ${where}`;
  return [
    { name: "list: page ids", sql: firstPage(PUBLIC), params: [] },
    { name: "list: count", sql: count(PUBLIC), params: [] },
    {
      name: "list: rows with groups (50)",
      sql: `SELECT s."id", s."title", s."state", s."direction", s."purpose", s."deadline", s."postedAt", s."actionStatus",
              (SELECT json_agg(json_build_object('side', sg."side", 'acronym', g."acronym", 'name', g."name")
                      ORDER BY sg."side", sg."position", g."acronym")
                 FROM "StatementGroup" sg JOIN "Group" g ON g."id" = sg."groupId" WHERE sg."statementId" = s."id") AS "groups"
            FROM "Statement" s WHERE s."id" IN (${firstPage(PUBLIC)})`,
      params: [],
    },
    {
      name: "search: own-document matches, ranked",
      sql: ownRanked,
      params: [word],
      settings: ["enable_seqscan = off"],
    },
    {
      name: "search: attachment-only matches, newest first (50)",
      sql: `SELECT c."id" FROM (SELECT s."id", s."postedAt", s."searchVector", s."fullSearchVector" FROM "Statement" s
              WHERE ${PUBLIC} AND s."postedAt" IS NOT NULL ORDER BY ${NEWEST} LIMIT 1000) c
            WHERE c."fullSearchVector" @@ ${TSQ} AND NOT (c."searchVector" @@ ${TSQ})
            ORDER BY c."postedAt" DESC, c."id" DESC LIMIT 50`,
      params: [word],
      settings: ["enable_seqscan = off", "enable_bitmapscan = off"],
    },
    {
      name: "search: count up to 1,001",
      sql: `SELECT count(*)::int FROM (SELECT 1 FROM "Statement" s WHERE ${PUBLIC} AND s."fullSearchVector" @@ ${TSQ} LIMIT 1001) m`,
      params: [word],
      settings: ["enable_seqscan = off", "enable_indexscan = off"],
    },
    {
      name: "search: headlines (50 rows)",
      sql: `SELECT s."id", ts_headline('english'::regconfig, s."title", ${TSQ}, 'HighlightAll=true') AS title,
              ts_headline('english'::regconfig, concat_ws(E'\\n', array_to_string(s."otherIdentifiers", ' '),
                  (SELECT string_agg(a."title", ' · ' ORDER BY a."id") FROM "Attachment" a
                    WHERE a."statementId" = s."id" AND a."removedAt" IS NULL),
                  array_to_string(s."fromContact", ', '), s."fromLiaisonContact",
                  array_to_string(s."toContact", ', '), s."toLiaisonContact", left(s."body", 20000)), ${TSQ},
                'MaxFragments=2, MaxWords=24, MinWords=10, ShortWord=2') AS snippet
            FROM "Statement" s WHERE s."id" IN (${ownRanked} LIMIT 50)`,
      params: [word],
      settings: ["enable_seqscan = off"],
    },
    { name: "filtered: page ids", sql: firstPage(filtered), params: [] },
    { name: "filtered: count", sql: count(filtered), params: [] },
    // The list's other filters (src/server/archive/query.ts whereClause), counted alone (issue 19).
    { name: "count: direction=outgoing", sql: count(`${PUBLIC} AND s."direction" = 'outgoing'`), params: [] },
    { name: "count: purpose=information", sql: count(`${PUBLIC} AND s."purpose" = 'information'`), params: [] },
    {
      name: "count: since a year ago",
      sql: count(`${PUBLIC} AND s."postedAt" >= now() - interval '365 days'`),
      params: [],
    },
    { name: "count: actionNeeded", sql: count(`${PUBLIC} AND s."actionStatus" = 'needed'`), params: [] },
    ...(fromGroupId === null
      ? []
      : [
          {
            name: "count: from=<the busiest group>",
            sql: count(`${PUBLIC} AND EXISTS (SELECT 1 FROM "StatementGroup" sg
              WHERE sg."statementId" = s."id" AND sg."side" = 'from' AND sg."groupId" IN (${fromGroupId}))`),
            params: [],
          },
        ]),
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function explain(
  db: Database,
  name: string,
  sql: string,
  params: unknown[],
  settings: string[] = [],
): Promise<ExplainResult> {
  const executions: number[] = [];
  const plannings: number[] = [];
  let plan = "";
  for (let run = 0; run < 5; run++) {
    const rows = await db.sql.transaction(async (tx) => {
      for (const setting of settings) await tx.exec(`SET LOCAL ${setting}`);
      return tx.query<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    });
    const lines = rows.map((r) => String(Object.values(r)[0]));
    plan = lines.join("\n");
    const ms = (label: string) =>
      Number(/([\d.]+) ms/.exec(lines.find((l) => l.startsWith(label)) ?? "")?.[1] ?? Number.NaN);
    executions.push(ms("Execution Time"));
    plannings.push(ms("Planning Time"));
  }
  return {
    name,
    sql: sql.replace(/\s+/g, " ").trim(),
    executionMs: median(executions),
    planningMs: median(plannings),
    plan,
  };
}

type AsyncFn = (...args: unknown[]) => Promise<unknown>;

async function optionalModule(specifier: string): Promise<Record<string, unknown> | null> {
  try {
    // A computed specifier: these modules belong to the archive work and may change shape or be missing.
    return (await import(specifier)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function time(fn: () => Promise<unknown>, runs = 12): Promise<{ p50: number; p95: number; runs: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const begin = performance.now();
    await fn();
    values.push(performance.now() - begin);
  }
  const s = summarize(values);
  return { p50: s.p50, p95: s.p95, runs };
}

/** In-process timings run with the app's public result cache off (each call does the database work). */
export async function profileDatabase(db: Database, word: string, statementId: number | undefined): Promise<Profile> {
  const skipped: string[] = [];
  const count = async (where: string, params: unknown[] = []) =>
    Number(
      (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Statement" s WHERE ${where}`, params))[0]
        ?.n ?? 0,
    );
  const counts: Record<string, number> = {
    public: await count(PUBLIC),
    searchMatches: await count(`${PUBLIC} AND s."fullSearchVector" @@ ${TSQ}`, [word]),
    filteredMatches: await count(`${PUBLIC} AND s."direction" = 'incoming' AND s."purpose" = 'action'`),
  };
  const [busiest] = await db.sql.query<{ id: number }>(
    `SELECT "groupId" AS "id" FROM "StatementGroup" WHERE "side" = 'from' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const explained: ExplainResult[] = [];
  for (const q of queries(word, busiest ? Number(busiest.id) : null)) {
    try {
      explained.push(await explain(db, q.name, q.sql, q.params, q.settings));
    } catch (error) {
      skipped.push(`EXPLAIN ${q.name}: ${(error as Error).message}`);
    }
  }

  const inProcess: InProcessTiming[] = [];
  setDatabase(Promise.resolve(db));
  // The app's in-process cache of public results (src/server/cache.ts) would turn every repeat into a hit.
  const cacheModule = await optionalModule("@/server/cache");
  const setCache = cacheModule?.setPublicCacheEnabled as ((enabled: boolean) => void) | undefined;
  setCache?.(false);
  try {
    const filtersModule = await optionalModule("@/server/archive/filters");
    const searchModule = await optionalModule("@/server/archive/search");
    const apiModule = await optionalModule("@/server/archive/api");
    const parse = filtersModule?.parseArchiveQueryLenient as ((p: URLSearchParams) => { filters: unknown }) | undefined;
    const search = searchModule?.searchStatements as AsyncFn | undefined;
    const apiList = apiModule?.apiListStatements as AsyncFn | undefined;
    const apiOne = (apiModule?.apiStatement ?? apiModule?.apiGetStatement) as AsyncFn | undefined;
    if (!parse || !search) skipped.push("in-process: src/server/archive/{filters,search}.ts not available");
    const cases: [string, string, AsyncFn | undefined][] = [
      ["searchStatements: list", "", search],
      ["searchStatements: search", `q=${encodeURIComponent(word)}`, search],
      // "Search, a new query each time" and "Search, attachment text" without the result cache (ADR 031)
      ...variedQueries(3).map((q): [string, string, AsyncFn | undefined] => [
        `searchStatements: q=${q}`,
        `q=${encodeURIComponent(q)}`,
        search,
      ]),
      [`searchStatements: q=${ATTACHMENT_ONLY_WORD}`, `q=${ATTACHMENT_ONLY_WORD}`, search],
      ["searchStatements: filtered", "direction=incoming&purpose=action", search],
      ["apiListStatements", "", apiList],
    ];
    for (const [name, query, fn] of cases) {
      if (!parse || !fn) continue;
      const { filters } = parse(new URLSearchParams(query));
      try {
        inProcess.push({ name, ...(await time(() => fn(filters))) });
      } catch (error) {
        skipped.push(`in-process ${name}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    if (apiOne && statementId !== undefined) {
      try {
        inProcess.push({ name: "api statement by id", ...(await time(() => apiOne(statementId))) });
      } catch (error) {
        skipped.push(`in-process api statement: ${(error as Error).message.split("\n")[0]}`);
      }
    }
  } finally {
    setCache?.(true);
    setDatabase(undefined);
  }
  return { counts, explain: explained, inProcess, skipped };
}
