/**
 * `npm run bench:uploads` — issue 13 item 4: what one 25 MB attachment costs, on the embedded PGlite and on
 * PostgreSQL (DATABASE_URL of the run, default postgresql://postgres@127.0.0.1:5432/test, in a throwaway
 * schema; `-- --pglite` or `-- --pg` for one engine only). For each engine it starts the production app
 * (scripts/start.mjs) on a temporary DATA_DIR and measures, as medians of 3 unless said otherwise:
 *  - the floor: the same 25 MB written to a file in DATA_DIR with fsync; on PostgreSQL also a plain node-pg
 *    bytea insert of the same bytes (one statement, returning nothing);
 *  - a bare Node server receiving the same multipart request (busboy, SHA-256, file + fsync): the transfer floor;
 *  - one 25 MB upload through POST /statements/save (the form's XHR path, multipart, signed in), end to end and
 *    as the server's two phases (Server-Timing: receive = parse, hash, temporary file + fsync, of which sync = what
 *    follows the body's last byte: the upload thread catching up and the fsync; save = checks,
 *    storing the bytes, the transaction);
 *  - four 25 MB files in one request;
 *  - the p95 of a signed-in page request (another user's statement page, rendered from the database), requested
 *    in a loop on a thread of its own, in 3 s idle windows alternating with 8 single 25 MB uploads;
 *  - the same p95 with each upload arriving as over a real uplink (default 100 Mbit/s, `-- --uplink-mbit N`):
 *    loopback delivers 25 MB in a few hundred ms, a worst case no chair's network produces;
 *  - the server's memory (RSS of its whole process group, and of its own process) before, at its peak during the
 *    uploads, and 15 s after the last one (what of the peak was garbage V8 had not collected yet);
 *  - the CPU time of the server's main thread (the one that renders every page) per 25 MB upload and per 1 KB
 *    upload (mean of 8 each, nothing else running; `/proc/<pid>/task/<pid>/stat`, 10 ms ticks): unlike the
 *    p95 ratios, meaningful on a shared machine. `-- --cpu-only` measures only this (no build of the
 *    latency windows; a minute per engine once the app is built).
 *  `-- --memory-reports`: the server's own memory report (its heap, array buffers, PGlite's WebAssembly memory; SIGUSR2,
 *    scripts/serve.ts) before the windows, at each new peak of its RSS and 15 s after the last upload.
 *  `-- --profile`: instead, the server runs under V8's CPU profiler (scripts/bench/server.ts cpuProfileDir) during
 *    CPU_UPLOADS 25 MB uploads and as many 1 KB ones; the profiles of its main thread and of its worker threads
 *    (the upload thread, the text extraction) are cut at those uploads and say where the CPU went, per upload.
 * Every upload carries fresh random bytes (no shortcut through the content-addressed dedupe). Each request body is
 * encoded (multipart) before its clock starts, as a browser on another machine would have it ready; `-- --encode-while-sending`
 * streams the FormData through undici's encoder instead (this process then competes with the server for the CPU).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { formGroupIds, type HttpSession, quicToSg15Submission, signInOverHttp } from "../../e2e/support/app-http";
import { groupCpuMs, groupMainThreadCpuMs, groupRss, processRss } from "./cpu";
import { mainThreadProfile, monotonicMicros, profileTable, summarizeProfile, type Window } from "./cpu-profile";
import { summarize } from "./load";
import { freePort, launchApp, productionEnv, type RunningApp, waitForBackgroundWork, waitUntilReady } from "./server";
import { classify, epochMs, type Span } from "./windows";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MB = 1024 * 1024;
/** the uplink of the paced uploads (`-- --uplink-mbit N`; default 100 Mbit/s) */
const UPLINK_MBIT = Number(process.argv[process.argv.indexOf("--uplink-mbit") + 1]) || 100;
const CPU_ONLY = process.argv.includes("--cpu-only");
const PROFILE = process.argv.includes("--profile");
/** `-- --memory-reports`: the server's own memory report (SIGUSR2) at the start, at each new peak and 15 s after */
const MEMORY_REPORTS = process.argv.includes("--memory-reports");
const ENCODE_WHILE_SENDING = process.argv.includes("--encode-while-sending");
/** uploads per main-thread CPU figure */
const CPU_UPLOADS = 8;
const SIZE = 25 * MB;
const PG_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const log = (message: string) => console.log(`[bench:uploads] ${message}`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;

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
  bareServerMs: number;
  /** the server's main-thread CPU per 25 MB upload (request only, nothing else running), mean of CPU_UPLOADS */
  mainThreadMs: number;
  /** the same per 1 KB upload: what a save costs that thread whatever the size */
  mainThreadSmallMs: number;
  upload: UploadTiming;
  uploads: UploadTiming[];
  fourFilesMs: number;
  idleP95: number;
  idleSamples: number;
  busyP95: number;
  busySamples: number;
  /** the same, with each upload arriving at UPLINK_MBIT (a fast office or campus uplink), and its idle windows */
  pacedIdleP95: number;
  pacedBusyP95: number;
  pacedBusySamples: number;
  pacedUploadMs: number;
  rssBeforeMiB: number;
  /** the machine's 1-minute load average before and after (other work on the machine skews every figure) */
  load: number[];
  rssPeakMiB: number;
  /** the server's own process (rssBefore/rssPeak: its whole process group) */
  serverRssBeforeMiB: number;
  serverRssPeakMiB: number;
  /** 15 s after the last upload */
  serverRssAfterMiB: number;
}

