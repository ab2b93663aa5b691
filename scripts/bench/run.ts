/**
 * npm run bench [-- --pg] — the public archive's benchmark (issue 7, "Performance"; docs/performance.md).
 *
 *  0. the Datatracker importer (issue 17): 3,000 statements, ≈ 6,600 attachments and ≈ 38,000 events imported
 *     twice into their own throwaway database of the same engine (scripts/bench/import-stage.ts);
 *  0b. a received LS mail with a 10 MB zip ingested into its own throwaway database, and read alone
 *     (scripts/bench/inbound-stage.ts, issue 18);
 *  1. a throwaway database: a fresh PGlite directory under the OS temp dir, or with --pg / BENCH_DATABASE_URL
 *     a fresh schema bench_<random> on PostgreSQL; migrated, demo-seeded, then grown step by step to each of
 *     --sizes (2,000, 20,000 and 100,000 generated statements by default; issue 19), every generated
 *     attachment with a few pages of extracted text (attachment-text-stage.ts, ADR 026);
 *  2. at each size, the production server on it (scripts/start.mjs: builds first when the sources changed) on
 *     a free port: how long until it answers and until it is quiet (the first reminder run's mails sent, CPU
 *     idle), its memory idle, and at one connection a new search, the filtered list, a new statement page and
 *     the list page (growth.ts); then stopped, and the archive grown to the next size;
 *  3. at 20,000 (or the one size given), a closed-loop load (16 connections, 2 s warm-up, 10 s measured) on
 *     the list page, a search, a search for a word only attachments hold, a filtered list, statement pages,
 *     the API list and a static asset (the ceiling), plus the gzipped JavaScript each public page ships;
 *  4. a Markdown table on stdout and bench-results/<timestamp>-<engine>.{json,md}, with the growth table.
 * Everything it started or created is removed at the end, on failure and on Ctrl-C too.
 *
 * Options: --pg, --sizes=N,N,… (default 2000,20000,100000), --statements=N (one size only), --connections=N,
 *          --duration=S, --warmup=S, --growth-duration=S (per figure and size, default 5), --q=WORD, --seed=N,
 *          --no-profile, --start-timeout=S, --import-statements=N (0: leave the importer out), --no-inbound,
 *          --reuse=URL|DIR: grow and keep this database instead of a throwaway one (a PostgreSQL URL, e.g. of a
 *          database of its own made with createdb, or a PGlite DATA_DIR); a size it already holds is not
 *          generated again (generating 100k takes ≈ 15 min), only its reminder mails and events are deleted.
 *          Environment: BENCH_DATABASE_URL (implies --pg), SKIP_BUILD=1.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, type DatabaseTarget, openDatabase, parsePostgresUrl } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";
import {
  ATTACHMENT_ONLY_WORD,
  indexGeneratedAttachmentTexts,
  POOL_DOCUMENTS,
  TEXT_CHARS,
} from "./attachment-text-stage";
import { BENCH_SEARCH_WORD, variedQueries } from "./corpus";
import { cpuSampler, groupRss } from "./cpu";
import { type GeneratedArchive, generateArchive } from "./generate";
import {
  type GrowthRow,
  growthChecks,
  growthMarkdown,
  measureGrowthTargets,
  type StartupResult,
  waitForQuiet,
} from "./growth";
import { benchImport, describeImportBench, type ImportBenchResult } from "./import-stage";
import { benchInboundIngest, describeInboundBench } from "./inbound-stage";
import { type PageWeight, pageWeight, pickStaticAsset } from "./js-weight";
import { fetchText, runLoad } from "./load";
import { type Profile, profileDatabase } from "./profile";
import { type BenchReport, evaluate, evaluateImport, type TargetResult, toMarkdown } from "./report";
import { freePort, launchApp, productionEnv, type RunningApp, waitUntilReady } from "./server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test";

// ---------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`Unknown argument ${arg} (see the header of scripts/bench/run.ts)`);
    flags.set(match[1], match[2] ?? "true");
  }
  const known = [
    "pg",
    "sizes",
    "statements",
    "growth-duration",
    "no-inbound",
    "connections",
    "duration",
    "warmup",
    "q",
    "seed",
    "no-profile",
    "start-timeout",
    "import-statements",
    "reuse",
  ];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`Unknown option --${key}`);
  const number = (key: string, fallback: number, min: number, max: number) => {
    const value = flags.has(key) ? Number(flags.get(key)) : fallback;
    if (!Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${key} must be between ${min} and ${max}`);
    return value;
  };
  const reuse = flags.get("reuse");
  if (reuse === "true" || reuse === "") throw new Error("--reuse=URL|DIR: a PostgreSQL URL or a PGlite DATA_DIR");
  const reusePg = reuse !== undefined && /^postgres(ql)?:/.test(reuse);
  const pgUrl = reusePg ? reuse : process.env.BENCH_DATABASE_URL || (flags.has("pg") ? DEFAULT_PG : undefined);
  if (flags.has("sizes") && flags.has("statements")) throw new Error("Give --sizes or --statements, not both");
  const sizes = flags.has("statements")
    ? [number("statements", 20_000, 1, 200_000)]
    : (flags.get("sizes") ?? "2000,20000,100000").split(",").map((part) => {
        const n = Number(part.trim());
        if (!Number.isInteger(n) || n < 1 || n > 200_000) throw new Error("--sizes: whole numbers from 1 to 200000");
        return n;
      });
  if (sizes.some((n, i) => i > 0 && n <= (sizes[i - 1] as number))) throw new Error("--sizes must grow");
  return {
    pgUrl,
    sizes,
    /** the size at which the whole plan (16 connections, every target, JavaScript weight) runs */
    fullSize: sizes.includes(20_000) ? 20_000 : (sizes.at(-1) as number),
    growthDurationS: number("growth-duration", 5, 1, 60),
    inbound: !flags.has("no-inbound"),
    connections: number("connections", 16, 1, 256),
    durationS: number("duration", 10, 1, 120),
    warmupS: number("warmup", 2, 0, 60),
    seed: number("seed", 4053, 0, 2 ** 31),
    searchWord: flags.get("q") ?? BENCH_SEARCH_WORD,
    profile: !flags.has("no-profile"),
    startTimeoutS: number("start-timeout", 15 * 60, 10, 3600),
    importStatements: number("import-statements", 3000, 0, 100_000),
    reuse:
      reuse === undefined
        ? undefined
        : reusePg
          ? ({ kind: "postgres" } as const)
          : ({ kind: "pglite", dir: path.resolve(reuse) } as const),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cleanup: everything registered here runs once, in reverse order, on success, failure, or Ctrl-C.
