/**
 * `npm run bench:signed-in [-- --pg]` — issue 19: what the pages signed-in people work in cost, and what a
 * workflow action costs, on the production server with the demo data (PGlite by default; `--pg` =
 * PostgreSQL at BENCH_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/test, in a throwaway schema).
 *
 *  1. SQL statements per request, read from the server's own request log (`"queries"` in each JSON line,
 *     src/server/db/query-count.ts), matched by the X-Request-Id the bench sends: the median of 5 warm
 *     requests per page, and for one save + submit (upload endpoint, with an attachment) and its approval;
 *  2. latency: 8 connections (`--connections=N`), closed loop, 2 s warm-up and 10 s (`--duration=S`) per page,
 *     each page as the person who works in it; beside it a static file (the floor) under the same load.
 * Targets (issue 19): ≤ 6 SQL statements per page, ≤ 25 per action; p95 < 100 ms at 8 connections.
 *
 * `--profile[=N]`: instead of the load, the server runs under V8's CPU profiler (scripts/bench/server.ts cpuProfileDir)
 * and each page is requested N times (40) one after another; the profile is then cut at those requests and
 * says, per page, where its CPU went (scripts/bench/cpu-profile.ts).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "@/server/db/connection";
import {
  callFormAction,
  formGroupIds,
  type HttpSession,
  quicToSg15Submission,
  saveStatementOverHttp,
  serverActionId,
  signInOverHttp,
} from "../../e2e/support/app-http";
import { groupCpuMs, groupMainThreadCpuMs } from "./cpu";
import { mainThreadProfile, monotonicMicros, profileTable, summarizeProfile, type Window } from "./cpu-profile";
import { runLoad } from "./load";
import { freePort, launchApp, productionEnv, waitUntilReady } from "./server";
import { floorApprove, floorSubmit } from "./workflow-floor";

const ROOT = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const usePg = args.includes("--pg") || !!process.env.BENCH_DATABASE_URL;
const CONNECTIONS = flag("connections", 8);
const DURATION_S = flag("duration", 10);
const profileArg = args.find((a) => a === "--profile" || a.startsWith("--profile="));
const ACTIONS = flag("actions", 10);
const PROFILE_REQUESTS = profileArg ? Number(profileArg.split("=")[1] ?? 40) : 0;
const log = (message: string) => console.log(`[bench:signed-in] ${message}`);

type Line = { reqId?: string; queries?: number; durationMs?: number; route?: string; status?: number };

function serverLines(logFile: string): Map<string, Line> {
  const lines = new Map<string, Line>();
  for (const text of readFileSync(logFile, "utf8").split("\n")) {
    if (!text.startsWith("{")) continue;
    try {
      const line = JSON.parse(text) as Line;
      if (line.reqId) lines.set(line.reqId, line);
    } catch {
      // not a log line
    }
  }
  return lines;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-signed-in-"));
  const pgBase = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const schema = `bench_signed_${randomBytes(4).toString("hex")}`;
  const databaseUrl = usePg ? `${pgBase}${pgBase.includes("?") ? "&" : "?"}schema=${schema}` : "";
  const profileDir = path.join(dataDir, "cpu-profile");
  const app = launchApp({
    root: ROOT,
    port,
    env: {
      ...productionEnv({ port, dataDir, databaseUrl, smtpUrl: "", seedDemo: true }),
      LOG_LEVEL: "info",
    },
    logFile: path.join(dataDir, "server.log"),
    cpuProfileDir: PROFILE_REQUESTS ? profileDir : undefined,
    log,
  });
  try {
    await waitUntilReady(app, 30 * 60_000);
    const base = app.baseUrl;
    const as = async (email: string) => signInOverHttp(base, email);
    const chair = await as("chair@example.org");
    const ad = await as("ad@example.org");
    const lm = await as("lm-3gpp@example.org");
    const secretariat = await as("secretariat@example.org");

    // Actions first: their statement gives the statement page a realistic subject.
    const groups = await formGroupIds(chair);
    const approveId = serverActionId(ROOT, "src/actions/statements.ts", "approveAction");
    // One save + submit (upload endpoint, 256 KB attachment) and its approval, each measured by the server's
    // main-thread CPU around the request (the attachment's text is read by a worker thread, not counted here;
    // the whole process group is reported beside it) and by its own log line (SQL statements, duration).
    const measured = async <T>(fn: (reqId: string) => Promise<T>) => {
      const reqId = randomUUID();
      const main0 = groupMainThreadCpuMs(app.pid);
      const all0 = groupCpuMs(app.pid);
      const started = performance.now();
      const from = monotonicMicros();
      const result = await fn(reqId);
      const window: Window = { from, to: monotonicMicros() };
      const wallMs = performance.now() - started;
      return {
        reqId,
        window,
        result,
        wallMs,
        mainCpuMs: groupMainThreadCpuMs(app.pid) - main0,
        allCpuMs: groupCpuMs(app.pid) - all0,
      };
    };
    const submitAndApprove = async (n: number) => {
      const submission = quicToSg15Submission(
        { quic: groups.from.get("quic"), sg15: groups.to.get("itu-t-sg15") },
        `Bench LS ${n} ${Date.now()}`,
        "A statement submitted by the signed-in benchmark.",
      );
      const submit = await measured((reqId) =>
        saveStatementOverHttp(chair, submission, [{ name: "annex.pdf", content: randomBytes(256 * 1024) }], {
          headers: { "x-request-id": reqId },
        }),
      );
      const id = submit.result.id;
      if (!id) throw new Error(`save + submit failed: ${JSON.stringify(submit.result)}`);
      const page = await fetch(`${base}/statements/${id}`, { headers: { cookie: ad.cookie } });
      const version = /name="version" value="(\d+)"/.exec(await page.text())?.[1];
      const approve = await measured((reqId) =>
        callFormAction(
          ad,
          `/statements/${id}`,
          approveId,
          { id: String(id), version: version ?? "1" },
          { "x-request-id": reqId },
        ),
      );
      if (!approve.result.redirect) throw new Error(`approve failed: ${JSON.stringify(approve.result)}`);
      // the mail worker and the attachment text worker finish before the next pair
      await new Promise((r) => setTimeout(r, 300));
      return { id, submit, approve };
    };
    const first = await submitAndApprove(0); // warm-up: the first action loads its code
    const id = first.id;
    const pairs: Awaited<ReturnType<typeof submitAndApprove>>[] = [];
    for (let n = 1; n <= ACTIONS; n++) pairs.push(await submitAndApprove(n));

    const pages: { path: string; who: string; session: HttpSession }[] = [
      { path: "/approvals", who: "AD", session: ad },
      { path: "/statements", who: "chair", session: chair },
      { path: `/statements/${id}`, who: "chair", session: chair },
      { path: "/statements/new", who: "chair", session: chair },
      { path: "/statements/mine", who: "chair", session: chair },
      { path: "/desk", who: "liaison manager", session: lm },
      { path: "/action-needed", who: "Secretariat", session: secretariat },
    ];
    const warm: Record<string, string[]> = {};
    for (const p of pages) {
      warm[p.path] = [];
      for (let i = 0; i < 6; i++) {
        const reqId = randomUUID();
        const response = await fetch(`${base}${p.path}`, {
          headers: { cookie: p.session.cookie, "x-request-id": reqId },
        });
        if (response.status !== 200) throw new Error(`${p.path} as ${p.who}: HTTP ${response.status}`);
        await response.arrayBuffer();
        if (i > 0) warm[p.path]?.push(reqId);
      }
    }
    await new Promise((r) => setTimeout(r, 500)); // the log line is written when the response ends
    const lines = serverLines(app.logFile);
    const count = (reqId: string) => lines.get(reqId)?.queries ?? Number.NaN;

    if (PROFILE_REQUESTS) {
      const windows: { title: string; windows: Window[]; requests: number }[] = [
        // The measured actions (not the warm-up pair), each its own request's window.
        {
          title: "save + submit, 256 KB attachment, as chair",
          windows: pairs.map((p) => p.submit.window),
          requests: ACTIONS,
        },
        { title: "approve, as AD", windows: pairs.map((p) => p.approve.window), requests: ACTIONS },
      ];
      // Beside the signed-in pages, a search that is new each time (every demo statement it finds is rendered
      // with its highlights; the page size differs, so neither the page layer nor the search cache answers).
      const profiled = [
        ...pages.map((p) => ({
          title: `GET ${p.path.replace(/\/\d+$/, "/<id>")} as ${p.who}`,
          url: (_: number) => p.path,
          cookie: p.session.cookie,
        })),
        {
          title: "a new search (all demo statements match), anonymous",
          url: (i: number) => `/statements?q=ietf&pageSize=${50 + (i % 50)}`,
          cookie: "",
        },
      ];
      for (const p of profiled) {
        const from = monotonicMicros();
        for (let i = 0; i < PROFILE_REQUESTS; i++) {
          const response = await fetch(`${base}${p.url(i)}`, { headers: p.cookie ? { cookie: p.cookie } : {} });
          if (response.status !== 200) throw new Error(`${p.url(i)}: HTTP ${response.status}`);
          await response.arrayBuffer();
        }
        windows.push({ title: p.title, windows: [{ from, to: monotonicMicros() }], requests: PROFILE_REQUESTS });
      }
      await app.stop();
      const file = mainThreadProfile(profileDir);
      // Kept for Chrome DevTools (Performance → Load profile) or another look: bench-results/ is git-ignored.
      const kept = path.join(
        ROOT,
        "bench-results",
        `${new Date().toISOString().replace(/[:.]/g, "-")}-signed-in-${usePg ? "pg" : "pglite"}.cpuprofile`,
      );
      mkdirSync(path.dirname(kept), { recursive: true });
      copyFileSync(file, kept);
      log(`CPU profile: ${kept}`);
      console.log(
        `\n### Where a signed-in page's CPU goes — ${usePg ? "PostgreSQL" : "PGlite"}, load ${os.loadavg()[0]?.toFixed(1)}\n`,
      );
      for (const w of windows) {
        console.log(`${profileTable(w.title, summarizeProfile(file, w.windows), w.requests)}\n`);
      }
      return;
    }

    const rows: string[] = [];
    rows.push(`| what | as | SQL statements | server time (median) | p95 at ${CONNECTIONS} connections | req/s |`);
    rows.push("|---|---|---|---|---|---|");
    const floor = await runLoad(base, ["/favicon.ico"], {
      connections: CONNECTIONS,
      warmupMs: 2000,
      durationMs: DURATION_S * 1000,
      maxRequests: 1_000_000,
      timeoutMs: 30_000,
    });
    for (const p of pages) {
      const ids = warm[p.path] ?? [];
      const load = await runLoad(base, [p.path], {
        connections: CONNECTIONS,
        warmupMs: 2000,
        durationMs: DURATION_S * 1000,
        maxRequests: 1_000_000,
        timeoutMs: 30_000,
        headers: { cookie: p.session.cookie },
      });
      const durations = ids.map((r) => lines.get(r)?.durationMs ?? Number.NaN);
      rows.push(
        `| GET ${p.path.replace(/\/\d+$/, "/<id>")} | ${p.who} | ${median(ids.map(count))} (≤ 6) | ${median(durations).toFixed(1)} ms | ${load.latency.p95.toFixed(0)} ms (< 100) | ${load.rps.toFixed(0)} |`,
      );
      if (load.errors) rows.push(`|  ↳ ${load.errors} errors: ${JSON.stringify(load.statuses)} | | | | | |`);
    }
    rows.push(
      `| GET /favicon.ico (floor) | anyone | 0 | | ${floor.latency.p95.toFixed(0)} ms | ${floor.rps.toFixed(0)} |`,
    );
    console.log(
      `\n### Signed-in pages and actions — ${usePg ? "PostgreSQL" : "PGlite"}, ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}\n`,
    );
    console.log(rows.join("\n"));

    // The actions beside their floor: the same writes as plain SQL in one transaction, on the same database
    // once the server has stopped (the embedded one cannot be opened twice).
    await app.stop();
    const database = await openDatabase(
      usePg ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    );
    const floors = { submit: [] as number[], approve: [] as number[] };
    try {
      for (let n = 0; n < ACTIONS + 2; n++) {
        const t0 = performance.now();
        const floorId = await floorSubmit(database.sql, id, n);
        const t1 = performance.now();
        await floorApprove(database.sql, id, floorId, n);
        const t2 = performance.now();
        if (n >= 2) {
          floors.submit.push(t1 - t0);
          floors.approve.push(t2 - t1);
        }
      }
    } finally {
      await database.close();
    }
    const actionRows = (["submit", "approve"] as const).map((which) => {
      const runs = pairs.map((p) => p[which]);
      const sql = median(runs.map((r) => count(r.reqId)));
      const mainCpu = runs.reduce((sum, r) => sum + r.mainCpuMs, 0) / runs.length;
      const allCpu = runs.reduce((sum, r) => sum + r.allCpuMs, 0) / runs.length;
      const wall = median(runs.map((r) => r.wallMs));
      const floor = median(floors[which]);
      const label =
        which === "submit" ? "save + submit, 256 KB attachment (chair)" : "approve: posts, queues the mail (AD)";
      return `| ${label} | ${sql} (≤ 25) | ${mainCpu.toFixed(1)} ms | ${allCpu.toFixed(1)} ms | ${wall.toFixed(1)} ms | ${floor.toFixed(2)} ms | ${(mainCpu / floor).toFixed(1)}× (≤ 5×) |`;
    });
    console.log(
      [
        "",
        `#### Workflow actions beside their floor — ${usePg ? "PostgreSQL" : "PGlite"}, ${ACTIONS} of each, one at a time`,
        "",
        "| action | SQL statements (median) | server main-thread CPU (mean) | server CPU, all threads (mean) | wall (median) | floor: the same writes in one transaction (median) | main-thread CPU ÷ floor |",
        "|---|---|---|---|---|---|---|",
        ...actionRows,
        "",
        `Floor: plain SQL through the bench's own driver (${usePg ? "node-pg over loopback: wall time" : "PGlite in this process: wall time = its CPU"}), scripts/bench/workflow-floor.ts.`,
      ].join("\n"),
    );
  } finally {
    await app.stop();
    if (usePg) {
      const client = new pg.Client({ connectionString: pgBase });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
