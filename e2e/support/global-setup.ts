/**
 * Starts what the end-to-end tests run against, once per `playwright test`:
 *  - a throwaway DATA_DIR (fresh embedded PGlite database, migrated and seeded with the demo data),
 *  - a real SMTP server capturing mail (./mail-sink.ts), readable by the workers over HTTP,
 *  - the real production app, exactly as `npm start` runs it (next build when sources changed,
 *    migrate, seed, then scripts/serve.ts: Next.js behind the public page layer).
 * Workers learn the URLs from environment variables set here (E2E_BASE_URL, E2E_MAIL_URL, E2E_SMTP_URL), which
 * Playwright passes on to them. The returned function tears everything down.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { buildArchive, writeArchive, writeAttachments } from "../../tests/support/datatracker-archive";
import { freePort, startTestProvider } from "../../tests/support/oidc-provider";
import { startMailSink } from "./mail-sink";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DEFAULT_PORT = 3100;
// The first start runs `next build`: on a 2-core machine that takes minutes.
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 6 * 60_000);

const log = (message: string) => console.log(`[e2e] ${message}`);

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function choosePort(shard: Shard): Promise<number> {
  // The cutover run may run beside the shards (scripts/e2e-shards.mjs --beside): it never takes their ports.
  if (process.env.E2E_IMPORT_DATATRACKER === "1") return anyFreePort();
  const requested = process.env.E2E_PORT;
  if (requested) {
    // Shard i of a sharded run (scripts/e2e-shards.mjs) takes the i-th port from E2E_PORT on.
    const port = Number(requested) + shard.current - 1;
    if (!(await isPortFree(port))) throw new Error(`E2E_PORT=${port} is already in use.`);
    return port;
  }
  // Shards start at once: only the first tries the default port, the others take any free one.
  if (shard.current === 1 && (await isPortFree(DEFAULT_PORT))) return DEFAULT_PORT;
  const port = await anyFreePort();
  if (shard.current === 1) log(`port ${DEFAULT_PORT} is busy, using ${port}`);
  return port;
}

function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      throw new Error(
        `The app exited (${child.exitCode ?? child.signalCode}) before answering ${url}. Last output:\n${tail(logFile)}`,
      );
    }
    try {
      // A generous timeout: the first render can take over 10 s on a loaded machine (24 s seen on an imported
      // database), and a first request for "/" abandoned mid-render left every later "/" waiting for good.
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(90_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(
    `The app did not answer 200 at ${url} within ${START_TIMEOUT_MS / 1000}s (last: ${last}). ` +
      `Last output:\n${tail(logFile)}`,
  );
}

/**
 * `npm run import:datatracker` twice on the fresh data directory (or the E2E_DATABASE_URL schema): the fixture
 * archive and its files (tests/support/datatracker-archive.ts), written under DATA_DIR. Each run's output is
 * kept in DATA_DIR/import-<n>.log for the spec. No demo data: the app then starts on a non-empty database.
 */
