/**
 * Starts the production app exactly as `npm start` does (scripts/start.mjs: next build when the sources
 * changed, migrate, then the server in the same process) in its own process group on a free loopback port, and stops it
 * again (the whole group, so next build / next start go too). Same approach as e2e/support/global-setup.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, readdirSync, readFileSync, type WriteStream } from "node:fs";
import net from "node:net";
import { groupCpuMs } from "./cpu";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

export interface RunningApp {
  baseUrl: string;
  pid: number;
  logFile: string;
  /** true while the process group is alive */
  alive(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  root: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  log: (message: string) => void;
  /** start it exactly as an operator does, `npm start` (its pid is then npm's) */
  viaNpm?: boolean;
  /**
   * The server runs under V8's CPU profiler and writes its profile here when it stops (scripts/bench/cpu-profile.ts
   * reads it). Since ADR 035 the server is the start process itself, so the flag goes on its command line (Node
   * refuses --cpu-prof in NODE_OPTIONS); the preparation child is not profiled.
   */
  cpuProfileDir?: string;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The environment of a throwaway production server on loopback: its port and APP_URL, a temp DATA_DIR, the
 * database (empty = embedded PGlite in DATA_DIR), mail (empty SMTP_URL = .eml files), a random AUTH_SECRET.
 */
export function productionEnv(options: {
  port: number;
  dataDir: string;
  databaseUrl: string;
  smtpUrl: string;
  seedDemo: boolean;
}): Record<string, string> {
  return {
    NODE_ENV: "production",
    PORT: String(options.port),
    APP_URL: `http://127.0.0.1:${options.port}`,
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl,
    SEED_DEMO: String(options.seedDemo),
    SMTP_URL: options.smtpUrl,
    AUTH_SECRET: randomBytes(36).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * Spawns the app (returns at once; see waitUntilReady) as `npm start` does: scripts/start.sh, which sets the C
 * library's memory setting for the engine and then execs node (so the pid is the server's).
 */
export function launchApp(options: StartOptions): RunningApp {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const output: WriteStream = createWriteStream(options.logFile);
  const child = spawn(
    options.viaNpm ? "npm" : "sh",
    options.viaNpm
      ? ["start", "--silent"]
      : [
          "scripts/start.sh",
          ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
        ],
    {
      cwd: options.root,
      detached: true, // own process group: stop() ends next build / next start with it
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    },
  );
  if (child.pid === undefined) throw new Error("Could not start scripts/start.sh");
  const pid = child.pid;
  child.on(
    "error",
    (error) => !output.writableEnded && output.write(`[bench] could not start the app: ${error.message}\n`),
  );
  const relay = (stream: NodeJS.ReadableStream | null) => {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      if (!output.writableEnded) output.write(chunk);
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines)
        if (/^\[(start|db)\]|"component":"(start|db)"|error|Error|▲|✓ Compiled|Creating an optimized/.test(line))
          options.log(`[app] ${line}`);
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const app: RunningApp = {
    baseUrl,
    pid,
    logFile: options.logFile,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (app.alive()) {
        killGroup(child, "SIGTERM");
        const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      // Children that outlived the leader (they share its group id).
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // none left
      }
      await new Promise<void>((resolve) => output.end(() => resolve()));
    },
  };

  return app;
}

/** Waits until GET / answers 200 (the first start runs `next build`: minutes on 2 cores). */
export async function waitUntilReady(app: RunningApp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (!app.alive()) {
      throw new Error(`The app exited before answering ${app.baseUrl}/. Last output:\n${tail(app.logFile)}`);
    }
    try {
      const response = await fetch(`${app.baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `The app did not answer 200 at ${app.baseUrl}/ within ${timeoutMs / 1000}s (last: ${last}).\n${tail(app.logFile)}`,
  );
}

/**
 * Waits for the app's start-up background work to finish before measuring: the in-process mail worker
 * (src/instrumentation.ts) queues deadline reminders on its first tick and writes them as .eml files to
 * DATA_DIR/mail. On a fresh archive of thousands of "action needed" statements that is thousands of mails
 * (tens of seconds of work, and on PGlite every one of its queries waits in line with the page requests).
 * Done when the server's process group has been idle (under 3% of a core) and no mail file was written for
 * `stableMs`.
 */
export async function waitForBackgroundWork(
  app: RunningApp,
  mailDir: string,
  options: { stableMs: number; timeoutMs: number; log: (message: string) => void },
): Promise<{ mails: number; seconds: number; reminderLog: string | null }> {
  const begin = Date.now();
  const count = () => {
    try {
      return readdirSync(mailDir).length;
    } catch {
      return 0;
    }
  };
  const samples: { at: number; cpu: number; mails: number }[] = [];
  let reported = Date.now();
  while (Date.now() - begin < options.timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (!app.alive()) throw new Error(`The app exited while starting up; see ${app.logFile}`);
    const now = { at: Date.now(), cpu: groupCpuMs(app.pid), mails: count() };
    samples.push(now);
    const then = samples.find((s) => s.at >= now.at - options.stableMs - 500);
    if (then && now.at - then.at >= options.stableMs - 500) {
      const cores = (now.cpu - then.cpu) / (now.at - then.at);
      if (then.mails === now.mails && cores < 0.03) break;
    }
    if (Date.now() - reported >= 15_000) {
      reported = Date.now();
      options.log(`waiting for the app's start-up work (reminder mails): ${now.mails} written so far ...`);
    }
  }
  let reminderLog: string | null = null;
  try {
    reminderLog = /^\[reminders\].*$/m.exec(readFileSync(app.logFile, "utf8"))?.[0] ?? null;
  } catch {
    // no log
  }
  return { mails: count(), seconds: (Date.now() - begin) / 1000, reminderLog };
}
