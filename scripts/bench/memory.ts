/**
 * `npm run bench:memory [-- --pg] [-- --no-visits]` — issue 19, "Memory": what an idle `npm start` keeps
 * resident, every process it leaves running (target: ≤ 350 MB in all on the embedded default).
 *
 * Starts `npm start` exactly as an operator does (npm → scripts/start.mjs, which serves), on a fresh data directory
 * with the demo data (PGlite by default; `--pg` = PostgreSQL at BENCH_DATABASE_URL or
 * postgresql://postgres@127.0.0.1:5432/test, in a throwaway schema), on a free loopback port. Then:
 *  1. waits until it answers and is quiet (no CPU, no reminder mail written for 5 s), lets it idle 65 s (the
 *     upload thread and the attachment reader process end after 60 s without work), and
 *     measures ("idle after start");
 *  2. unless `--no-visits`: visits a fixed set of pages, anonymous (the archive, a statement, search, the
 *     directory, the feed, the API) and signed in (each page as the person who works in it), 3 times each;
 *     waits until quiet again, idles 65 s, and measures ("idle after use").
 * Each measurement: the resident size (RSS, /proc/<pid>/status) of every process in `npm start`'s process group;
 * for the server, what /proc/<pid>/smaps says of its WebAssembly memories (PGlite's is the largest: how much of
 * it is resident is the embedded database's memory) and the server's own
 * report, which it logs on SIGUSR2 (V8 heap used/total, external, array buffers, PGlite's WebAssembly memory
 * size: src/server/ops/memory.ts).
 *
 * SKIP_BUILD=1 reuses the existing production build (as e2e does); otherwise `npm start` builds when the
 * sources changed. Exits non-zero only when something failed, not when the target is missed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { MemoryReport } from "@/server/ops/memory";
import { signInOverHttp } from "../../e2e/support/app-http";
import { groupPids } from "./cpu";
import { freePort, launchApp, productionEnv, type RunningApp, waitForBackgroundWork, waitUntilReady } from "./server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const usePg = args.includes("--pg") || !!process.env.BENCH_DATABASE_URL;
const visits = !args.includes("--no-visits");
const TARGET_MIB = 350;
// The upload thread and the attachment reader process end after 60 s without work (src/server/http/multipart-thread.ts,
// src/server/attachment-text/reader.ts); the demo data's attachments are read at the first start.
const IDLE_MS = 65_000;
const log = (message: string) => console.log(`[bench:memory] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProcessMemory {
  pid: number;
  /** npm, the start script, the server, or the command line of anything else in the group */
  role: string;
  command: string;
  rssKiB: number;
  anonKiB: number;
  fileKiB: number;
  threads: number;
}

/** What the server reports of itself on SIGUSR2. */
type ServerReport = MemoryReport;

export interface Snapshot {
  processes: ProcessMemory[];
  totalKiB: number;
  server?: {
    pid: number;
    /** WebAssembly memories, largest first (PGlite's on the embedded database): size and resident part */
    wasm: { sizeKiB: number; rssKiB: number }[];
    report: ServerReport | null;
  };
}

function statusKiB(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
}

function roleOf(command: string): string {
  if (/(^|\/)npm(-cli\.js)?( |$)/.test(command) || command.includes("npm-cli.js")) return "npm";
  if (command.includes("scripts/serve.ts")) return "server";
  if (command.includes("scripts/start.mjs")) return "server (scripts/start.mjs)";
  if (command.includes("scripts/start.ts")) return "start script";
  return command.slice(0, 60);
}

/** RSS of every live process of process group `pgid` (Linux). */
export function groupMemory(pgid: number): { processes: ProcessMemory[]; totalKiB: number } {
  const processes: ProcessMemory[] = [];
  for (const pid of groupPids(pgid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      if (/^State:\s+Z/m.test(status)) continue; // exited, not yet reaped: holds no memory
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      processes.push({
        pid: Number(pid),
        role: roleOf(command),
        command,
        rssKiB: statusKiB(status, "VmRSS"),
        anonKiB: statusKiB(status, "RssAnon"),
        fileKiB: statusKiB(status, "RssFile") + statusKiB(status, "RssShmem"),
        threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0),
      });
    } catch {
      // gone meanwhile
    }
  }
  processes.sort((a, b) => a.pid - b.pid);
  return { processes, totalKiB: processes.reduce((sum, p) => sum + p.rssKiB, 0) };
}

/** The process that serves: scripts/start.mjs since ADR 035 (before, scripts/serve.ts beside the start script). */
function serverProcess(processes: ProcessMemory[]): ProcessMemory | undefined {
  return processes.find((p) => p.role.startsWith("server"));
}

