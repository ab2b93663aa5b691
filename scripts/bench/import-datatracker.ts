/**
 * npm run bench:import [-- --pg] [--statements=3000] — the Datatracker importer's benchmark (issue 17,
 * "Performance": 3,000 statements with 5,000 attachments and 30,000 events in under 2 minutes).
 * Generates the fixture archive (tests/support/datatracker-archive.ts) at that volume, with small attachment
 * files, in the OS temp dir; imports it into a fresh in-memory PGlite database, or with --pg /
 * BENCH_DATABASE_URL a fresh schema on PostgreSQL; then imports it again (must change nothing). Prints the
 * times, the volume and the peak RSS. Everything it created is removed at the end.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { importDatatracker } from "@/server/import/import-datatracker";
import { hasChanges } from "@/server/import/report";
import { buildArchive, STATEMENT_COUNT, writeArchive, writeAttachments } from "../../tests/support/datatracker-archive";

const flags = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"] as const;
  }),
);
const statements = Number(flags.get("statements") ?? 3000);
const pgUrl = process.env.BENCH_DATABASE_URL || (flags.has("pg") ? "postgresql://postgres@127.0.0.1:5432/test" : "");
const root = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
const schema = `bench_import_${randomBytes(4).toString("hex")}`;
let db: Database | undefined;
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

try {
  // 10 extra events and 1 extra attachment a statement: ≈ 13 events and ≈ 2.2 attachments each.
  const { archive, files } = buildArchive({
    extra: Math.max(0, statements - STATEMENT_COUNT),
    extraEventsPerStatement: 10,
    extraAttachmentsPerStatement: 1,
  });
  const volume = Object.fromEntries(Object.entries(archive).map(([r, objects]) => [r, objects.length]));
  writeArchive(path.join(root, "archive"), archive, 1000);
  writeAttachments(path.join(root, "files"), files);
  if (pgUrl) {
    const url = new URL(pgUrl);
    url.searchParams.set("schema", schema);
    db = await openDatabase({ kind: "postgres", url: url.toString() });
  } else {
    db = await openDatabase({ kind: "pglite" });
  }
  await migrate(db.sql);
  const options = { sourceDir: path.join(root, "archive"), attachmentsDir: path.join(root, "files") };
  let started = performance.now();
  const first = await importDatatracker(db.prisma, options);
  const firstMs = performance.now() - started;
  started = performance.now();
  const second = await importDatatracker(db.prisma, options);
  const secondMs = performance.now() - started;
  const lines = [
    `engine: ${pgUrl ? "PostgreSQL" : "PGlite (in memory)"}; cores: ${os.cpus().length}; load average at end: ${os.loadavg()[0]!.toFixed(1)}`,
    `volume: ${volume["liaisons/liaisonstatement"]} statements, ${volume["liaisons/liaisonstatementattachment"]} attachments (${Object.keys(files).length} files), ${volume["liaisons/liaisonstatementevent"]} events, ${volume["liaisons/relatedliaisonstatement"]} relations`,
    `first import: ${(firstMs / 1000).toFixed(1)} s (target < 120 s); problems: ${first.problems.length}`,
    `second import: ${(secondMs / 1000).toFixed(1)} s; changes: ${hasChanges(second) ? "YES (not idempotent!)" : "none"}`,
    `peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
  ];
  console.log(lines.join("\n"));
} finally {
  clearInterval(sampler);
  if (db && pgUrl) await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db?.close();
  rmSync(root, { recursive: true, force: true });
}
