/**
 * `npm run bench:uploads` — issue 13 item 4: what one 25 MB attachment costs, on the embedded PGlite and on
 * PostgreSQL (DATABASE_URL of the run, default postgresql://postgres@127.0.0.1:5432/test, in a throwaway
 * schema; `-- --pglite` or `-- --pg` for one engine only). For each engine it starts the production app
 * (scripts/start.ts) on a temporary DATA_DIR and measures, as medians of 3 unless said otherwise:
 *  - the floor: the same 25 MB written to a file in DATA_DIR with fsync; on PostgreSQL also a plain node-pg
 *    bytea insert of the same bytes (one statement, returning nothing);
 *  - one 25 MB upload through POST /statements/save (the form's XHR path, multipart, signed in), end to end;
 *  - four 25 MB files in one request;
 *  - the p95 of a signed-in page request (another user's statement page, rendered from the database) when
 *    idle and while 25 MB uploads run back to back;
 *  - the server's memory (RSS of its whole process group) before and at its peak during the uploads.
 * Every upload carries fresh random bytes (no shortcut through the content-addressed dedupe).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  formGroupIds,
  type HttpSession,
  quicToSg15Submission,
  saveStatementOverHttp,
  signInOverHttp,
} from "../../e2e/support/app-http";
import { summarize } from "./load";
import { freePort, launchApp, productionEnv, type RunningApp, waitUntilReady } from "./server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MB = 1024 * 1024;
const SIZE = 25 * MB;
const PG_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const log = (message: string) => console.log(`[bench:uploads] ${message}`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** Resident memory (bytes) of every process in process group `pgid` (Linux /proc). */
function groupRss(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      total += Number(readFileSync(`/proc/${entry}/statm`, "utf8").split(" ")[1]) * 4096;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** The floor on disk: write the bytes to a new file in `dir` and fsync it. */
async function diskFloor(dir: string, bytes: Buffer): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const file = path.join(dir, `floor-${i}.bin`);
    times.push(
      (
        await timed(async () => {
          const handle = await open(file, "w");
          await handle.write(bytes);
          await handle.sync();
          await handle.close();
        })
      ).ms,
    );
    rmSync(file);
  }
  return median(times);
}