/** What `--cpu-only` measures. */
type CpuResult = Pick<EngineResult, "engine" | "mainThreadMs" | "mainThreadSmallMs" | "load">;

/** 25 MB of random bytes per upload, made before the clock starts (fresh content: no dedupe shortcut). */
function freshFiles(count: number): Buffer[] {
  return Array.from({ length: count }, () => randomBytes(SIZE));
}

interface UploadTiming {
  /** the whole request, as the client sees it */
  total: number;
  /** the server's Server-Timing: receiving the body onto disk, then the save that stores it */
  receive: number;
  /** of `receive`, the part after the body's last byte was read: the upload thread catching up, the fsync */
  sync: number;
  save: number;
  /** when the request began and when its answer was read, on `epochMs`'s clock */
  startedAt: number;
  endedAt: number;
}

/** Posts the statement form with `files` to the upload endpoint, as the form's XMLHttpRequest does. */
async function upload(
  chair: HttpSession,
  groups: { quic?: number; sg15?: number },
  files: Buffer[],
  title: string,
  uplinkMbit?: number,
) {
  const body = new FormData();
  const fields = {
    ...quicToSg15Submission(groups as { quic: number; sg15: number }, title, "Bench upload."),
    intent: "save",
  };
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [i, bytes] of files.entries()) {
    body.append("attachments", new Blob([bytes as Uint8Array<ArrayBuffer>]), `bench-${i}.pdf`);
  }
  // The multipart body is encoded before the clock starts (a browser encodes it natively, on another machine; this
  // process shares the server's two cores, and undici's FormData encoding costs it ~50–130 ms of CPU per 25 MB),
  // unless `-- --encode-while-sending` (how the figures before the second uploads change were taken).
  // At a given uplink speed the body arrives as a client on that link sends it: 64 KB pieces, paced.
  const encoded = uplinkMbit || !ENCODE_WHILE_SENDING ? new Response(body) : null;
  const bytes = encoded ? new Uint8Array(await encoded.clone().arrayBuffer()) : null;
  const paced = bytes && uplinkMbit ? pacedBody(bytes, uplinkMbit) : null;
  const startedAt = epochMs();
  const start = performance.now();
  const response = await fetch(`${chair.baseUrl}/statements/save`, {
    method: "POST",
    headers: {
      cookie: chair.cookie,
      origin: chair.baseUrl,
      ...(encoded && bytes
        ? { "content-type": encoded.headers.get("content-type")!, "content-length": String(bytes.length) }
        : {}),
    },
    body: paced ? paced.stream : (bytes ?? body),
    ...(paced ? { duplex: "half" } : {}),
  });
  const answer = (await response.json()) as { status: string };
  const total = performance.now() - start;
  const endedAt = epochMs();
  if (answer.status !== "success") throw new Error(`upload refused: ${JSON.stringify(answer)}`);
  const phase = (name: string) =>
    Number(new RegExp(`${name};dur=([\\d.]+)`).exec(response.headers.get("server-timing") ?? "")?.[1] ?? Number.NaN);
  return {
    total,
    receive: phase("receive"),
    sync: phase("sync"),
    save: phase("save"),
    startedAt,
    endedAt,
  } satisfies UploadTiming;
}

