// npm start: build when the sources changed since the last build, prepare the database, serve.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/env";
import { logger } from "@/server/log/logger";

const root = process.cwd();
const log = logger("start");
const FINGERPRINT_FILE = path.join(root, ".next", "source-fingerprint");
const INPUTS = [
  "src",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function* files(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) yield* files(path.join(entry, child));
  } else {
    yield entry;
  }
}

function fingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(file).update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

function nextBin(): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

function ensureBuild(): void {
  const current = fingerprint();
  const built = existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, "utf8") : "";
  if (built === current && existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log.info("production build is up to date");
    return;
  }
  log.info("building the app (next build) ...");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    log.fatal({ status: result.status }, "next build failed");
    process.exit(result.status ?? 1);
  }
  writeFileSync(FINGERPRINT_FILE, current);
}

const config = env();
if (process.env.SKIP_BUILD !== "1") ensureBuild();
// In a process of its own: migrating and seeding load the database (PGlite's WebAssembly Postgres, ~450 MB once
// seeded) and this process stays resident for as long as the server runs, only to pass signals on.
const prepared = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "prepare-db.ts")],
  { stdio: "inherit", env: process.env },
);
if (prepared.status !== 0) {
  log.fatal({ status: prepared.status, signal: prepared.signal }, "preparing the database failed");
  process.exit(prepared.status ?? 1);
}

log.info({ url: `http://localhost:${config.port}`, appUrl: config.appUrl }, "starting the server");
// scripts/serve.ts: Next.js's handler behind the public page layer (ADR 008). It runs without this
// process's react-server condition, which Next.js's own server must not see.
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
  stdio: "inherit",
  env: { ...process.env, PORT: String(config.port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
// The server stops gracefully within 10 s (src/server/http/shutdown.ts); should it not, it is killed at 15 s, so
// that a stop never leaves the port taken.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
