/**
 * A fresh, migrated database for one integration test file: in-memory PGlite by default,
 * a throwaway schema on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomBytes } from "node:crypto";
import { cpSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { setPublicCacheEnabled } from "@/server/cache";
import { setDatabase } from "@/server/db";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import type { QueryObserver } from "@/server/db/query-count";

export const testEngine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/** The integration project's PGlite templates (tests/support/pglite-templates.ts); null on PostgreSQL. */
function templates() {
  // inject() is undefined for a key no global setup provided (e.g. a unit test importing this module).
  return testEngine === "pglite" ? (inject("pgliteTemplates") ?? null) : null;
}

const fromFile = (file: string) => new Blob([readFileSync(file)]);

/**
 * The demo world on PGlite, from the template seeded once per run (docs/testing.md): null when there is no
 * template, or when it was seeded on another calendar day (UTC or local) than today, since the demo data's
 * dates are relative to the day it is seeded; the caller then seeds a fresh database itself.
 */
export async function createDemoDatabaseFromTemplate(): Promise<Database | null> {
  const template = templates();
  if (!template) return null;
  const seededAt = new Date(template.demoSeededAt);
  const now = new Date();
  const sameDay =
    seededAt.toISOString().slice(0, 10) === now.toISOString().slice(0, 10) &&
    seededAt.toDateString() === now.toDateString();
  if (!sameDay) return null;
  const db = await openDatabase({ kind: "pglite", loadDataDir: fromFile(template.demo), inThread: IN_THREAD });
  cpSync(template.demoAttachments, db.attachments.directory as string, { recursive: true });
  return db;
}

/**
 * TEST_PGLITE_IN_THREAD=1: the suite's embedded databases run in a thread of their own, as the server's does (ADR 049).
 * Off by default: a thread compiles PGlite's WebAssembly again for each database (seconds per file); the end-to-end
 * suite runs the server, and so the thread, on every journey.
 */
const IN_THREAD = process.env.TEST_PGLITE_IN_THREAD === "1";

export async function createTestDatabase(
  options: { migrated?: boolean; observe?: QueryObserver } = {},
): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  let db: Database;
  if (url) {
    const schema = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const withSchema = new URL(url);
    withSchema.searchParams.set("schema", schema);
    const inner = await openDatabase({ kind: "postgres", url: withSchema.toString(), observe: options.observe });
    db = {
      ...inner,
      async close() {
        await inner.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await inner.close();
      },
    };
  } else {
    // From the template of the same state when the integration project's global setup made one: the same
    // bytes initdb (and migrate) would have produced, without the seconds they take (docs/testing.md).
    const template = templates();
    const loadDataDir = template
      ? fromFile(options.migrated === false ? template.empty : template.migrated)
      : undefined;
    db = await openDatabase({ kind: "pglite", observe: options.observe, loadDataDir, inThread: IN_THREAD });
    if (template) return db;
  }
  if (options.migrated !== false) await migrate(db.sql);
  return db;
}

/** Registers beforeAll/afterAll hooks; the returned getter gives this file's database. */
export function useTestDatabase(options: { migrated?: boolean } = {}): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    setPublicCacheEnabled(false); // tests write behind the use-cases that invalidate it
    db = await createTestDatabase(options);
    setDatabase(Promise.resolve(db));
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("test database not ready (use it inside a test)");
    return db;
  };
}
