/**
 * The Datatracker importer's benchmark (issue 17, "Performance (in `npm run bench`)": 3,000 statements with
 * 5,000 attachments and 30,000 events imported in under 2 minutes, memory bounded). Used by `npm run bench`
 * (its first stage) and `npm run bench:import`.
 *
 * Generates the fixture archive (tests/support/datatracker-archive.ts) at that volume — 10 more events and one
 * more small attachment per statement — as page files in the OS temp dir, then drops it from memory; imports it
 * into a fresh PGlite directory (as `npm run import:datatracker` does), or a fresh schema on PostgreSQL; then
 * imports it again (must change nothing). Measures both runs, each step, and the process's peak RSS during the
 * import. Everything it created is removed at the end.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { importDatatracker } from "@/server/import/import-datatracker";
import { hasChanges } from "@/server/import/report";
import { buildArchive, STATEMENT_COUNT, writeArchive, writeAttachments } from "../../tests/support/datatracker-archive";

export interface ImportBenchResult {
  engine: "pglite" | "postgres";
  volume: { statements: number; attachments: number; files: number; events: number; relations: number };
  firstS: number;
  /** CPU time of this process during the first run (user + system): on PGlite the whole import, on
   * PostgreSQL without the server's share. Less sensitive than wall time to what else the machine runs. */
  firstCpuS: number;
  secondS: number;
  /** per resource in the first run (the last one also holds the rest: derived dates, the id sequence, the
   * audit entry): wall seconds, CPU seconds of this process, SQL statements sent */
  steps: Record<string, { s: number; cpuS: number; sql: number }>;
  /** the same for the second run (which must change nothing: this is the cost of reading the archive again) */
  secondSteps: Record<string, { s: number; cpuS: number; sql: number }>;
  /** SQL statements sent by each run (the app's counter: BEGIN and COMMIT not included) */
  firstSql: number;
  secondSql: number;
  problems: number;
  /** the second run created, updated or removed something (it must not) */
  secondChanged: boolean;
  /** the process's RSS just before the first import, and its peak during both */
  rssBeforeMiB: number;
  peakRssMiB: number;
  loadAverage: { start: number[]; end: number[] };
}

export const IMPORT_TARGET_S = 120;

