import "server-only";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseStore } from "@/server/attachments/db-store";
import { fileStore } from "@/server/attachments/file-store";
import type { AttachmentStore } from "@/server/attachments/store";
import { closeStoreInThread, exportInThread, storeInThread } from "@/server/http/multipart-thread";
import { removeMemoryProbe, setMemoryProbe } from "@/server/ops/memory";
import { lockEmbeddedDatabase } from "./embedded-lock";
import { PGliteThread } from "./pglite-thread";
import { countQuery, observeQueries, type QueryObserver } from "./query-count";
import type { SqlRunner } from "./sql-runner";

export type { SqlRunner } from "./sql-runner";

export interface Database {
  engine: "pglite" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  /** where attachments' bytes are (ADR 012): files beside the embedded database, chunks in PostgreSQL */
  attachments: AttachmentStore;
  /** The embedded database only: its data directory as a tarball (PGlite's `dumpDataDir`), for `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  /** `prepared`: each distinct statement parsed once per connection and kept (ADR 051); on unless false */
  | { kind: "postgres"; url: string; observe?: QueryObserver; prepared?: boolean }
  /**
   * `dir` undefined = in memory (tests; attachments then go to a temporary directory removed on close).
   * `attachmentsDir` defaults to `attachments` beside `dir` (DATA_DIR/pglite → DATA_DIR/attachments).
   * `loadDataDir`: start from this data directory (a PGlite `dumpDataDir()` tarball) instead of running initdb;
   * the tests' template databases (docs/testing.md).
   */
  | {
      kind: "pglite";
      dir?: string;
      attachmentsDir?: string;
      observe?: QueryObserver;
      loadDataDir?: Blob;
      /** run PGlite in a thread of its own (ADR 049: the server); else on the caller's thread (tests, tools) */
      inThread?: boolean;
      /** in the thread: each distinct statement parsed once and kept (ADR 051); on unless false */
      prepared?: boolean;
    };

/** Splits Prisma's `?schema=name` convention off a PostgreSQL URL. */
export function parsePostgresUrl(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid schema name in DATABASE_URL: ${schema}`);
  }
  return { connectionString: parsed.toString(), schema };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url, target.observe, target.prepared !== false)
    : openPglite(
        target.dir,
        target.attachmentsDir,
        target.observe,
        target.loadDataDir,
        target.inThread,
        target.prepared !== false,
      );
}

/** The embedded database's buffer pool (Postgres's default is 128MB): see openPglite. */
export const PGLITE_SHARED_BUFFERS = "16MB";

async function openPglite(
  dir: string | undefined,
  attachmentsDir: string | undefined,
  observe?: QueryObserver,
  loadDataDir?: Blob,
  inThread = false,
  prepared = true,
): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  // Never two processes (or two opens in one) on the same directory: PGlite does not lock it (ADR 045).
  const unlock = dir ? lockEmbeddedDatabase(dir) : () => {};
  let client: PGlite | PGliteThread;
  const options = {
    dataDir: dir,
    loadDataDir,
    // PGlite's initdb writes Postgres's default shared_buffers = 128MB, and its WebAssembly Postgres zero-fills
    // all of it at start: 128 MB resident from the first query, for an archive whose hot pages fit in a few.
    // 16 MB keeps the WebAssembly memory at its initial size (issue 19, ADR 035); pages beyond it are read from
    // DATA_DIR through the operating system's file cache.
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  };
  try {
    client = inThread ? await PGliteThread.create({ ...options, prepared }) : await PGlite.create(options);
  } catch (error) {
    unlock();
    throw error;
  }
  // Its WebAssembly memory, for the server's memory report (SIGUSR2, npm run bench:memory).
  const wasmBytes = () =>
    client instanceof PGliteThread ? client.wasmBytes : client.Module.wasmMemory.buffer.byteLength;
  setMemoryProbe("pgliteWasm", wasmBytes);
  // PGlite is single-connection: serialise explicit transactions so they never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const sql: SqlRunner = {
    async exec(text) {
      countQuery(text, observe);
      await client.exec(text);
    },
    async query<T>(text: string, params: unknown[] = []) {
      countQuery(text, observe);
      return (await client.query<T>(text, params)).rows;
    },
    transaction<T>(fn: (tx: Omit<SqlRunner, "transaction">) => Promise<T>) {
      const run = queue.then(() =>
        client.transaction(async (tx) =>
          fn({
            exec: async (text) => {
              countQuery(text, observe);
              await tx.exec(text);
            },
            query: async <R>(text: string, params: unknown[] = []) => {
              countQuery(text, observe);
              return (await tx.query<R>(text, params)).rows;
            },
          }),
        ),
      );
      queue = run.catch(() => undefined);
      return run;
    },
  };
  // The adapter uses only what PGliteThread has of PGlite (query, exec, transaction).
  const prisma = new PrismaClient({ adapter: observeQueries(new PrismaPGlite(client as PGlite), observe) });
  const root =
    attachmentsDir ??
    (dir
      ? path.join(path.dirname(path.resolve(dir)), "attachments")
      : mkdtempSync(path.join(os.tmpdir(), "liaison-attachments-")));
  const attachments = fileStore(root, sql, { removeOnClose: !dir && !attachmentsDir });
  return {
    engine: "pglite",
    prisma,
    sql,
    attachments,
    dumpDataDir: () => client.dumpDataDir("none"),
    async close() {
      removeMemoryProbe("pgliteWasm", wasmBytes);
      await prisma.$disconnect();
      try {
        await client.close();
      } finally {
        unlock();
      }
      await attachments.close();
    },
  };
}

/** SqlRunner over a node-pg pool: one query per pooled connection, transactions on one connection. */
function poolRunner(pool: pg.Pool, observe?: QueryObserver): SqlRunner {
  return {
    async exec(text) {
      countQuery(text, observe);
      await pool.query(text);
    },
    async query<T>(text: string, params: unknown[] = []) {
      countQuery(text, observe);
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction<T>(fn: (tx: Omit<SqlRunner, "transaction">) => Promise<T>) {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const result = await fn({
          exec: async (text) => {
            countQuery(text, observe);
            await conn.query(text);
          },
          query: async <R>(text: string, params: unknown[] = []) => {
            countQuery(text, observe);
            return (await conn.query(text, params)).rows as R[];
          },
        });
        await conn.query("COMMIT");
        return result;
      } catch (error) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
  };
}

/**
 * SQL text → the name of its prepared statement (ADR 051): each connection parses a named statement once, and
 * Postgres plans it once it keeps a generic plan. The first STATEMENT_NAMES texts of the process get a name, so a
 * connection never holds more than that; any later text runs unnamed ("", node-pg's unnamed statement), as before.
 */
const statementNames = new Map<string, string>();
const STATEMENT_NAMES = 250;
function statementName(query: { sql: string }): string {
  const known = statementNames.get(query.sql);
  if (known !== undefined) return known;
  if (statementNames.size >= STATEMENT_NAMES) return "";
  const name = `lt_${statementNames.size.toString(36)}`;
  statementNames.set(query.sql, name);
  return name;
}

async function openPostgres(url: string, observe?: QueryObserver, prepared = true): Promise<Database> {
  const { connectionString, schema } = parsePostgresUrl(url);
  const options = schema ? { options: `-c search_path="${schema}"` } : {};
  const pool = new pg.Pool({ connectionString, max: 10, ...options });
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const sql = poolRunner(pool, observe);
  // Attachment bytes have connections of their own: a save stores them from inside its transaction, which
  // holds one of `pool`'s connections, so taking a second one there could exhaust it under load (ADR 012).
  // (Downloads and the sweep; an upload's chunks are inserted, and read back for the text extraction, by the
  // upload thread on connections of its own, so their bytes never cross this thread: ADR 033.)
  const blobPool = new pg.Pool({ connectionString, max: 4, ...options });
  const blobConnection = { connectionString, schema };
  const stagingDir = path.join(os.tmpdir(), "liaison-uploads");
  const attachments = databaseStore(poolRunner(blobPool, observe), stagingDir, {
    async write(batch) {
      for (const statement of await storeInThread(blobConnection, batch)) countQuery(statement, observe);
    },
    temporaryFile: (sha256) => exportInThread(blobConnection, sha256, stagingDir),
    close: async () => closeStoreInThread(blobConnection),
  });
  const prisma = new PrismaClient({
    adapter: observeQueries(
      new PrismaPg(pool, {
        ...(schema ? { schema } : {}),
        ...(prepared ? { statementNameGenerator: statementName } : {}),
      }),
      observe,
    ),
  });
  return {
    engine: "postgres",
    prisma,
    sql,
    // Uploads are staged on local disk, then inserted in chunks; any instance reads them back.
    attachments,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await blobPool.end();
      await attachments.close();
    },
  };
}
