/**
 * npm run bench [-- --pg] — the public archive's benchmark (issue 7, "Performance"; docs/performance.md).
 *
 *  0. the Datatracker importer (issue 17): 3,000 statements, ≈ 6,600 attachments and ≈ 38,000 events imported
 *     twice into their own throwaway database of the same engine (scripts/bench/import-stage.ts);
 *  0b. a received LS mail with a 10 MB zip ingested into its own throwaway database, and read alone
 *     (scripts/bench/inbound-stage.ts, issue 18);
 *  1. a throwaway database: a fresh PGlite directory under the OS temp dir, or with --pg / BENCH_DATABASE_URL
 *     a fresh schema bench_<random> on PostgreSQL; migrated, demo-seeded, then 20,000 generated statements;
 *  2. the production server on it (scripts/start.ts: builds first when the sources changed) on a free port;
 *     — every generated attachment with a few pages of extracted text (attachment-text-stage.ts, ADR 026);
 *  3. a closed-loop load (16 connections, 2 s warm-up, 10 s measured) on the list page, a search, a search
 *     for a word only attachments hold, a filtered
 *     list, statement pages, the API list and a static asset (the ceiling), plus the gzipped JavaScript each
 *     public page ships;
 *  4. a Markdown table on stdout and bench-results/<timestamp>-<engine>.{json,md}.
 * Everything it started or created is removed at the end, on failure and on Ctrl-C too.
 *
 * Options: --pg, --statements=N, --connections=N, --duration=S, --warmup=S, --q=WORD, --seed=N,
 *          --no-profile, --start-timeout=S, --import-statements=N (0: leave the importer out). Environment: BENCH_DATABASE_URL (implies --pg), SKIP_BUILD=1.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, type DatabaseTarget, openDatabase, parsePostgresUrl } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";
import { ATTACHMENT_ONLY_WORD, indexGeneratedAttachmentTexts, TEXT_CHARS } from "./attachment-text-stage";
import { BENCH_SEARCH_WORD, variedQueries } from "./corpus";
import { cpuSampler } from "./cpu";
import { type GeneratedArchive, generateArchive } from "./generate";
import { benchImport, describeImportBench, type ImportBenchResult } from "./import-stage";
import { benchInboundIngest, describeInboundBench } from "./inbound-stage";
import { type PageWeight, pageWeight, pickStaticAsset } from "./js-weight";
import { fetchText, runLoad } from "./load";
import { type Profile, profileDatabase } from "./profile";
import { type BenchReport, evaluate, evaluateImport, type TargetResult, toMarkdown } from "./report";
import { freePort, launchApp, productionEnv, type RunningApp, waitForBackgroundWork, waitUntilReady } from "./server";

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
    "statements",
    "connections",
    "duration",
    "warmup",
    "q",
    "seed",
    "no-profile",
    "start-timeout",
    "import-statements",
  ];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`Unknown option --${key}`);
  const number = (key: string, fallback: number, min: number, max: number) => {
    const value = flags.has(key) ? Number(flags.get(key)) : fallback;
    if (!Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${key} must be between ${min} and ${max}`);
    return value;
  };
  const pgUrl = process.env.BENCH_DATABASE_URL || (flags.has("pg") ? DEFAULT_PG : undefined);
  return {
    pgUrl,
    statements: number("statements", 20_000, 0, 200_000),
    connections: number("connections", 16, 1, 256),
    durationS: number("duration", 10, 1, 120),
    warmupS: number("warmup", 2, 0, 60),
    seed: number("seed", 4053, 0, 2 ** 31),
    searchWord: flags.get("q") ?? BENCH_SEARCH_WORD,
    profile: !flags.has("no-profile"),
    startTimeoutS: number("start-timeout", 15 * 60, 10, 3600),
    importStatements: number("import-statements", 3000, 0, 100_000),
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

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const engine = options.pgUrl ? "postgres" : "pglite";
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-").replace(/Z$/, "");
  const resultsDir = path.join(ROOT, "bench-results");
  const notes: string[] = [];

  // 0. The Datatracker importer (its own throwaway database; removed before the rest starts) -----------------
  let importer: ImportBenchResult | null = null;
  if (options.importStatements > 0) {
    log(`importing a Datatracker archive of ${options.importStatements} statements (twice) ...`);
    importer = await benchImport({ statements: options.importStatements, pgUrl: options.pgUrl, log });
    for (const line of describeImportBench(importer)) log(line);
  }

  // 0b. Ingesting a received LS mail with a 10 MB zip (issue 18; its own throwaway database) -------------------
  log("ingesting a received LS mail with a 10 MB zip (3 runs) ...");
  const inbound = await benchInboundIngest({ pgUrl: options.pgUrl, runs: 3, megabytes: 10 });
  for (const line of describeInboundBench(inbound)) log(line);

  // 1. The throwaway database ------------------------------------------------------------------------------
  const tmp = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-"));
  cleanups.push({ name: "remove the temp dir", run: () => rmSync(tmp, { recursive: true, force: true }) });
  exitCleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  let target: DatabaseTarget;
  let databaseUrl = "";
  let databaseLabel: string;
  if (options.pgUrl) {
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
  let rotationIds: number[] = [];
  let profile: Profile | null = null;
  {
    const db: Database = await openDatabase(target);
    let open = true;
    cleanups.push({ name: "close the generator's database", run: async () => (open ? db.close() : undefined) });
    let t = performance.now();
    await migrate(db.sql);
    const migrateS = (performance.now() - t) / 1000;
    t = performance.now();
    const seeded = await seedDemo(db);
    const seedS = (performance.now() - t) / 1000;
    log(`migrated in ${seconds(migrateS * 1000)} s; demo seed (${seeded}) in ${seconds(seedS * 1000)} s`);
    t = performance.now();
    const generated: GeneratedArchive = await generateArchive(db.sql, {
      count: options.statements,
      seed: options.seed,
      now: startedAt,
      log,
      attachmentsDir: db.attachments.directory,
    });
    log(`${generated.statements} statements ready in ${seconds(performance.now() - t)} s`);
    t = performance.now();
    const texts = await indexGeneratedAttachmentTexts(db.sql, { seed: options.seed, log });
    log(
      `attachment text: ${texts.attachments} attachments, ${(texts.chars / 1e6).toFixed(1)} M characters in ${texts.parts} parts ` +
        `(${texts.withWord} with "${ATTACHMENT_ONLY_WORD}") indexed in ${seconds(texts.seconds * 1000)} s`,
    );
    notes.push(
      `Every generated attachment has ≈ ${TEXT_CHARS.toLocaleString("en")} characters of extracted text (${texts.attachments} attachments, ` +
        `${(texts.chars / 1e6).toFixed(1)} M characters, indexed in ${seconds(texts.seconds * 1000)} s): all searches include it; ` +
        `"Search, attachment text" looks for "${ATTACHMENT_ONLY_WORD}", a word only ${texts.withWord} attachments hold (ADR 026).`,
    );
    rotationIds = generated.rotationIds;
    const { rotationIds: _rotation, ...summary } = generated;
    dataset = { ...summary, migrateS, seedS };
    if (options.profile) {
      log("profiling the archive queries on the generated database ...");
      profile = await profileDatabase(db, options.searchWord, generated.sampleIds[0]);
    }
    open = false;
    await db.close();
  }
  if (dataset.sampleIds.length === 0) throw new Error("No public statement was generated (use more --statements).");

  // 2. The production server -------------------------------------------------------------------------------
  const port = await freePort();
  const logFile = path.join(tmp, "app.log");
  log(`starting the production server on port ${port} (builds first if the sources changed; log ${logFile}) ...`);
  const serverStarted = performance.now();
  const app: RunningApp = launchApp({
    root: ROOT,
    port,
    logFile,
    log,
    env: productionEnv({ port, dataDir: tmp, databaseUrl, smtpUrl: "", seedDemo: false }),
  });
  cleanups.push({
    name: "stop the server",
    run: async () => {
      await app.stop();
      try {
        mkdirSync(resultsDir, { recursive: true });
        copyFileSync(logFile, path.join(resultsDir, `${stamp}-${engine}.server.log`));
      } catch {
        // no log to keep
      }
    },
  });
  exitCleanups.unshift(() => {
    try {
      process.kill(-app.pid, "SIGKILL");
    } catch {
      // gone
    }
  });
  await waitUntilReady(app, options.startTimeoutS * 1000);
  const readyS = (performance.now() - serverStarted) / 1000;
  log(`server ready in ${seconds(readyS * 1000)} s at ${app.baseUrl}`);
  const settled = await waitForBackgroundWork(app, path.join(tmp, "mail"), {
    stableMs: 5_000,
    timeoutMs: 15 * 60_000,
    log,
  });
  log(
    `start-up background work done after ${seconds(settled.seconds * 1000)} s (${settled.mails} mails written` +
      `${settled.reminderLog ? `; ${settled.reminderLog}` : ""})`,
  );
  if (settled.mails > 0) {
    notes.push(
      `At start-up the app's mail worker queued and wrote ${settled.mails} deadline reminder mails for the generated ` +
        `"action needed" statements; measuring began after they were done (${seconds(settled.seconds * 1000)} s after the first answer).`,
    );
  }
  const base = app.baseUrl;

  // 3. Measure ---------------------------------------------------------------------------------------------
  const staticAsset =
    (await pickStaticAsset(base, "/statements").catch(() => null)) ?? (await pickStaticAsset(base, "/"));
  if (!staticAsset) notes.push("No /_next/static asset was referenced by /statements or /: no static ceiling.");
  const q = encodeURIComponent(options.searchWord);
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
      paths: variedQueries(5000).map((query) => `/statements?q=${encodeURIComponent(query)}`),
    },
    { key: "filtered", name: "Filtered list", paths: ["/statements?direction=incoming&purpose=action"] },
    { key: "statement", name: "Statement page", paths: dataset.sampleIds.map((id) => `/statements/${id}`) },
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
    if (!app.alive()) throw new Error(`The server died during the ${item.name} run; see ${logFile}`);
  }
  const ceiling = targets.find((t) => t.key === "static")?.load;
  for (const t of targets) {
    t.ratio = ceiling && t.load ? t.load.rps / ceiling.rps : null;
    const own = t.load?.cpu?.serverMsPerRequest;
    const base = ceiling?.cpu?.serverMsPerRequest;
    t.cpuRatio = own && base ? base / own : null;
  }

  log("measuring the JavaScript each public page ships ...");
  const jsWeight: PageWeight[] = [];
  for (const page of ["/", "/statements", `/statements/${dataset.sampleIds[0]}`, "/directory"]) {
    jsWeight.push(await pageWeight(base, page));
  }

  if (engine === "pglite") {
    notes.push("PGlite is one in-process connection: the server's database queries run one at a time.");
  }

  // 4. Report ----------------------------------------------------------------------------------------------
  const report: BenchReport = {
    engine,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    source: source(),
    options: {
      statements: options.statements,
      seed: options.seed,
      connections: options.connections,
      warmupS: options.warmupS,
      durationS: options.durationS,
      searchWord: options.searchWord,
    },
    dataset,
    database: databaseLabel,
    server: { readyS, backgroundS: settled.seconds, startupMails: settled.mails },
    staticAsset,
    targets,
    checks: [...evaluate(targets, jsWeight), ...evaluateImport(importer)],
    importer,
    inbound,
    jsWeight,
    profile,
    notes,
  };
  const markdown = toMarkdown(report);
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${stamp}-${engine}`);
  writeFileSync(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${file}.md`, markdown);
  console.log(`\n${markdown}`);
  log(`results: ${path.relative(ROOT, file)}.{json,md}`);
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
