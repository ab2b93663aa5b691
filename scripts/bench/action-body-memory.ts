/**
 * Issue 13, item 5: how much an anonymous over-size post to a server action costs the server. Starts the
 * production app (as `npm start`, embedded database, demo data), then sends, without a session, a 100 MB body
 * to the sign-in action — once with Content-Length, once chunked — and a made-up session cookie. Reports,
 * for the serving process (scripts/serve.ts), the peak resident memory (VmHWM) above its level before, the
 * status and how long the answer took.
 *
 *   npx tsx --conditions=react-server scripts/bench/action-body-memory.ts   (SKIP_BUILD=1: reuse the build)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverActionId } from "../../e2e/support/app-http";
import { freePort, launchApp, productionEnv, waitUntilReady } from "./server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const MB = 1024 * 1024;
const BODY_BYTES = 100 * MB;
const log = (message: string) => console.log(`[memory] ${message}`);

/** The serving process (scripts/serve.ts) in the app's process group. */
function servePid(pgid: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const group = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // scripts/start.mjs serves in its own process since ADR 035
      if (group === pgid && /scripts\/(serve\.ts|start\.mjs)/.test(cmdline)) return Number(entry);
    } catch {
      // gone
    }
  }
  throw new Error("no server process (scripts/start.mjs) found");
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** Resets the peak (VmHWM) to the current resident size (Linux ≥ 4.0: write 5 to clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

function body(chunked: boolean): ReadableStream<Uint8Array<ArrayBuffer>> | Uint8Array<ArrayBuffer> {
  if (!chunked) return new Uint8Array(BODY_BYTES).fill(0x61);
  let sent = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (sent >= BODY_BYTES) return controller.close();
      sent += MB;
      controller.enqueue(new Uint8Array(MB).fill(0x61));
    },
  });
}

const port = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-memory-"));
const app = launchApp({
  root: ROOT,
  port,
  env: productionEnv({ port, dataDir, databaseUrl: "", smtpUrl: "", seedDemo: true }),
  logFile: path.join(dataDir, "app.log"),
  log,
});
try {
  await waitUntilReady(app, 10 * 60_000);
  const pid = servePid(app.pid);
  const actionId = serverActionId(ROOT, "src/actions/auth.ts", "signInWithPassword");
  const cases = [
    { name: "anonymous, Content-Length", chunked: false, cookie: "" },
    { name: "anonymous, chunked", chunked: true, cookie: "" },
    { name: "made-up session cookie, Content-Length", chunked: false, cookie: "liaison.session=made-up" },
  ];
  for (const c of cases) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    (globalThis as { gc?: () => void }).gc?.();
    resetPeak(pid);
    const before = memoryMb(pid);
    const started = performance.now();
    let status: number | string;
    try {
      const response = await fetch(`${app.baseUrl}/sign-in`, {
        method: "POST",
        headers: {
          origin: app.baseUrl,
          "next-action": actionId,
          accept: "text/x-component",
          "content-type": "text/plain;charset=UTF-8",
          ...(c.cookie ? { cookie: c.cookie } : {}),
        },
        body: body(c.chunked),
        duplex: "half",
      } as RequestInit & { duplex: "half" });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = `connection closed (${(error as Error).cause ?? (error as Error).message})`;
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = memoryMb(pid);
    log(
      `${c.name}, 100 MB: HTTP ${status} after ${ms.toFixed(0)} ms; serving process RSS ${before.rss.toFixed(0)} MB → peak ${after.peak.toFixed(0)} MB (+${(after.peak - before.rss).toFixed(0)} MB)`,
    );
  }
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