// ---------------------------------------------------------------------------------------------------------

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
/** Last-resort synchronous cleanups for process exit (kill the server group, remove the temp dir). */
const exitCleanups: (() => void)[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of [...cleanups].reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`[bench] cleanup "${step.name}" failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

let interrupted = false;
let interruptedAt = 0;
/** Shown if a second Ctrl-C cuts the cleanup short (what could not be undone synchronously). */
const leftovers: string[] = [];
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) {
      // Ctrl-C reaches npm, tsx and this process at once, and tsx relays it again: ignore the echoes.
      if (Date.now() - interruptedAt < 3_000) return;
      for (const item of leftovers) console.error(`[bench] left behind: ${item}`);
      process.exit(130); // a real second Ctrl-C: leave now (the exit hook still kills the server, removes the dir)
    }
    interrupted = true;
    interruptedAt = Date.now();
    console.error(`\n[bench] ${signal}: stopping and cleaning up (Ctrl-C again to leave at once) ...`);
    void cleanup().finally(() => {
      log("cleaned up");
      process.exit(130);
    });
  });
}
process.on("exit", () => {
  for (const fn of exitCleanups) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
});

const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------------

const loadAtStart = os.loadavg();

function machine(): BenchReport["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: { start: loadAtStart, end: os.loadavg() },
  };
}

function source(): BenchReport["source"] {
  const rev = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  if (rev.status !== 0) return { commit: "unknown (not a git checkout)", dirty: null };
  const status = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
  return { commit: rev.stdout.trim(), dirty: status.stdout.trim().length > 0 };
}

async function dropSchema(baseUrl: string, schema: string) {
  const client = new pg.Client({ connectionString: parsePostgresUrl(baseUrl).connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** One server run on the archive as it is: started, timed until quiet, measured, stopped. */
interface ServerRun {
  app: RunningApp;
  logFile: string;
  startup: StartupResult;
  rssIdleMiB: number;
  stop(): Promise<void>;
}

async function startServer(options: {
  tmp: string;
  dataDir: string;
  databaseUrl: string;
  label: string;
  startTimeoutS: number;
  resultsFile: string;
}): Promise<ServerRun> {
  const port = await freePort();
  const logFile = path.join(options.tmp, `app-${options.label}.log`);
  const mailDir = path.join(options.dataDir, "mail");
  const mailCount = () => {
    try {
      return readdirSync(mailDir).length;
    } catch {
      return 0;
    }
  };
  const mailsBefore = mailCount();
  const env = productionEnv({
    port,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    smtpUrl: "",
    seedDemo: false,
  });
  // The build (when the sources changed) before the clock starts: "ready / quiet after the spawn" is the start
  // of a built app, as in production, not minutes of `next build` (npm start then finds the build up to date).
  if (process.env.SKIP_BUILD !== "1") {
    log("building the app first if the sources changed (scripts/ensure-build.ts) ...");
    const build = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "ensure-build.ts")],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: "inherit" },
    );
    if (build.status !== 0) throw new Error(`The build failed (exit ${build.status})`);
  }
  log(`starting the production server on port ${port} (log ${logFile}) ...`);
  const serverStarted = performance.now();
  const app: RunningApp = launchApp({ root: ROOT, port, logFile, log, env });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
    try {
      copyFileSync(logFile, options.resultsFile);
    } catch {
      // no log to keep
    }
  };
  cleanups.push({ name: `stop the server (${options.label})`, run: stop });
  const kill = () => {
    try {
      process.kill(-app.pid, "SIGKILL");
    } catch {
      // gone
    }
  };
  exitCleanups.unshift(kill);
  await waitUntilReady(app, options.startTimeoutS * 1000);
  const readyS = (performance.now() - serverStarted) / 1000;
  log(`server ready in ${seconds(readyS * 1000)} s at ${app.baseUrl}`);
  const startup = await waitForQuiet(app, {
    readyS,
    mailCount: () => mailCount() - mailsBefore,
    timeoutMs: 15 * 60_000,
    log,
  });
  const rssIdleMiB = groupRss(app.pid) / 2 ** 20;
  log(
    `quiet ${startup.quiet ? "" : "(timed out) "}${seconds(startup.quietS * 1000)} s after the first answer: the first reminder run queued ` +
      `${startup.remindersQueued} mails, ${startup.mailsWritten} written; server CPU meanwhile ${seconds(startup.cpuMs)} s; ` +
      `RSS idle ${rssIdleMiB.toFixed(0)} MiB (process group)`,
  );
  return { app, logFile, startup, rssIdleMiB, stop };
}

/** --reuse: how many statements the bench generated into the kept database (its mark on the table; 0 when none). */
const GENERATED_MARK = "bench-generated: ";
async function generatedCount(db: Database): Promise<number> {
  const [row] = await db.sql.query<{ mark: string | null }>(
    `SELECT CASE WHEN to_regclass('"Statement"') IS NULL THEN NULL ELSE obj_description(to_regclass('"Statement"'), 'pg_class') END AS "mark"`,
  );
  return row?.mark?.startsWith(GENERATED_MARK) ? Number(row.mark.slice(GENERATED_MARK.length)) : 0;
}

/** --reuse, a size already generated: the figures the report needs, read from the kept database. */
async function keptArchive(db: Database, size: number): Promise<GeneratedArchive> {
  const [counts] = await db.sql.query<{ public: number; attachments: number; relations: number; events: number }>(
    `SELECT (SELECT count(*)::int FROM "Statement" WHERE "state" = 'posted') AS "public",
            (SELECT count(*)::int FROM "Attachment") AS "attachments",
            (SELECT count(*)::int FROM "StatementRelation") AS "relations",
            (SELECT count(*)::int FROM "StatementEvent") AS "events"`,
  );
  return {
    statements: size,
    publicStatements: Number(counts?.public ?? 0),
    byState: {},
    attachments: Number(counts?.attachments ?? 0),
    relations: Number(counts?.relations ?? 0),
    events: Number(counts?.events ?? 0),
    approvals: 0,
    statementGroups: 0,
    sampleIds: await spreadPublicIds(db, 1, 12),
    rotationIds: [],
    firstId: 1,
    lastId: 0,
    generateMs: 0,
    insertMs: 0,
    analyzeMs: 0,
  };
}

/** Public statement ids spread over the whole archive that no run of this benchmark requested before. */
async function spreadPublicIds(db: Database, fromId: number, n: number): Promise<number[]> {
  const rows = await db.sql.query<{ id: number }>(
    `SELECT s."id" FROM "Statement" s WHERE s."state" = 'posted' AND s."id" >= $1 ORDER BY s."id"`,
    [fromId],
  );
  const ids = rows.map((r) => Number(r.id));
  const k = Math.min(n, ids.length);
  return Array.from({ length: k }, (_, i) => ids[Math.floor((i * ids.length) / k)] as number);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const engine = options.pgUrl ? "postgres" : "pglite";
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-").replace(/Z$/, "");
  const resultsDir = path.join(ROOT, "bench-results");
  mkdirSync(resultsDir, { recursive: true });
  const notes: string[] = [];
  log(`sizes: ${options.sizes.join(", ")} statements; the whole plan at ${options.fullSize}`);

  // 0. The Datatracker importer (its own throwaway database; removed before the rest starts) -----------------
  let importer: ImportBenchResult | null = null;
  if (options.importStatements > 0) {
    log(`importing a Datatracker archive of ${options.importStatements} statements (twice) ...`);
    importer = await benchImport({ statements: options.importStatements, pgUrl: options.pgUrl, log });
    for (const line of describeImportBench(importer)) log(line);
  }

  // 0b. Ingesting a received LS mail with a 10 MB zip (issue 18; its own throwaway database) -------------------
  let inbound: Awaited<ReturnType<typeof benchInboundIngest>> | undefined;
  if (options.inbound) {
    log("ingesting a received LS mail with a 10 MB zip (3 runs) ...");
    inbound = await benchInboundIngest({ pgUrl: options.pgUrl, runs: 3, megabytes: 10 });
    for (const line of describeInboundBench(inbound)) log(line);
  }

  // 1. The throwaway database ------------------------------------------------------------------------------
  const tmp = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-"));
  cleanups.push({ name: "remove the temp dir", run: () => rmSync(tmp, { recursive: true, force: true }) });
  exitCleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  let target: DatabaseTarget;
  let databaseUrl = "";
  let databaseLabel: string;
  let dataDir = tmp;
  if (options.reuse?.kind === "postgres" && options.pgUrl) {
    databaseUrl = options.pgUrl;
    target = { kind: "postgres", url: databaseUrl };
    databaseLabel = `PostgreSQL ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}, kept (--reuse)`;
  } else if (options.reuse?.kind === "pglite") {
    dataDir = options.reuse.dir;
    mkdirSync(dataDir, { recursive: true });
    target = { kind: "pglite", dir: path.join(dataDir, "pglite") };
    databaseLabel = `embedded PGlite in ${dataDir}, kept (--reuse)`;
  } else if (options.pgUrl) {
    const schema = `bench_${randomBytes(5).toString("hex")}`;
    const url = new URL(options.pgUrl);
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
      throw new Error(`BENCH_DATABASE_URL must point at a local server (got ${url.hostname}).`);
    }
    url.searchParams.set("schema", schema);
    databaseUrl = url.toString();
    target = { kind: "postgres", url: databaseUrl };
    databaseLabel = `PostgreSQL ${url.host}${url.pathname}, throwaway schema ${schema}`;
    const baseUrl = options.pgUrl;
    leftovers.push(`schema ${schema} (psql "${baseUrl}" -c 'DROP SCHEMA "${schema}" CASCADE')`);
    cleanups.push({ name: `drop schema ${schema}`, run: () => dropSchema(baseUrl, schema) });
  } else {
    target = { kind: "pglite", dir: path.join(tmp, "pglite") };
    databaseLabel = `embedded PGlite in a fresh directory under ${os.tmpdir()}`;
  }
  log(`${engine}: ${databaseLabel}`);

  let dataset: BenchReport["dataset"] = null;
  let profile: Profile | null = null;
  let server: BenchReport["server"] = { readyS: Number.NaN, backgroundS: Number.NaN, startupMails: 0 };
  let targets: TargetResult[] = [];
  let jsWeight: PageWeight[] = [];
  let staticAsset: Awaited<ReturnType<typeof pickStaticAsset>> = null;
  const growth: GrowthRow[] = [];
  let generatedSoFar = 0;
  let migrateS = 0;
  let seedS = 0;
  const totals = { generateS: 0, textS: 0, vacuumS: 0 };

  for (const [step, size] of options.sizes.entries()) {
    // 1. Grow the archive to `size` ---------------------------------------------------------------------
    log(`— ${size.toLocaleString("en")} statements —`);
    const db: Database = await openDatabase(target);
    let open = true;
    cleanups.push({
      name: `close the generator's database (${size})`,
      run: async () => (open ? db.close() : undefined),
    });
    if (step === 0 && options.reuse) generatedSoFar = await generatedCount(db);
    if (step === 0 && generatedSoFar === 0) {
      let t = performance.now();
      await migrate(db.sql);
      migrateS = (performance.now() - t) / 1000;
      t = performance.now();
      const seeded = await seedDemo(db);
      seedS = (performance.now() - t) / 1000;
      log(`migrated in ${seconds(migrateS * 1000)} s; demo seed (${seeded}) in ${seconds(seedS * 1000)} s`);
    }
    let t = performance.now();
    const kept = generatedSoFar >= size; // --reuse: this size is in the kept database already
    if (kept) log(`the kept database holds ${generatedSoFar} generated statements: not generated again`);
    const generated: GeneratedArchive = kept
      ? await keptArchive(db, size)
      : await generateArchive(db.sql, {
          count: size - generatedSoFar,
          // A new seed per step: the statements added are new ones, not the first step's again.
          seed: options.seed + step,
          now: startedAt,
          log,
          attachmentsDir: db.attachments.directory,
          deferSearchVectors: true,
          vacuum: false,
        });
    const generateS = (performance.now() - t) / 1000;
    if (!kept) log(`${generated.statements} statements added in ${seconds(generateS * 1000)} s`);
    const texts = kept
      ? { attachments: 0, parts: 0, chars: 0, withWord: 0, seconds: 0 }
      : await indexGeneratedAttachmentTexts(db.sql, {
          seed: options.seed + step,
          log,
          firstStatementId: generated.firstId,
        });
    if (!kept) {
      generatedSoFar = size;
      if (options.reuse) await db.sql.exec(`COMMENT ON TABLE "Statement" IS '${GENERATED_MARK}${size}'`);
    }
    log(
      `attachment text: ${texts.attachments} attachments, ${(texts.chars / 1e6).toFixed(1)} M characters ` +
        `(${texts.withWord} with "${ATTACHMENT_ONLY_WORD}"), statement vectors refreshed, in ${seconds(texts.seconds * 1000)} s`,
    );
    // Each size's server starts as on a first start: no reminder of an earlier size's run is on record.
    await db.sql.exec(`DELETE FROM "StatementEvent" WHERE "type" = 'reminder_sent'`);
    await db.sql.exec(`DELETE FROM "Mail" WHERE "kind" = 'reminder'`);
    t = performance.now();
    // A maintained database has planner statistics and a visibility map (PostgreSQL's autovacuum would see to
    // both within a minute of such a load; PGlite has no autovacuum, see docs/performance.md).
    await db.sql.exec("VACUUM ANALYZE");
    const vacuumS = (performance.now() - t) / 1000;
    log(`VACUUM ANALYZE in ${seconds(vacuumS * 1000)} s`);
    totals.generateS += generateS;
    totals.textS += texts.seconds;
    totals.vacuumS += vacuumS;
    const [counts] = await db.sql.query<{ statements: number; public: number; attachments: number }>(
      `SELECT (SELECT count(*)::int FROM "Statement") AS "statements",
              (SELECT count(*)::int FROM "Statement" s WHERE s."state" = 'posted' OR (s."state" = 'withdrawn' AND s."postedAt" IS NOT NULL)) AS "public",
              (SELECT count(*)::int FROM "Attachment") AS "attachments"`,
    );
    // Statement pages nobody asked for yet: spread over this step's statements (earlier ones were asked for).
    const rotationIds = await spreadPublicIds(db, generated.firstId, 2_000);
    let sizeProfile: Profile | null = null;
    if (options.profile) {
      log("profiling the archive queries on the generated database ...");
      sizeProfile = await profileDatabase(db, options.searchWord, generated.sampleIds[0]);
    }
    const isFull = size === options.fullSize;
    if (isFull) {
      const { rotationIds: _rotation, firstId: _first, lastId: _last, ...summary } = generated;
      dataset = {
        ...summary,
        statements: size,
        publicStatements: Number(counts?.public ?? summary.publicStatements),
        attachments: Number(counts?.attachments ?? summary.attachments),
        migrateS,
        seedS,
      };
      profile = sizeProfile;
      notes.push(
        `Every generated attachment has ≈ ${TEXT_CHARS.toLocaleString("en")} characters of extracted text (its title, then one of ` +
          `${POOL_DOCUMENTS.toLocaleString("en")} generated documents): all searches include it; ` +
          `"Search, attachment text" looks for "${ATTACHMENT_ONLY_WORD}", a word only one attachment in 40 holds (ADR 026).`,
      );
    }
    open = false;
    await db.close();

    // 2. The production server on it -----------------------------------------------------------------------
    const run = await startServer({
      tmp,
      dataDir,
      databaseUrl,
      label: String(size),
      startTimeoutS: options.startTimeoutS,
      resultsFile: path.join(resultsDir, `${stamp}-${engine}-${size}.server.log`),
    });
    const app = run.app;
    const base = app.baseUrl;
    const loadAtMeasure = os.loadavg();
    const q = encodeURIComponent(options.searchWord);
    // Days over the archive's ten years, in an order that jumps around (each size's server starts with an
    // empty cache).
    const untilDays = Array.from({ length: 3000 }, (_, i) =>
      new Date(startedAt.getTime() - ((i * 7919) % 3650) * 86_400_000).toISOString().slice(0, 10),
    );
    log(
      `growth figures at ${size.toLocaleString("en")} statements (1 connection, ${options.growthDurationS} s each) ...`,
    );
    const measures = await measureGrowthTargets(
      app,
      [
        {
          key: "search-varied",
          name: "New search",
          // Queries this size's server has not answered yet (its cache starts empty at each start).
          paths: variedQueries(5000).map((query) => `/statements?q=${encodeURIComponent(query)}`),
        },
        // The app caches public pages (a repeated URL is a cache hit): each request asks for another day.
        {
          key: "filtered",
          name: "Filtered list, a new until= each time",
          paths: untilDays.map((day) => `/statements?direction=incoming&purpose=action&until=${day}`),
        },
        {
          key: "statement-varied",
          name: "New statement page",
          paths: rotationIds.filter((_, i) => i % 2 === 1).map((id) => `/statements/${id}`),
        },
        {
          key: "list",
          name: "List page, a new until= each time",
          paths: untilDays.map((day) => `/statements?until=${day}`),
        },
      ],
      { warmupMs: 1000, durationMs: options.growthDurationS * 1000, log },
    );

    // 3. The whole plan, at one size -----------------------------------------------------------------------
    if (isFull && dataset) {
      server = { readyS: run.startup.readyS, backgroundS: run.startup.quietS, startupMails: run.startup.mailsWritten };
      staticAsset =
        (await pickStaticAsset(base, "/statements").catch(() => null)) ?? (await pickStaticAsset(base, "/"));
      if (!staticAsset) notes.push("No /_next/static asset was referenced by /statements or /: no static ceiling.");
      const unseen = rotationIds.filter((_, i) => i % 2 === 0);
      targets = await measurePlan(app, options, staticAsset, q, dataset.sampleIds, unseen, notes);
      log("measuring the JavaScript each public page ships ...");
      jsWeight = [];
      for (const page of ["/", "/statements", `/statements/${dataset.sampleIds[0]}`, "/directory"]) {
        jsWeight.push(await pageWeight(base, page));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const rssAfterMiB = groupRss(app.pid) / 2 ** 20;
    log(`RSS idle after the measures: ${rssAfterMiB.toFixed(0)} MiB (process group)`);
    await run.stop();

    const filtered = sizeProfile?.explain.find((e) => e.name === "filtered: count");
    const scanNode = (plan: string | undefined) =>
      plan
        ?.split("\n")
        .find((l) => /Scan/.test(l))
        ?.trim()
        .replace(/\s+\(cost.*$/, "")
        .replace(/^->\s*/, "") ?? null;
    growth.push({
      statements: size,
      publicStatements: Number(counts?.public ?? 0),
      attachments: Number(counts?.attachments ?? 0),
      generateS,
      textS: texts.seconds,
      vacuumS,
      filteredCountMs: filtered?.executionMs ?? null,
      filteredCountPlan: scanNode(filtered?.plan),
      otherCountsMs: Object.fromEntries(
        (sizeProfile?.explain ?? [])
          .filter((e) => e.name.startsWith("count: ") || e.name === "list: count")
          .map((e) => [e.name.replace(/^count: /, "").replace("list: count", "no filter"), e.executionMs]),
      ),
      startup: run.startup,
      rssIdleMiB: run.rssIdleMiB,
      rssAfterMiB,
      measures,
      load: loadAtMeasure,
    });
    // What we have so far, in case a later (larger) size fails.
    writeFileSync(path.join(resultsDir, `${stamp}-${engine}.growth.md`), `${growthMarkdown(growth).join("\n")}\n`);
  }

  if (engine === "pglite") {
    notes.push("PGlite is one in-process connection: the server's database queries run one at a time.");
  }
  notes.push(
    `One archive grown ${options.sizes.join(" → ")} statements: generation ${seconds(totals.generateS * 1000)} s, attachment text ` +
      `${seconds(totals.textS * 1000)} s, VACUUM ANALYZE ${seconds(totals.vacuumS * 1000)} s in all. Each step's statements span ` +
      "the same ten years, so the archive gets denser (more statements per day, more recent deadlines) as it grows.",
  );

  // 4. Report ----------------------------------------------------------------------------------------------
  const report: BenchReport = {
    engine,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    source: source(),
    options: {
      statements: options.fullSize,
      seed: options.seed,
      connections: options.connections,
      warmupS: options.warmupS,
      durationS: options.durationS,
      searchWord: options.searchWord,
    },
    dataset,
    database: databaseLabel,
    server,
    staticAsset,
    targets,
    checks: [...evaluate(targets, jsWeight), ...evaluateImport(importer), ...growthChecks(growth)],
    importer,
    inbound,
    jsWeight,
    profile,
    growth,
    notes,
  };
  const markdown = toMarkdown(report);
  const file = path.join(resultsDir, `${stamp}-${engine}`);
  writeFileSync(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${file}.md`, markdown);
  console.log(`\n${markdown}`);
  log(`results: ${path.relative(ROOT, file)}.{json,md}`);
}

/** The whole plan at 16 connections (issue 7's targets), on the running server. */
async function measurePlan(
  app: RunningApp,
  options: ReturnType<typeof parseArgs>,
  staticAsset: Awaited<ReturnType<typeof pickStaticAsset>>,
  q: string,
  sampleIds: number[],
  rotationIds: number[],
  notes: string[],
): Promise<TargetResult[]> {
  const base = app.baseUrl;
  const plan: Omit<TargetResult, "probe" | "single" | "load" | "ratio" | "cpuRatio">[] = [
    ...(staticAsset ? [{ key: "static" as const, name: "Static asset (ceiling)", paths: [staticAsset.path] }] : []),
    { key: "list", name: "List page", paths: ["/statements"] },
    { key: "search", name: "Search", paths: [`/statements?q=${q}`] },
    {
      key: "search-attachments",
      name: "Search, attachment text",
      paths: [`/statements?q=${ATTACHMENT_ONLY_WORD}`],
    },
    {
      key: "search-varied",
      name: "Search, a new query each time",
      // Other queries than the growth measure's (answered already by this server, so cached).
      paths: variedQueries(5000, 8).map((query) => `/statements?q=${encodeURIComponent(query)}`),
    },
    { key: "filtered", name: "Filtered list", paths: ["/statements?direction=incoming&purpose=action"] },
    { key: "statement", name: "Statement page", paths: sampleIds.map((id) => `/statements/${id}`) },
    {
      key: "statement-varied",
      name: "Statement page, a different statement each time",
      paths: rotationIds.map((id) => `/statements/${id}`),
    },
    { key: "api", name: "API list", paths: ["/api/v1/statements"] },
  ];
  const loadOptions = {
    connections: options.connections,
    warmupMs: options.warmupS * 1000,
    durationMs: options.durationS * 1000,
    maxRequests: 500_000,
    timeoutMs: 30_000,
  };
  const targets: TargetResult[] = [];
  for (const item of plan) {
    const first = await fetchText(base, item.paths[0] as string).catch((error: Error) => ({
      status: 0,
      text: error.message,
      ms: 0,
    }));
    const result: TargetResult = {
      ...item,
      probe: { status: first.status, ms: first.ms, bytes: Buffer.byteLength(first.text) },
      single: null,
      load: null,
      ratio: null,
      cpuRatio: null,
    };
    targets.push(result);
    if (first.status !== 200) {
      log(`${item.name}: ${item.paths[0]} answers HTTP ${first.status}, not measured`);
      notes.push(`${item.name} (${item.paths[0]}) answered HTTP ${first.status}: not measured.`);
      continue;
    }
    // One connection, sequential: the time of a single request without queueing.
    const single = await runLoad(base, item.paths, {
      ...loadOptions,
      connections: 1,
      warmupMs: 1000,
      durationMs: 3000,
    });
    result.single = single.latency;
    log(`${item.name}: single request p50 ${single.latency.p50.toFixed(1)} ms; ${options.connections} connections ...`);
    result.load = await runLoad(base, item.paths, { ...loadOptions, sampler: cpuSampler(app.pid) });
    const l = result.load;
    log(
      `${item.name}: ${l.rps.toFixed(0)} req/s, p50 ${l.latency.p50.toFixed(1)} ms, p95 ${l.latency.p95.toFixed(1)} ms, ` +
        `p99 ${l.latency.p99.toFixed(1)} ms, ${l.errors} errors` +
        (l.cpu
          ? `; server CPU ${l.cpu.serverMsPerRequest.toFixed(2)} ms/req, other load ${l.cpu.otherCores.toFixed(2)} cores`
          : ""),
    );
    if (!app.alive()) throw new Error(`The server died during the ${item.name} run; see ${app.logFile}`);
  }
  const ceiling = targets.find((t) => t.key === "static")?.load;
  for (const t of targets) {
    t.ratio = ceiling && t.load ? t.load.rps / ceiling.rps : null;
    const own = t.load?.cpu?.serverMsPerRequest;
    const base = ceiling?.cpu?.serverMsPerRequest;
    t.cpuRatio = own && base ? base / own : null;
  }
  return targets;
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  // After Ctrl-C the cleanup stops the server under the running step: that failure is expected.
  if (!interrupted) console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  if (!interrupted) {
    log("cleaning up ...");
    await cleanup();
  }
}
if (!interrupted) process.exit(exitCode);