function importFixtureArchive(dataDir: string) {
  const { archive, files } = buildArchive();
  writeArchive(path.join(dataDir, "dt-archive"), archive);
  writeAttachments(path.join(dataDir, "dt-files"), files);
  for (const run of [1, 2]) {
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        "--conditions=react-server",
        "scripts/import-datatracker.ts",
        "--source",
        path.join(dataDir, "dt-archive"),
        "--attachments",
        path.join(dataDir, "dt-files"),
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 5 * 60_000,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "" },
      },
    );
    writeFileSync(path.join(dataDir, `import-${run}.log`), `${result.stdout}\n${result.stderr}`);
    if (result.status !== 0)
      throw new Error(`import:datatracker run ${run} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    log(`imported the fixture archive (run ${run}) in ${Math.round((Date.now() - started) / 1000)}s`);
  }
}

interface Shard {
  current: number;
  total: number;
}

/**
 * A sharded run (`--shard=i/N`, scripts/e2e-shards.mjs) has one app per shard: on PostgreSQL each needs a schema
 * of its own, the configured one with "_s<i>" appended. Specs read E2E_DATABASE_URL (set below for the workers).
 */
export function shardDatabaseUrl(url: string | undefined, shard: Shard): string | undefined {
  if (!url || shard.total <= 1) return url;
  const parsed = new URL(url);
  parsed.searchParams.set("schema", `${parsed.searchParams.get("schema") ?? "public"}_s${shard.current}`);
  return parsed.toString();
}

export default async function globalSetup(config: FullConfig) {
  const started = Date.now();
  const shard: Shard = config.shard ?? { current: 1, total: 1 };
  const databaseUrl = shardDatabaseUrl(process.env.E2E_DATABASE_URL, shard);
  if (databaseUrl) process.env.E2E_DATABASE_URL = databaseUrl;
  if (shard.total > 1) log(`shard ${shard.current} of ${shard.total}: an app, a database and a mail sink of its own`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-e2e-"));
  // playwright.datatracker-import.config.ts: a cutover, the fixture archive imported (twice) before the app
  // first starts, on the embedded database as on PostgreSQL (the importer never opens a database the app holds).
  // Before the port is chosen: the import takes minutes, in which another run may take a free port.
  if (process.env.E2E_IMPORT_DATATRACKER === "1") importFixtureArchive(dataDir);
  const port = await choosePort(shard);
  const logFile = path.join(dataDir, "app.log");
  const sink = await startMailSink();
  const baseURL = `http://localhost:${port}`;
  // The IETF Datatracker's OpenID Connect provider, as the app sees it (e2e/datatracker-sign-in.spec.ts).
  const oidc = await startTestProvider(await freePort(), `${baseURL}/sign-in/datatracker/callback`);

  const output = createWriteStream(logFile);
  log(`starting the app on ${baseURL} (data ${dataDir}, SMTP sink on port ${sink.smtpPort}; log ${logFile})`);
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    detached: true, // own process group, so teardown stops next build / next start too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseURL,
      DATA_DIR: dataDir,
      // The throwaway embedded database, never a developer's server — unless a run asks for a
      // (throwaway) PostgreSQL schema explicitly, as .ci/run does to prove the journeys there too.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
      AUTH_SECRET: randomBytes(36).toString("base64url"), // 48 characters
      // Specs act as the one reverse proxy in front of the app: the X-Forwarded-For they send (e.g. to give
      // auth.spec.ts's failed sign-ins a client address of their own) is believed, as behind a real proxy.
      TRUST_PROXY: "1",
      // Specs tell a page served from memory from a fresh render by this header, which production never sends.
      PUBLIC_PAGE_CACHE_STATUS_HEADER: "true",
      TEST_FAILURE_PAGE: "true",
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.on("error", (error) => output.write(`[e2e] could not start the app: ${error.message}\n`));
  // Everything goes to the log; the start script's own progress lines and stderr also to the console.
  const relay = (stream: NodeJS.ReadableStream | null, toConsole: (line: string) => boolean) => {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      output.write(chunk);
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (toConsole(line)) console.log(`[app] ${line}`);
    });
  };
  const verbose = process.env.E2E_APP_LOG === "1";
  relay(child.stdout, (line) => verbose || /^\[(start|db)\]/.test(line));
  relay(child.stderr, (line) => line.trim() !== "");
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.on("exit", killOnExit);

  const teardown = async () => {
    await stopApp(child);
    process.off("exit", killOnExit);
    await sink.close();
    await oidc.close();
    await new Promise<void>((resolve) => output.end(() => resolve()));
    try {
      const kept = path.join(
        ROOT,
        "test-results",
        shard.total > 1 ? `app-server-shard-${shard.current}.log` : "app-server.log",
      );
      mkdirSync(path.dirname(kept), { recursive: true });
      copyFileSync(logFile, kept);
      log(`app output kept in ${path.relative(ROOT, kept)}`);
    } catch {
      // nothing to keep
    }
    if (process.env.E2E_KEEP_DATA === "1") log(`kept data directory ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(`${baseURL}/`, child, logFile);
  } catch (error) {
    await teardown();
    throw error;
  }
  log(`app ready in ${Math.round((Date.now() - started) / 1000)}s`);

  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_MAIL_URL = sink.httpUrl;
  process.env.E2E_SMTP_URL = `smtp://127.0.0.1:${sink.smtpPort}`;
  process.env.E2E_DATA_DIR = dataDir;
  process.env.E2E_OIDC_URL = oidc.issuer;
  return teardown;
}