/** `bytes` as a request body sent at `mbit` megabits per second, in 64 KB pieces. */
function pacedBody(bytes: Uint8Array, mbit: number) {
  const piece = 64 * 1024;
  const bytesPerMs = (mbit * 1_000_000) / 8 / 1000;
  let offset = 0;
  const began = performance.now();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close();
      const due = began + offset / bytesPerMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      controller.enqueue(bytes.subarray(offset, offset + piece));
      offset += piece;
    },
  });
  return { stream, length: bytes.length };
}

/**
 * Requests `url` in a loop on a thread of its own (so this process's own work — building and sending the
 * uploads — never delays it) until told to stop; answers the latencies in ms.
 */
function pageLoop(url: string, cookie: string) {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const now = () => performance.timeOrigin + performance.now();
     let running = true; const samples = [];
     parentPort.on("message", (m) => { if (m === "stop") running = false; });
     (async () => {
       while (running) {
         const start = now();
         const response = await fetch(workerData.url, { headers: { cookie: workerData.cookie } });
         await response.arrayBuffer();
         if (response.status !== 200) throw new Error("page answered " + response.status);
         samples.push({ start, end: now() });
         await new Promise((r) => setImmediate(r));
       }
       parentPort.postMessage(samples);
     })();`,
    { eval: true, workerData: { url, cookie } },
  );
  const result = new Promise<Span[]>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    async stop() {
      worker.postMessage("stop");
      const samples = await result;
      await worker.terminate();
      return samples;
    },
  };
}

/**
 * The transfer floor: the same multipart request to a bare Node server (on a thread of its own) that
 * streams the file to disk with busboy, hashing it, and fsyncs — no framework, no database.
 */
async function bareServerFloor(dir: string, files: Buffer[]): Promise<number> {
  const busboyPath = createRequire(import.meta.url).resolve("@fastify/busboy");
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const http = require("node:http"); const fs = require("node:fs"); const crypto = require("node:crypto");
     const Busboy = require(workerData.busboyPath);
     let n = 0;
     const server = http.createServer((req, res) => {
       const bb = Busboy({ headers: req.headers });
       const pending = [];
       bb.on("file", (name, stream) => {
         const file = workerData.dir + "/bare-" + n++ + ".bin";
         pending.push(new Promise((resolve, reject) => {
           const hash = crypto.createHash("sha256"); const out = fs.createWriteStream(file);
           stream.on("data", (c) => hash.update(c)); stream.pipe(out);
           out.on("finish", () => { const fd = fs.openSync(file, "r"); fs.fsyncSync(fd); fs.closeSync(fd); fs.rmSync(file); resolve(hash.digest("hex")); });
           out.on("error", reject);
         }));
       });
       bb.on("field", () => {});
       bb.on("finish", async () => { await Promise.all(pending); res.end("ok"); });
       req.pipe(bb);
     });
     server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true, workerData: { dir, busboyPath } },
  );
  const port = await new Promise<number>((resolve) => worker.once("message", resolve));
  const times: number[] = [];
  for (const bytes of files) {
    const form = new FormData();
    form.append("title", "floor");
    form.append("attachments", new Blob([bytes as Uint8Array<ArrayBuffer>]), "floor.pdf");
    // Encoded before the clock starts, as `upload` does (unless `--encode-while-sending`).
    const encoded = new Response(form);
    const body = ENCODE_WHILE_SENDING ? form : new Uint8Array(await encoded.arrayBuffer());
    const headers: Record<string, string> = ENCODE_WHILE_SENDING
      ? {}
      : { "content-type": encoded.headers.get("content-type")! };
    const start = performance.now();
    await (await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body, headers })).text();
    times.push(performance.now() - start);
  }
  await worker.terminate();
  return median(times);
}

async function benchEngine(engine: "pglite" | "postgres"): Promise<EngineResult | CpuResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-uploads-"));
  const schema = `bench_uploads_${randomBytes(4).toString("hex")}`;
  const databaseUrl = engine === "postgres" ? `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}schema=${schema}` : "";
  const port = await freePort();
  let app: RunningApp | null = null;
  const profileDir = path.join(dataDir, "cpu-profile");
  try {
    app = launchApp({
      cpuProfileDir: PROFILE ? profileDir : undefined,
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
    // The mail worker's start-up work (deadline reminders of the demo data) would count as "idle" otherwise.
    await waitForBackgroundWork(app, path.join(dataDir, "mail"), { stableMs: 3_000, timeoutMs: 60_000, log });
    const loadBefore = os.loadavg()[0] ?? Number.NaN;
    const server = app;
    const chair = await signInOverHttp(app.baseUrl, "chair@example.org");
    const reader = await signInOverHttp(app.baseUrl, "secretariat@example.org");
    const ids = await formGroupIds(chair);
    const groups = { quic: ids.from.get("quic"), sg15: ids.to.get("itu-t-sg15") };
    const bytes = randomBytes(SIZE);

    // What an upload costs the thread that renders every page (issue 13 item 4: the parsing, hashing and writing
    // run in the upload thread; this thread passes the bytes on and runs the save). One upload first, so that
    // starting the upload thread is not counted.
    await upload(chair, groups, [randomBytes(1024)], "Bench CPU warm-up");
    // Also the server's whole CPU (every thread: the upload thread's parsing, hashing and writing, the text worker),
    // which the other requests compete with on a machine of few cores.
    const allThreads: Record<string, number> = {};
    // The 25 MB uploads of this step, with nothing else asking the server: what storing an upload costs. (During the
    // page windows below an upload gives way to the pages, ADR 050, and takes longer on purpose.)
    const alone: Record<string, UploadTiming[]> = {};
    const mainThreadCpu = async (files: () => Buffer[], label: string) => {
      const batches = Array.from({ length: CPU_UPLOADS }, files);
      const before = groupMainThreadCpuMs(server.pid);
      const beforeAll = groupCpuMs(server.pid);
      alone[label] = [];
      for (const [i, batch] of batches.entries())
        alone[label].push(await upload(chair, groups, batch, `Bench CPU ${label} ${i}`));
      allThreads[label] = (groupCpuMs(server.pid) - beforeAll) / CPU_UPLOADS;
      return (groupMainThreadCpuMs(server.pid) - before) / CPU_UPLOADS;
    };
    if (PROFILE) {
      const windows: { title: string; window: Window }[] = [];
      for (const [label, files] of [
        ["1 KB", () => [randomBytes(1024)]],
        ["25 MB", () => freshFiles(1)],
      ] as const) {
        const batches = Array.from({ length: CPU_UPLOADS }, files);
        const timings: UploadTiming[] = [];
        const from = monotonicMicros();
        for (const [i, batch] of batches.entries())
          timings.push(await upload(chair, groups, batch, `Bench profile ${label} ${i}`));
        windows.push({ title: `${engine}: one ${label} upload`, window: { from, to: monotonicMicros() } });
        const mean = (pick: (t: UploadTiming) => number) =>
          ms(timings.reduce((s, t) => s + pick(t), 0) / timings.length);
        log(
          `${engine} ${label}: mean end to end ${mean((t) => t.total)}, receive ${mean((t) => t.receive)} (of it after the last byte ${mean((t) => t.sync)}), save ${mean((t) => t.save)}`,
        );
      }
      await app.stop();
      const kept = path.join(
        ROOT,
        "bench-results",
        `${new Date().toISOString().replace(/[:.]/g, "-")}-uploads-${engine}`,
      );
      mkdirSync(kept, { recursive: true });
      for (const f of readdirSync(profileDir)) copyFileSync(path.join(profileDir, f), path.join(kept, f));
      copyFileSync(server.logFile, path.join(kept, "app.log")); // the request lines say each upload's statements
      log(`CPU profiles: ${kept}`);
      const main = mainThreadProfile(profileDir);
      const threads = readdirSync(profileDir)
        .filter((f) => f.endsWith(".cpuprofile") && path.join(profileDir, f) !== main)
        .map((f) => path.join(profileDir, f));
      for (const w of windows) {
        console.log(`\n${profileTable(`${w.title}, main thread`, summarizeProfile(main, [w.window]), CPU_UPLOADS)}\n`);
        for (const t of threads) {
          let summary: ReturnType<typeof summarizeProfile>;
          try {
            summary = summarizeProfile(t, [w.window]);
          } catch {
            continue; // a thread with no sample in this window
          }
          console.log(`\n${profileTable(`${w.title}, ${path.basename(t)}`, summary, CPU_UPLOADS)}\n`);
        }
      }
      return {
        engine,
        mainThreadMs: Number.NaN,
        mainThreadSmallMs: Number.NaN,
        load: [loadBefore, os.loadavg()[0] ?? Number.NaN],
      };
    }
    const mainThreadSmallMs = await mainThreadCpu(() => [randomBytes(1024)], "1 KB");
    const mainThreadMs = await mainThreadCpu(() => freshFiles(1), "25 MB");
    log(`${engine}: main-thread CPU per upload: 25 MB ${ms(mainThreadMs)}, 1 KB ${ms(mainThreadSmallMs)}`);
    log(
      `${engine}: server CPU per upload, all threads: 25 MB ${ms(allThreads["25 MB"] ?? Number.NaN)}, 1 KB ${ms(allThreads["1 KB"] ?? Number.NaN)}`,
    );
    if (CPU_ONLY) {
      return { engine, mainThreadMs, mainThreadSmallMs, load: [loadBefore, os.loadavg()[0] ?? Number.NaN] };
    }

    const diskFloorMs = await diskFloor(dataDir, bytes);
    const pgInsertFloorMs = engine === "postgres" ? await pgInsertFloor(schema, bytes) : undefined;
    const bareServerMs = await bareServerFloor(dataDir, freshFiles(3));

    // A page another user reads meanwhile: a statement page, rendered for a signed-in user from the database.
    // Idle and busy windows alternate (3 s idle, then one 25 MB upload), eight times, so that a change in the
    // machine's other load hits both sides alike (the stored time is measured above, with the uploads alone).
    const pageUrl = `${app.baseUrl}/statements/1`;
    // One loop for the whole run, on one kept-alive connection: a loop started per window measured its own cold
    // start in every window (a new thread's first fetch, a new connection: 65–95 ms against 25–50 ms for the rest,
    // idle or not), and a busy window holds only 5–8 requests, so those first requests made its p95.
    const loop = pageLoop(pageUrl, reader.cookie);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const batches = Array.from({ length: 8 }, () => freshFiles(1));
    const rssBefore = groupRss(server.pid);
    let rssPeak = rssBefore;
    // and of the server's own process (the group also holds the attachment reader's, ADR 047)
    const serverRssBefore = processRss(server.pid);
    let serverRssPeak = serverRssBefore;
    // With --memory-reports, the server logs its heap's figures (scripts/serve.ts, SIGUSR2) now and whenever its RSS
    // passes the last reported one by 8 MiB; they are printed at the end.
    const reportMemory = () => MEMORY_REPORTS && process.kill(server.pid, "SIGUSR2");
    let reportedRss = serverRssBefore;
    reportMemory();
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, groupRss(server.pid));
      const rss = processRss(server.pid);
      serverRssPeak = Math.max(serverRssPeak, rss);
      if (rss > reportedRss + 8 * MB) {
        reportedRss = rss;
        reportMemory();
      }
    }, 50);
    const idleWindows: Span[] = [];
    const uploadWindows: Span[] = [];
    const uploads: UploadTiming[] = [];
    const idleThenUpload = async (title: string, files: Buffer[], uplinkMbit?: number) => {
      const idleStart = epochMs();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      idleWindows.push({ start: idleStart, end: epochMs() });
      const timing = await upload(chair, groups, files, title, uplinkMbit);
      uploadWindows.push({ start: timing.startedAt, end: timing.endedAt });
      return timing;
    };
    for (const [i, files] of batches.entries()) uploads.push(await idleThenUpload(`Bench 25 MB ${i}`, files));
    const loopback = { idle: idleWindows.splice(0), uploads: uploadWindows.splice(0) };
    // The same alternation with each upload arriving as over a real uplink (loopback above is a worst case: the
    // whole 25 MB lands in a few hundred ms, so all of its CPU work comes at once).
    const pacedTimes: number[] = [];
    for (const [i, files] of Array.from({ length: 6 }, () => freshFiles(1)).entries()) {
      pacedTimes.push((await idleThenUpload(`Bench paced ${i}`, files, UPLINK_MBIT)).total);
    }
    const samples = await loop.stop();
    const { idle, busy } = classify(samples, loopback.idle, loopback.uploads);
    const { idle: pacedIdle, busy: pacedBusy } = classify(samples, idleWindows, uploadWindows);
    const four = await upload(chair, groups, freshFiles(4), "Bench 4 × 25 MB");
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, groupRss(server.pid));
    serverRssPeak = Math.max(serverRssPeak, processRss(server.pid));
    // What of the peak is garbage: V8 gives its heap back once the allocation stops (its memory reducer).
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const serverRssAfter = processRss(server.pid);
    if (MEMORY_REPORTS) {
      reportMemory();
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reports = readFileSync(path.join(dataDir, "app.log"), "utf8")
        .split("\n")
        .filter((line) => line.includes('"msg":"memory"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      log(`${engine}: the server's memory reports (MiB; before, at each new peak, 15 s after the last upload):`);
      for (const r of reports) {
        log(
          `  rss ${r.rssMiB} · heapUsed ${r.heapUsedMiB} · heapTotal ${r.heapTotalMiB} · arrayBuffers ${r.arrayBuffersMiB} · ${JSON.stringify(r.probes)}`,
        );
      }
    }
    const solo = (alone["25 MB"] ?? []).slice(0, 3);
    const middle = [...solo].sort((a, b) => a.total - b.total)[1]!;
    log(
      `${engine}: a 25 MB upload alone ${ms(middle.total)} (median of 3); during the page windows ${ms(median(uploads.map((u) => u.total)))} (median of ${uploads.length}: it gives way to the pages, ADR 050)`,
    );
    const loadAfter = os.loadavg()[0] ?? Number.NaN;

    return {
      engine,
      diskFloorMs,
      pgInsertFloorMs,
      bareServerMs,
      mainThreadMs,
      mainThreadSmallMs,
      upload: middle,
      uploads: solo,
      fourFilesMs: four.total,
      idleP95: summarize(idle).p95,
      idleSamples: idle.length,
      busyP95: summarize(busy).p95,
      busySamples: busy.length,
      pacedIdleP95: summarize(pacedIdle).p95,
      pacedBusyP95: summarize(pacedBusy).p95,
      pacedBusySamples: pacedBusy.length,
      pacedUploadMs: median(pacedTimes),
      rssBeforeMiB: rssBefore / MB,
      load: [loadBefore, loadAfter],
      rssPeakMiB: rssPeak / MB,
      serverRssBeforeMiB: serverRssBefore / MB,
      serverRssPeakMiB: serverRssPeak / MB,
      serverRssAfterMiB: serverRssAfter / MB,
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
const measured: (EngineResult | CpuResult)[] = [];
for (const engine of only as ("pglite" | "postgres")[]) measured.push(await benchEngine(engine));
const cpuTable = [
  "| engine | server main-thread CPU per 25 MB upload | per 1 KB upload | load average (2 cores) |",
  "|---|---|---|---|",
  ...measured.map(
    (r) =>
      `| ${r.engine} | ${ms(r.mainThreadMs)} | ${ms(r.mainThreadSmallMs)} | ${r.load.map((l) => l.toFixed(1)).join(" → ")} |`,
  ),
];
if (CPU_ONLY || PROFILE) {
  console.log(`\n${cpuTable.join("\n")}\n`);
  process.exit(0);
}
const results = measured as EngineResult[];

const f0 = (n: number) => n.toFixed(0);
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}; 25 MB = ${SIZE} bytes; medians of 3 uploads made one at a time with no other request, each of fresh random bytes.`,
  "",
  "| engine | floor: file + fsync | floor: plain pg insert | floor: bare Node server (same request, busboy + hash + fsync) | 25 MB upload, end to end | server: receive (parse, hash, fsync) | server: save (checks, store, transaction) | receive + save vs floor | after the last byte (sync + save) vs floor |",
  "|---|---|---|---|---|---|---|---|---|",
  ...results.map((r) => {
    const floor = r.pgInsertFloorMs ?? r.diskFloorMs;
    const server = r.upload.receive + r.upload.save;
    return `| ${r.engine} | ${ms(r.diskFloorMs)} | ${r.pgInsertFloorMs === undefined ? "—" : ms(r.pgInsertFloorMs)} | ${ms(r.bareServerMs)} | ${ms(r.upload.total)} (${r.uploads
      .slice(0, 3)
      .map((u) => f0(u.total))
      .join(
        ", ",
      )}) | ${ms(r.upload.receive)} | ${ms(r.upload.save)} | ${f0(server)} ms = ${(server / floor).toFixed(1)}× the ${r.pgInsertFloorMs === undefined ? "disk" : "insert"} floor; end to end ${(r.upload.total / r.bareServerMs).toFixed(1)}× the bare server | ${ms(r.upload.sync)} + ${ms(r.upload.save)} = ${((r.upload.sync + r.upload.save) / floor).toFixed(1)}× |`;
  }),
  "",
  ...cpuTable,
  "",
  "| engine | page p95 idle | page p95 during 25 MB uploads | × idle | 4 × 25 MB in one request | server RSS before → peak (process group; the server's own process, and 15 s after the last upload) | load average (2 cores) |",
  "|---|---|---|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.engine} | ${r.idleP95.toFixed(1)} ms (n=${r.idleSamples}) | ${r.busyP95.toFixed(1)} ms (n=${r.busySamples}) | ${(r.busyP95 / r.idleP95).toFixed(2)}× | ${ms(r.fourFilesMs)} | ${r.rssBeforeMiB.toFixed(0)} → ${r.rssPeakMiB.toFixed(0)} MiB (+${(r.rssPeakMiB - r.rssBeforeMiB).toFixed(0)}); the server's own process ${r.serverRssBeforeMiB.toFixed(0)} → ${r.serverRssPeakMiB.toFixed(0)} MiB (+${(r.serverRssPeakMiB - r.serverRssBeforeMiB).toFixed(0)}), 15 s later ${r.serverRssAfterMiB.toFixed(0)} MiB | ${r.load.map((l) => l.toFixed(1)).join(" → ")} |`,
  ),
  "",
  `| engine | uploads arriving at ${UPLINK_MBIT} Mbit/s: one 25 MB upload | page p95 idle | page p95 during the uploads | × idle |`,
  "|---|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.engine} | ${ms(r.pacedUploadMs)} | ${r.pacedIdleP95.toFixed(1)} ms | ${r.pacedBusyP95.toFixed(1)} ms (n=${r.pacedBusySamples}) | ${(r.pacedBusyP95 / r.pacedIdleP95).toFixed(2)}× |`,
  ),
];
console.log(`\n${lines.join("\n")}\n`);
