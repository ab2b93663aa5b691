/**
 * A fresh, migrated database for one integration test file: in-memory PGlite by default,
 * a throwaway schema on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { setPublicCacheEnabled } from "@/server/cache";
import { setDatabase } from "@/server/db";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import type { QueryObserver } from "@/server/db/query-count";

export const testEngine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

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
    db = await openDatabase({ kind: "pglite", observe: options.observe });
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