/**
 * The WebAssembly memories of `pid` (/proc/<pid>/smaps), largest first: V8 reserves 8 GiB and more of address space
 * for each and makes only its current size accessible, so each is a read-write mapping followed by an inaccessible
 * one, the two spanning over 4 GiB (Node 20's V8 also put a 2 GiB guard before it; Node 24's does not, ADR 048). On
 * PGlite the largest is the embedded Postgres's; Prisma's query compiler has a small one.
 */
function wasmMemories(pid: number): { sizeKiB: number; rssKiB: number }[] {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, "utf8");
  } catch {
    return [];
  }
  const maps: { start: number; end: number; perm: string; rssKiB: number }[] = [];
  for (const line of text.split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) /.exec(line);
    if (head) {
      maps.push({
        start: Number.parseInt(head[1] ?? "0", 16),
        end: Number.parseInt(head[2] ?? "0", 16),
        perm: head[3] ?? "",
        rssKiB: 0,
      });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    const last = maps[maps.length - 1];
    if (rss && last) last.rssKiB = Number(rss[1]);
  }
  const found: { sizeKiB: number; rssKiB: number }[] = [];
  for (let i = 0; i < maps.length - 1; i++) {
    const [map, after] = [maps[i], maps[i + 1]];
    if (!map || !after || map.perm !== "rw-p" || after.perm !== "---p") continue;
    if (map.end !== after.start || after.end - map.start < 4 * 2 ** 30) continue;
    found.push({ sizeKiB: (map.end - map.start) / 1024, rssKiB: map.rssKiB });
  }
  return found.sort((a, b) => b.sizeKiB - a.sizeKiB);
}

/** Asks the server for its memory report (SIGUSR2 → one "memory" log line) and reads it from the log. */
async function serverReport(pid: number, logFile: string): Promise<ServerReport | null> {
  const before = readFileSync(logFile, "utf8").length;
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return null;
  }
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    const added = readFileSync(logFile, "utf8").slice(before);
    for (const line of added.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        const parsed = JSON.parse(line) as ServerReport & { msg?: string };
        if (parsed.msg === "memory") return parsed;
      } catch {
        // a partial line
      }
    }
  }
  return null;
}

export async function snapshot(app: RunningApp): Promise<Snapshot> {
  const { processes, totalKiB } = groupMemory(app.pid);
  const server = serverProcess(processes);
  if (!server) return { processes, totalKiB };
  return {
    processes,
    totalKiB,
    server: {
      pid: server.pid,
      wasm: wasmMemories(server.pid),
      report: await serverReport(server.pid, app.logFile),
    },
  };
}

/** Until the group has used under 3% of a core and written no mail for 5 s, then IDLE_MS more. */
async function settle(app: RunningApp, dataDir: string) {
  await waitForBackgroundWork(app, path.join(dataDir, "mail"), { stableMs: 5_000, timeoutMs: 180_000, log });
  await sleep(IDLE_MS);
}

