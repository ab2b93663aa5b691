import "server-only";
import pg from "pg";
import type { SqlRunner } from "@/server/db/sql-runner";
import { exportBlob, writeBlobs } from "./db-store";
import type { StagedBlob } from "./store";

/**
 * Runs inside the upload thread (src/server/http/multipart-job.ts, ADR 033): PostgreSQL's attachment store
 * writes a batch of staged blobs on a connection of this thread's own, so the bytes go from the staged file to
 * the database without crossing the server's main thread (node-pg serialising 25 MB of parameters there cost
 * it ~100 ms per upload). Same statements, same transaction, same guarantees as `writeBlobs` on the main thread.
 */

/** How the thread reaches the database: the app's DATABASE_URL without `?schema=`, and that schema. */
export type BlobConnection = { connectionString: string; schema?: string };

/** Connections per database, as the main thread's blob pool had (ADR 012); closed when idle. */
const POOL_SIZE = 4;
const pools = new Map<string, pg.Pool>();
const key = (connection: BlobConnection) => `${connection.connectionString}\n${connection.schema ?? ""}`;

function pool(connection: BlobConnection): pg.Pool {
  let found = pools.get(key(connection));
  if (!found) {
    found = new pg.Pool({
      connectionString: connection.connectionString,
      max: POOL_SIZE,
      idleTimeoutMillis: 10_000,
      ...(connection.schema ? { options: `-c search_path="${connection.schema}"` } : {}),
    });
    // An idle connection the server dropped: the next batch opens another.
    found.on("error", () => undefined);
    pools.set(key(connection), found);
  }
  return found;
}

/** Writes `batch` (consuming its staged files); answers the statements it ran, for the request's count. */
export async function storeBlobs(connection: BlobConnection, batch: StagedBlob[]): Promise<string[]> {
  const target = pool(connection);
  const statements: string[] = [];
  const run =
    (client: pg.Pool | pg.PoolClient) =>
    async (text: string, params: unknown[] = []) => {
      statements.push(text);
      return (await client.query(text, params)).rows;
    };
  const sql: SqlRunner = {
    exec: async (text) => void (await run(target)(text)),
    query: run(target) as SqlRunner["query"],
    async transaction(fn) {
      const client = await target.connect();
      let broken = false;
      try {
        await client.query("BEGIN"); // (BEGIN and COMMIT are not counted, as on the main thread)
        const query = run(client) as SqlRunner["query"];
        const result = await fn({ exec: async (text) => void (await query(text)), query });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken); // a connection that cannot even roll back is closed, not reused
      }
    },
  };
  await writeBlobs(sql, batch);
  return statements;
}

/** Writes the stored bytes of `sha256` to a new temporary file in `dir` (for the extraction thread); null if none. */
export async function exportBlobFile(connection: BlobConnection, sha256: string, dir: string): Promise<string | null> {
  const target = pool(connection);
  return exportBlob({ query: async (text, params) => (await target.query(text, params)).rows }, sha256, dir);
}

/** Ends the connections to one database (its app or test closed it). */
export async function closeBlobConnection(connection: BlobConnection): Promise<void> {
  const found = pools.get(key(connection));
  pools.delete(key(connection));
  await found?.end();
}