/** The floor on PostgreSQL: one plain node-pg INSERT of the bytes into a bytea column, returning nothing. */
async function pgInsertFloor(schema: string, bytes: Buffer): Promise<number> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS bench_floor (id serial PRIMARY KEY, data bytea NOT NULL)`);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fresh = Buffer.from(bytes);
      fresh.writeUInt32BE(i, 0);
      times.push((await timed(() => client.query(`INSERT INTO bench_floor (data) VALUES ($1)`, [fresh]))).ms);
    }
    await client.query(`DROP TABLE bench_floor`);
    return median(times);
  } finally {
    await client.end();
  }
}

interface EngineResult {
  engine: string;
  diskFloorMs: number;
  pgInsertFloorMs?: number;
  uploadMs: number;
  uploads: number[];
  fourFilesMs: number;
  idleP95: number;
  busyP95: number;
  busySamples: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
}

async function upload(chair: HttpSession, groups: { quic?: number; sg15?: number }, files: number, title: string) {
  const answer = await saveStatementOverHttp(
    chair,
    { ...quicToSg15Submission(groups as { quic: number; sg15: number }, title, "Bench upload."), intent: "save" },
    Array.from({ length: files }, (_, i) => ({ name: `bench-${i}.pdf`, content: randomBytes(SIZE) })),
  );
  if (answer.status !== "success") throw new Error(`upload refused: ${JSON.stringify(answer)}`);
}

async function benchEngine(engine: "pglite" | "postgres"): Promise<EngineResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-uploads-"));
  const schema = `bench_uploads_${randomBytes(4).toString("hex")}`;
  const databaseUrl = engine === "postgres" ? `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}` : "";
  const port = await freePort();
  let app: RunningApp | null = null;
  try {
    app = launchApp({
      root: ROOT,
      port,
      env: {
        ...productionEnv({ port, dataDir, databaseUrl, smtpUrl: "", seedDemo: true }),
        UPLOAD_DAILY_LIMIT_MB: "100000",
      },
      logFile: path.join(dataDir, "app.log"),
      log,
    });
    await waitUntilReady(app, 600_000);
    log(`${engine}: app up on ${app.baseUrl}`);
    const server = app;
    const chair = await signInOverHttp(app.baseUrl, "chair@example.org");
    const reader = await signInOverHttp(app.baseUrl, "secretariat@example.org");
    const ids = await formGroupIds(chair);
    const groups = { quic: ids.from.get("quic"), sg15: ids.to.get("itu-t-sg15") };
    const bytes = randomBytes(SIZE);

    const diskFloorMs = await diskFloor(dataDir, bytes);
    const pgInsertFloorMs = engine === "postgres" ? await pgInsertFloor(schema, bytes) : undefined;

    // A page another user reads meanwhile: a statement page, rendered for a signed-in user from the database.
    const pageUrl = `${app.baseUrl}/statements/1`;
    const page = async () => {
      const t = await timed(async () => {
        const response = await fetch(pageUrl, { headers: { cookie: reader.cookie } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`page answered ${response.status}`);
      });
      return t.ms;
    };
    for (let i = 0; i < 5; i++) await page(); // warm
    const idle: number[] = [];
    for (let i = 0; i < 60; i++) idle.push(await page());

    // Uploads, one at a time; the page is requested in a loop while they run; memory sampled throughout.
    const rssBefore = groupRss(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, groupRss(server.pid));
    }, 50);
    const busy: number[] = [];
    let uploading = true;
    const reading = (async () => {
      while (uploading) busy.push(await page());
    })();
    const uploads: number[] = [];
    for (let i = 0; i < 3; i++) uploads.push((await timed(() => upload(chair, groups, 1, `Bench 25 MB ${i}`))).ms);
    const four = await timed(() => upload(chair, groups, 4, "Bench 4 × 25 MB"));
    uploading = false;
    await reading;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, groupRss(server.pid));

    return {
      engine,
      diskFloorMs,
      pgInsertFloorMs,
      uploadMs: median(uploads),
      uploads,
      fourFilesMs: four.ms,
      idleP95: summarize(idle).p95,
      busyP95: summarize(busy).p95,
      busySamples: busy.length,
      rssBeforeMiB: rssBefore / MB,
      rssPeakMiB: rssPeak / MB,
    };
  } finally {
    await app?.stop();
    if (engine === "postgres") {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const only = process.argv.includes("--pglite")
  ? ["pglite"]
  : process.argv.includes("--pg")
    ? ["postgres"]
    : ["pglite", "postgres"];
const results: EngineResult[] = [];
for (const engine of only as ("pglite" | "postgres")[]) results.push(await benchEngine(engine));

const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}; 25 MB = ${SIZE} bytes, medians of 3.`,
  "",
  "| engine | floor: file + fsync | floor: plain pg insert | 25 MB upload (end to end) | × floor | 4 × 25 MB in one request | page p95 idle | page p95 during uploads | × idle | server RSS before → peak |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...results.map((r) => {
    const floor = r.pgInsertFloorMs ?? r.diskFloorMs;
    return `| ${r.engine} | ${ms(r.diskFloorMs)} | ${r.pgInsertFloorMs === undefined ? "—" : ms(r.pgInsertFloorMs)} | ${ms(r.uploadMs)} (${r.uploads.map((u) => u.toFixed(0)).join(", ")}) | ${(r.uploadMs / floor).toFixed(1)}× | ${ms(r.fourFilesMs)} | ${r.idleP95.toFixed(1)} ms | ${r.busyP95.toFixed(1)} ms (n=${r.busySamples}) | ${(r.busyP95 / r.idleP95).toFixed(2)}× | ${r.rssBeforeMiB.toFixed(0)} → ${r.rssPeakMiB.toFixed(0)} MiB (+${(r.rssPeakMiB - r.rssBeforeMiB).toFixed(0)}) |`;
  }),
];
console.log(`\n${lines.join("\n")}\n`);
