// npm start: build when the sources changed since the last build, prepare the database, serve.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { ensureBuild } from "./ensure-build";

const root = process.cwd();
const log = logger("start");
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
// CPU_PROF_DIR=<dir>: the server writes a V8 CPU profile there when it stops (the benchmarks' --profile);
// Node refuses --cpu-prof in NODE_OPTIONS, so it is passed here.
const profile = process.env.CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CPU_PROF_DIR}`] : [];
const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(root, "scripts", "serve.ts")], {
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