export async function benchImport(options: {
  statements: number;
  pgUrl?: string;
  log?: (line: string) => void;
}): Promise<ImportBenchResult> {
  const log = options.log ?? (() => undefined);
  const loadStart = os.loadavg();
  const root = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const schema = `bench_import_${randomBytes(4).toString("hex")}`;
  let db: Database | undefined;
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    let volume: ImportBenchResult["volume"];
    {
      const { archive, files } = buildArchive({
        extra: Math.max(0, options.statements - STATEMENT_COUNT),
        extraEventsPerStatement: 10,
        extraAttachmentsPerStatement: 1,
      });
      volume = {
        statements: archive["liaisons/liaisonstatement"]!.length,
        attachments: archive["liaisons/liaisonstatementattachment"]!.length,
        files: Object.keys(files).length,
        events: archive["liaisons/liaisonstatementevent"]!.length,
        relations: archive["liaisons/relatedliaisonstatement"]!.length,
      };
      writeArchive(path.join(root, "archive"), archive, 1000);
      writeAttachments(path.join(root, "files"), files);
    } // the generated archive is garbage from here: the import reads the page files
    log(
      `import: ${volume.statements} statements, ${volume.attachments} attachments, ${volume.events} events written as pages`,
    );
    // SQL statements counted by the app's own driver-level counter (src/server/db/query-count.ts: every
    // statement Prisma and the attachment store send; BEGIN/COMMIT are not statements of their own there).
    let statementsSent = 0;
    const observe = () => void statementsSent++;
    if (options.pgUrl) {
      const url = new URL(options.pgUrl);
      url.searchParams.set("schema", schema);
      db = await openDatabase({ kind: "postgres", url: url.toString(), observe });
    } else {
      db = await openDatabase({ kind: "pglite", dir: path.join(root, "pglite"), observe });
    }
    await migrate(db.sql);
    const sqlStatements = () => statementsSent;
    let steps: ImportBenchResult["steps"] = {};
    let current: { resource: string; at: number; cpu: NodeJS.CpuUsage; sql: number } | undefined;
    const closeStep = () => {
      if (current) {
        const step = steps[current.resource] ?? { s: 0, cpuS: 0, sql: 0 };
        const cpu = process.cpuUsage(current.cpu);
        step.s += (performance.now() - current.at) / 1000;
        step.cpuS += (cpu.user + cpu.system) / 1e6;
        step.sql += sqlStatements() - current.sql;
        steps[current.resource] = step;
      }
      current = undefined;
    };
    const importOptions = {
      sourceDir: path.join(root, "archive"),
      attachmentsDir: path.join(root, "files"),
      // Into the throwaway database's own store, never the process's (DATA_DIR).
      attachmentStore: db.attachments,
      onProgress: (resource: string) => {
        if (current?.resource === resource) return;
        closeStep();
        current = { resource, at: performance.now(), cpu: process.cpuUsage(), sql: sqlStatements() };
      },
    };
    // The generated archive is garbage now: collect it, so "RSS before" is the import's starting point (the
    // flag is set at run time when node was not started with --expose-gc).
    if (!global.gc) v8.setFlagsFromString("--expose-gc");
    (global.gc ?? (runInNewContext("gc") as () => void))();
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    let started = performance.now();
    const cpu = process.cpuUsage();
    let sqlAt = sqlStatements();
    const first = await importDatatracker(db.prisma, importOptions);
    const firstSql = sqlStatements() - sqlAt;
    const firstS = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const firstCpuS = (used.user + used.system) / 1e6;
    closeStep();
    const firstSteps = steps;
    steps = {};
    log(`import: first run ${firstS.toFixed(1)} s`);
    started = performance.now();
    sqlAt = sqlStatements();
    const second = await importDatatracker(db.prisma, importOptions);
    const secondS = (performance.now() - started) / 1000;
    const secondSql = sqlStatements() - sqlAt;
    closeStep();
    log(`import: second run ${secondS.toFixed(1)} s`);
    return {
      engine: options.pgUrl ? "postgres" : "pglite",
      volume,
      firstS,
      firstCpuS,
      secondS,
      steps: firstSteps,
      secondSteps: steps,
      firstSql,
      secondSql,
      problems: first.problems.length,
      secondChanged: hasChanges(second),
      rssBeforeMiB: rssBefore / 1024 / 1024,
      peakRssMiB: peakRss / 1024 / 1024,
      loadAverage: { start: loadStart, end: os.loadavg() },
    };
  } finally {
    clearInterval(sampler);
    if (db && options.pgUrl) await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** The result as lines of text (bench:import prints them; `npm run bench` puts them in its report). */
export function describeImportBench(r: ImportBenchResult): string[] {
  const lines = (steps: ImportBenchResult["steps"]) =>
    Object.entries(steps).map(
      ([resource, s]) =>
        `    ${resource.split("/").pop()}: ${s.s.toFixed(1)} s, CPU ${s.cpuS.toFixed(1)} s, ${s.sql} SQL statements`,
    );
  return [
    `engine: ${r.engine === "postgres" ? "PostgreSQL" : "PGlite (a fresh directory)"}; cores: ${os.cpus().length}; load average ${r.loadAverage.start.map((n) => n.toFixed(1)).join("/")} at the start, ${r.loadAverage.end.map((n) => n.toFixed(1)).join("/")} at the end`,
    `volume: ${r.volume.statements} statements, ${r.volume.attachments} attachments (${r.volume.files} distinct files), ${r.volume.events} events, ${r.volume.relations} relations`,
    `first import: ${r.firstS.toFixed(1)} s (target < ${IMPORT_TARGET_S} s; CPU of this process ${r.firstCpuS.toFixed(1)} s); ${r.firstSql} SQL statements (${(r.firstSql / r.volume.statements).toFixed(2)} per statement imported); problems: ${r.problems}`,
    "  by step (the last includes the dates, the id sequence and the audit entry):",
    ...lines(r.steps),
    `second import: ${r.secondS.toFixed(1)} s; ${r.secondSql} SQL statements; changes: ${r.secondChanged ? "YES (not idempotent!)" : "none"}`,
    ...lines(r.secondSteps),
    `RSS: ${r.rssBeforeMiB.toFixed(0)} MiB before, peak ${r.peakRssMiB.toFixed(0)} MiB during the imports`,
  ];
}
