// The production build, made only when the sources changed since the last one (a fingerprint of the inputs in
// .next/source-fingerprint). Used by `npm start` (scripts/prepare-start.ts) and, run directly, by scripts/test-all.sh,
// which starts it in the background while the unit and integration tests run (docs/testing.md, ADR 032):
//   node --conditions=react-server --import tsx scripts/ensure-build.ts
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { logger } from "@/server/log/logger";

const root = process.cwd();
const log = logger("start");
const FINGERPRINT_FILE = path.join(root, ".next", "source-fingerprint");
const INPUTS = [
  "src",
  "public",
  "prisma/schema.prisma",
  "next.config.mjs",
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

/** Runs `next build` unless the last build was made from the same sources; exits the process if it fails. */
export function ensureBuild(): void {
  const current = fingerprint();
  const built = existsSync(FINGERPRINT_FILE) ? readFileSync(FINGERPRINT_FILE, "utf8") : "";
  if (built === current && existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log.info("production build is up to date");
    return;
  }
  log.info("building the app (next build) ...");
  // The build gets an empty data directory of its own and no DATABASE_URL: while it tries to prerender pages it must
  // reach neither the database nor the session secret (every page is per request), and this proves it. A page that
  // loaded data before saying so opened the embedded database under the build's DATA_DIR — the running app's, whose
  // lock then failed the build or was left behind (ADR 045) — and wrote DATA_DIR/auth-secret.
  const buildDataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-build-data-"));
  const { DATABASE_URL: _database, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: "inherit",
    env: { ...inherited, DATA_DIR: buildDataDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const written = existsSync(buildDataDir) ? readdirSync(buildDataDir) : [];
  rmSync(buildDataDir, { recursive: true, force: true });
  if (result.status !== 0) {
    log.fatal({ status: result.status }, "next build failed");
    process.exit(result.status ?? 1);
  }
  if (written.length > 0) {
    log.fatal(
      { written },
      `next build wrote ${written.join(", ")} under DATA_DIR: a page reached the database or the session while being prerendered; call connection() (next/server) before loading anything`,
    );
    process.exit(1);
  }
  writeFileSync(FINGERPRINT_FILE, current);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) ensureBuild();
