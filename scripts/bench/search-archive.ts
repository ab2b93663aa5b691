/**
 * npm run bench:search -- build|measure [options] — a kept archive for working on the new search (issue 19,
 * ADR 039).
 *
 * The growth run (run.ts) generates its archive afresh every time, ≈ 15 min up to 100k on a loaded machine.
 * This script generates it once into a database that stays, and then measures new searches in process against
 * it as often as needed:
 *
 *   build   --url=postgresql://postgres@127.0.0.1:5432/search_bench --sizes=2000,20000,100000 [--seed=N]
 *           grows the archive to each size in turn, as the growth run does (migrated and demo-seeded first when
 *           empty; the attachment text stage; VACUUM ANALYZE). Stop at the size you want to keep.
 *   measure --url=… [--queries=N] [--offset=N]
 *           N new two-word searches (corpus.ts variedQueries, from `offset`; the public cache off), each timed
 *           three ways: the page's ids and total (query.ts, counted up to SEARCH_TOTAL_CAP as the page does),
 *           the highlights of those ids (headlines.ts), and searchStatements whole on another new query.
 *           For the plans: EXPLAIN (ANALYZE, BUFFERS) by hand, with the SQL of query.ts.
 *
 * PGlite: --dir=/path/to/pglite instead of --url. Nothing here drops anything; drop the database yourself.
 */
import { performance } from "node:perf_hooks";
import { PAGE_SIZE } from "@/server/archive/filters";
import { highlightsFor } from "@/server/archive/headlines";
import { findPublicStatementIds, SEARCH_TOTAL_CAP } from "@/server/archive/query";
import { searchStatements } from "@/server/archive/search";
import { setPublicCacheEnabled } from "@/server/cache";
import { setDatabase } from "@/server/db";
import { type Database, type DatabaseTarget, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";
import { indexGeneratedAttachmentTexts } from "./attachment-text-stage";
import { variedQueries } from "./corpus";
import { generateArchive } from "./generate";

const log = (message: string) => console.log(`[search-archive ${new Date().toISOString().slice(11, 19)}] ${message}`);

export function parseFlags(argv: string[]): { command: string; flags: Map<string, string> } {
  const [command = "", ...rest] = argv;
  const flags = new Map<string, string>();
  for (const arg of rest) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? "true");
  }
  return { command, flags };
}

export function targetOf(flags: Map<string, string>): DatabaseTarget {
  const url = flags.get("url");
  const dir = flags.get("dir");
  if (url) return { kind: "postgres", url };
  if (dir) return { kind: "pglite", dir };
  throw new Error("Give --url=postgresql://… or --dir=/path/to/pglite");
}

async function statementCount(db: Database): Promise<number> {
  try {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "Statement"`);
    return Number(row?.n ?? 0);
  } catch {
    return -1;
  }
}

export async function build(target: DatabaseTarget, sizes: number[], seed: number): Promise<void> {
  const startedAt = new Date("2026-12-06T12:00:00Z");
  for (const size of sizes) {
    const db = await openDatabase(target);
    try {
      let have = await statementCount(db);
      if (have < 0) {
        await migrate(db.sql);
        log(`migrated; demo seed: ${await seedDemo(db)}`);
        have = await statementCount(db);
      }
      if (have >= size) {
        log(`${have} statements already (≥ ${size})`);
        continue;
      }
      const t = performance.now();
      const generated = await generateArchive(db.sql, {
        count: size - have,
        seed: seed + have,
        now: startedAt,
        log,
        attachmentsDir: db.attachments.directory,
        deferSearchVectors: true,
        vacuum: false,
      });
      const texts = await indexGeneratedAttachmentTexts(db.sql, {
        seed: seed + have,
        log,
        firstStatementId: generated.firstId,
      });
      await db.sql.exec(`DELETE FROM "StatementEvent" WHERE "type" = 'reminder_sent'`);
      await db.sql.exec(`DELETE FROM "Mail" WHERE "kind" = 'reminder'`);
      await db.sql.exec("VACUUM ANALYZE");
      log(
        `${size} statements (${generated.statements} added, ${texts.attachments} attachment texts) in ` +
          `${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
    } finally {
      await db.close();
    }
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/**
 * New searches in process: per query, the ids of the page (query.ts), the highlights (headlines.ts), and the
 * whole searchStatements on another new query (ids, list columns, highlights). The public cache is off.
 */
export async function measure(target: DatabaseTarget, count: number, offset: number): Promise<void> {
  const db = openDatabase(target);
  setDatabase(db);
  setPublicCacheEnabled(false);
  // Past the growth run's warm-up queries; `offset` picks another slice for a second try on the same server.
  const queries = variedQueries(offset + 2 * count + 3).slice(offset);
  const stages = { ids: [] as number[], highlights: [] as number[], whole: [] as number[] };
  let matches = 0;
  // Three warm-up searches (connections, prepared plans), not counted.
  for (const q of queries.splice(0, 3)) await searchStatements({ q, page: 1, pageSize: PAGE_SIZE });
  for (let i = 0; i < count; i++) {
    const q = queries[2 * i] as string;
    let t = performance.now();
    const found = await findPublicStatementIds({ q, page: 1, pageSize: PAGE_SIZE }, { totalCap: SEARCH_TOTAL_CAP });
    stages.ids.push(performance.now() - t);
    matches += found.total;
    t = performance.now();
    await highlightsFor(found.ids, q);
    stages.highlights.push(performance.now() - t);
    t = performance.now();
    await searchStatements({ q: queries[2 * i + 1] as string, page: 1, pageSize: PAGE_SIZE });
    stages.whole.push(performance.now() - t);
  }
  const [row] = await (await db).sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "Statement"`);
  log(`${row?.n} statements, ${count} new two-word searches, ${Math.round(matches / count)} matches on average`);
  for (const [name, values] of Object.entries(stages)) {
    log(`  ${name.padEnd(10)} p50 ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms`);
  }
  log(
    `load average ${(await import("node:os"))
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  await (await db).close();
}

async function main() {
  const { command, flags } = parseFlags(process.argv.slice(2));
  const target = targetOf(flags);
  if (command === "build") {
    const sizes = (flags.get("sizes") ?? "2000").split(",").map(Number);
    await build(target, sizes, Number(flags.get("seed") ?? 4053));
    return;
  }
  if (command === "measure") {
    await measure(target, Number(flags.get("queries") ?? 20), Number(flags.get("offset") ?? 0));
    return;
  }
  throw new Error("Usage: search-archive.ts build|measure --url=…|--dir=…");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
