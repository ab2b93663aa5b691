/**
 * Issue 17: `npm run import:datatracker` as an operator runs it: on an empty data directory (or PostgreSQL
 * schema) it creates and migrates the database without demo data, prints plain progress lines when not on
 * a terminal and a per-resource summary; it refuses to open an embedded database another process holds.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/server/db/connection";
import { buildArchive, STATEMENT_COUNT, writeArchive, writeAttachments } from "../support/datatracker-archive";
import { testEngine } from "../support/test-database";

const root = mkdtempSync(path.join(tmpdir(), "dt-cli-"));
const sourceDir = path.join(root, "archive");
const attachmentsDir = path.join(root, "attachments");
const fixture = buildArchive();
writeArchive(sourceDir, fixture.archive);
writeAttachments(attachmentsDir, fixture.files);
const dataDir = path.join(root, "data");
const schema = `cli_${process.pid}_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  if (!process.env.TEST_DATABASE_URL) return "";
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  return url.toString();
})();

afterAll(async () => {
  if (databaseUrl) {
    const db = await openDatabase({ kind: "postgres", url: databaseUrl });
    await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  }
  rmSync(root, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/import-datatracker.ts",
      ...args,
    ],
    {
      encoding: "utf8",
      timeout: 240_000,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SEED_DEMO: "false", NODE_ENV: "production" },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(
    databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dir: path.join(dataDir, "pglite") },
  );
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe(`npm run import:datatracker (${testEngine})`, () => {
  it("names a usage error and exits 64", () => {
    const result = cli("--attachments", attachmentsDir);
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("--source <dir|url> is required");
    expect(result.stderr).toContain("Usage:");
  });

  it("creates and migrates an empty database, imports, prints progress and a summary", async () => {
    const result = cli("--source", sourceDir, "--attachments", attachmentsDir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/created\/migrated \(\d+ migration\(s\)\)/);
    expect(result.stdout).toContain("[import] 6/9 liaisons/liaisonstatement: 220 read");
    expect(result.stdout).toContain(
      `liaisons/liaisonstatement: read ${STATEMENT_COUNT}, created ${STATEMENT_COUNT}, updated 0, unchanged 0, skipped 0`,
    );
    expect(result.stdout).toMatch(/group\/role: read 15, created 14, updated 0, unchanged 0, skipped 1 \(/);
    await withDatabase(async (db) => {
      expect(await db.prisma.statement.count()).toBe(STATEMENT_COUNT);
      expect(await db.prisma.mail.count()).toBe(0);
      // No demo data: the only people are the archive's and the system actor.
      expect(await db.prisma.emailAddress.count({ where: { address: { endsWith: "@example.org" } } })).toBe(3);
      expect(await db.prisma.person.count()).toBe(11);
    });
    const again = cli("--source", sourceDir, "--attachments", attachmentsDir);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(
      `liaisons/liaisonstatement: read ${STATEMENT_COUNT}, created 0, updated 0, unchanged ${STATEMENT_COUNT}, skipped 0`,
    );
  }, 300_000);

  it.skipIf(testEngine === "postgres")("refuses to open an embedded database another process holds", () => {
    const pglite = path.join(dataDir, "pglite");
    mkdirSync(pglite, { recursive: true });
    // Held as the app holds it (ADR 045): the live PID of its process (this one) in the lock beside it.
    writeFileSync(`${pglite}.lock`, `${process.pid}\n`);
    try {
      const result = cli("--source", sourceDir);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`The embedded database at ${pglite} is in use`);
      expect(result.stderr).toContain(`(PID ${process.pid})`);
      expect(result.stderr).toContain("Stop the app");
    } finally {
      rmSync(`${pglite}.lock`);
    }
  });
});
