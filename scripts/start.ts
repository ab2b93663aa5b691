// npm start: build when the sources changed since the last build, prepare the database, serve.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/env";
import { prepareDatabase } from "./prepare-db";

const root = process.cwd();
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
    console.log("[start] production build is up to date");
    return;
  }
  console.log("[start] building the app (next build) ...");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("[start] next build failed");
    process.exit(result.status ?? 1);
  }
  writeFileSync(FINGERPRINT_FILE, current);
}

const config = env();
if (process.env.SKIP_BUILD !== "1") ensureBuild();
await prepareDatabase();

console.log(`[start] serving on http://localhost:${config.port} (APP_URL ${config.appUrl})`);
// scripts/serve.ts: Next.js's handler behind the public page layer (ADR 008). It runs without this
// process's react-server condition, which Next.js's own server must not see.
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts")], {
  stdio: "inherit",
  env: { ...process.env, PORT: String(config.port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