async function get(url: string, cookie?: string): Promise<string> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}${cookie ? " (signed in)" : ""}: HTTP ${response.status}`);
  return body;
}

/** The fixed set of pages: anonymous, then each signed-in page as the person who works in it; 3 rounds. */
async function visitPages(base: string): Promise<number> {
  const archive = await get(`${base}/statements`);
  const id = /href="\/statements\/(\d+)"/.exec(archive)?.[1];
  if (!id) throw new Error("no statement link on /statements");
  const anonymous = [
    "/",
    "/statements",
    `/statements/${id}`,
    "/statements?q=quic",
    "/directory",
    "/feeds/statements.atom",
    "/api/v1/statements",
  ];
  const people: [string, string[]][] = [
    ["chair@example.org", ["/", "/statements", `/statements/${id}`, "/statements/new", "/statements/mine"]],
    ["ad@example.org", ["/approvals", `/statements/${id}`]],
    ["lm-3gpp@example.org", ["/desk", "/statements/new?direction=incoming"]],
    ["secretariat@example.org", ["/action-needed", "/admin", "/outbox"]],
  ];
  const sessions = await Promise.all(
    people.map(async ([email, paths]) => ({ cookie: (await signInOverHttp(base, email)).cookie, paths })),
  );
  let count = 0;
  for (let round = 0; round < 3; round++) {
    for (const p of anonymous) {
      await get(`${base}${p}`);
      count++;
    }
    for (const { cookie, paths } of sessions) {
      for (const p of paths) {
        await get(`${base}${p}`, cookie);
        count++;
      }
    }
  }
  return count;
}

const mib = (kib: number) => (kib / 1024).toFixed(0);

function table(phases: { name: string; snap: Snapshot }[]): string {
  const rows: string[] = [];
  const roles = [...new Set(phases.flatMap((p) => p.snap.processes.map((q) => q.role)))];
  rows.push(`| process | ${phases.map((p) => `RSS ${p.name}`).join(" | ")} |`);
  rows.push(`|---|${phases.map(() => "---:").join("|")}|`);
  for (const role of roles) {
    const cells = phases.map((p) => {
      const matching = p.snap.processes.filter((q) => q.role === role);
      if (matching.length === 0) return "—";
      const rss = matching.reduce((sum, q) => sum + q.rssKiB, 0);
      const anon = matching.reduce((sum, q) => sum + q.anonKiB, 0);
      return `${mib(rss)} MiB (anon ${mib(anon)}, ${matching.map((q) => q.threads).join("+")} threads)`;
    });
    rows.push(`| ${role} | ${cells.join(" | ")} |`);
  }
  rows.push(`| **total** | ${phases.map((p) => `**${mib(p.snap.totalKiB)} MiB**`).join(" | ")} |`);
  const server = (f: (s: NonNullable<Snapshot["server"]>) => string) =>
    phases.map((p) => (p.snap.server ? f(p.snap.server) : "—")).join(" | ");
  rows.push(
    `| server: V8 heap used / total | ${server((s) => (s.report ? `${s.report.heapUsedMiB} / ${s.report.heapTotalMiB} MiB` : "no report"))} |`,
  );
  rows.push(
    `| server: external (of it array buffers) | ${server((s) => (s.report ? `${s.report.externalMiB} (${s.report.arrayBuffersMiB}) MiB` : "no report"))} |`,
  );
  rows.push(
    `| server: PGlite WebAssembly memory, size | ${server((s) => (s.report?.probes.pgliteWasm !== undefined ? `${s.report.probes.pgliteWasm} MiB` : "—"))} |`,
  );
  rows.push(
    `| server: WebAssembly memories, resident / size (smaps) | ${server((s) => s.wasm.map((w) => `${mib(w.rssKiB)} / ${mib(w.sizeKiB)}`).join(", ") || "—")} MiB |`,
  );
  return rows.join("\n");
}

async function dropSchema(base: string, schema: string) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

async function main() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-bench-memory-"));
  const pgBase = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const schema = `bench_memory_${randomBytes(4).toString("hex")}`;
  const databaseUrl = usePg ? `${pgBase}${pgBase.includes("?") ? "&" : "?"}schema=${schema}` : "";
  log(`npm start on port ${port}, ${usePg ? "PostgreSQL" : "embedded PGlite"}, demo data, data in ${dataDir}`);
  const app = launchApp({
    root: ROOT,
    port,
    env: { ...productionEnv({ port, dataDir, databaseUrl, smtpUrl: "", seedDemo: true }), LOG_LEVEL: "info" },
    logFile: path.join(dataDir, "server.log"),
    log,
    viaNpm: true,
  });
  let failed = false;
  try {
    const started = Date.now();
    await waitUntilReady(app, 30 * 60_000);
    log(`answering after ${((Date.now() - started) / 1000).toFixed(0)} s; waiting until quiet`);
    await settle(app, dataDir);
    const phases = [{ name: "idle after start", snap: await snapshot(app) }];
    if (visits) {
      const count = await visitPages(app.baseUrl);
      log(`${count} pages visited; waiting until quiet`);
      await settle(app, dataDir);
      phases.push({ name: "idle after use", snap: await snapshot(app) });
    }
    const last = phases[phases.length - 1]?.snap;
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.arch();
    console.log(
      `\n## Memory of an idle \`npm start\` — ${usePg ? "PostgreSQL" : "embedded PGlite"}, demo data (${new Date().toISOString().slice(0, 16)}Z)\n`,
    );
    console.log(
      `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load}\n`,
    );
    console.log(table(phases));
    for (const phase of phases) {
      console.log(`\n${phase.name}: ${phase.snap.processes.map((p) => `${p.pid} ${p.command}`).join("\n  ")}`);
    }
    if (last) {
      const total = last.totalKiB / 1024;
      console.log(
        `\nTarget (issue 19): ≤ ${TARGET_MIB} MiB in all — ${total <= TARGET_MIB ? "met" : "NOT met"} (${total.toFixed(0)} MiB).`,
      );
    }
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await app.stop();
    if (usePg) await dropSchema(pgBase, schema).catch(() => undefined);
    if (process.env.BENCH_KEEP_DATA !== "1") rmSync(dataDir, { recursive: true, force: true });
    else log(`data and server log kept in ${dataDir}`);
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
