import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open as openFile, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "@/server/db/sql-runner";
import { discardStaged } from "./staging";
import { type AttachmentStore, CHUNK_BYTES, isSha256, type StagedBlob } from "./store";

/** How long unreferenced bytes are kept before the sweep removes them (a save in progress may still name them). */
const ORPHAN_GRACE = "1 hour";

export async function readLegacyChunks(sql: Pick<SqlRunner, "query">, sha256: string) {
  const [row] = await sql.query<{ chunks: number }>(
    `SELECT count(c."seq")::int AS chunks FROM "AttachmentBlob" b LEFT JOIN "AttachmentChunk" c ON c."sha256" = b."sha256" WHERE b."sha256" = $1 GROUP BY b."sha256"`,
    [sha256],
  );
  return row ? { chunks: row.chunks } : null;
}

/** A staged file's bytes in chunks of CHUNK_BYTES (each its own buffer: a batch holds several until it is sent). */
async function* readChunks(staged: StagedBlob): AsyncGenerator<[number, Buffer]> {
  const file = await openFile(staged.path, "r");
  try {
    for (let seq = 0, position = 0; position < staged.size; seq++) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, staged.size - position));
      const { bytesRead } = await file.read(buffer, 0, buffer.byteLength, position);
      if (bytesRead === 0) throw new Error(`staged upload ${staged.path} is shorter than ${staged.size} bytes`);
      position += bytesRead;
      yield [seq, buffer.subarray(0, bytesRead)];
    }
  } finally {
    await file.close();
  }
}

/** Writes the stored chunks of a blob to a new file in `dir` (not fsynced: a temporary copy); null if not stored. */
export async function exportBlob(sql: Pick<SqlRunner, "query">, sha256: string, dir: string): Promise<string | null> {
  const blob = await readLegacyChunks(sql, sha256);
  if (!blob) return null;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${randomBytes(8).toString("hex")}.read`);
  const handle = await openFile(file, "wx", 0o600);
  try {
    for await (const chunk of chunkStream(sql, sha256, blob.chunks) as unknown as AsyncIterable<Uint8Array>) {
      await handle.write(chunk);
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return file;
}

/** The chunks of one blob, read one query (at most 1 MiB) at a time as the consumer pulls. */
export function chunkStream(sql: Pick<SqlRunner, "query">, sha256: string, chunks: number): ReadableStream<Uint8Array> {
  let seq = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (seq >= chunks) {
          controller.close();
          return;
        }
        const [row] = await sql.query<{ data: Uint8Array }>(
          `SELECT "data" FROM "AttachmentChunk" WHERE "sha256" = $1 AND "seq" = $2`,
          [sha256, seq++],
        );
        if (!row) throw new Error(`attachment ${sha256}: chunk ${seq - 1} is missing`);
        controller.enqueue(new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
      },
    },
    { highWaterMark: 0 },
  );
}

/** The bytes one multi-row chunk insert carries at most (a few chunks, or many small files' single chunks). */
const STATEMENT_BYTES = 8 * CHUNK_BYTES;
/** …and the rows (3 parameters each, far below PostgreSQL's 65,535). */
const STATEMENT_ROWS = 1000;

/**
 * Stores a batch of staged blobs in the database (PostgreSQL's store, ADR 012). A batch of at most ≈ 8 MiB (an
 * upload's files, almost always) is one statement (writeSmallBatch). A larger one: one statement touches what
 * is stored already, one transaction inserts the new blob rows and then one multi-row insert per ≈ 8 MiB of
 * chunks. Either way a blob row commits together with all of its chunks. Every staged file is consumed, also on failure.
 * Runs in the upload thread (db-store-job.ts, ADR 033) on a connection of its own, or here on `sql`.
 */
export async function writeBlobs(sql: SqlRunner, batch: StagedBlob[]): Promise<void> {
  try {
    const unique = new Map(batch.map((s) => [s.sha256, s]));
    if (unique.size === 0) return;
    const all = [...unique.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    const chunkCount = all.reduce((n, s) => n + Math.ceil(s.size / CHUNK_BYTES), 0);
    if (all.reduce((n, s) => n + s.size, 0) <= STATEMENT_BYTES && chunkCount <= STATEMENT_ROWS) {
      await writeSmallBatch(sql, all);
      return;
    }
    // Already stored: nothing to write (the touch keeps the sweep from taking them while this save runs).
    const known = await sql.query<{ sha256: string }>(
      `UPDATE "AttachmentBlob" SET "createdAt" = now() WHERE "sha256" = ANY($1::bpchar[]) RETURNING "sha256"`,
      [[...unique.keys()]],
    );
    for (const { sha256 } of known) unique.delete(sha256);
    // In hash order, so two batches sharing contents always wait on each other in the same order.
    const todo = [...unique.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    if (todo.length === 0) return;
    await sql.transaction(async (tx) => {
      // A concurrent upload of the same bytes: one of the two inserts, the other waits for it and skips.
      const claimed = new Set(
        (
          await tx.query<{ sha256: string }>(
            `INSERT INTO "AttachmentBlob" ("sha256", "size") SELECT * FROM unnest($1::bpchar[], $2::int[])
               ON CONFLICT ("sha256") DO NOTHING RETURNING "sha256"`,
            [todo.map((s) => s.sha256), todo.map((s) => s.size)],
          )
        ).map((r) => r.sha256),
      );
      let rows: unknown[][] = [];
      let bytes = 0;
      const flush = async () => {
        if (rows.length === 0) return;
        const values = rows.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(", ");
        await tx.query(`INSERT INTO "AttachmentChunk" ("sha256", "seq", "data") VALUES ${values}`, rows.flat());
        rows = [];
        bytes = 0;
      };
      for (const staged of todo) {
        if (!claimed.has(staged.sha256)) continue;
        for await (const [seq, data] of readChunks(staged)) {
          rows.push([staged.sha256, seq, data]);
          bytes += data.byteLength;
          if (bytes >= STATEMENT_BYTES || rows.length >= STATEMENT_ROWS) await flush();
        }
      }
      await flush();
    });
  } finally {
    for (const staged of batch) await discardStaged(staged);
  }
}

/**
 * A batch of at most STATEMENT_BYTES (an upload's attachments, almost always) in **one** statement, so atomic
 * without a transaction around it: the touch of what is stored already, the new blob rows, and the chunks of
 * the rows this statement inserted — never of a blob stored already or claimed by a concurrent upload of the
 * same bytes (its INSERT waits for that one and skips, as in the transaction of the larger path). Issue 19: a
 * save with an attachment on PostgreSQL ran five statements here (touch, BEGIN, blobs, chunks, COMMIT). The price:
 * the bytes of content stored already travel to the database and are dropped there (at most 8 MiB).
 */
async function writeSmallBatch(sql: SqlRunner, blobs: StagedBlob[]): Promise<void> {
  const rows: unknown[][] = [];
  for (const staged of blobs) for await (const [seq, data] of readChunks(staged)) rows.push([staged.sha256, seq, data]);
  const claim = `WITH input AS (SELECT * FROM unnest($1::bpchar[], $2::int[]) AS t("sha256", "size")),
    touched AS (UPDATE "AttachmentBlob" b SET "createdAt" = now() FROM input i WHERE b."sha256" = i."sha256"
                RETURNING b."sha256"),
    claimed AS (INSERT INTO "AttachmentBlob" ("sha256", "size")
                SELECT i."sha256", i."size" FROM input i WHERE i."sha256" NOT IN (SELECT "sha256" FROM touched)
                ORDER BY i."sha256" ON CONFLICT ("sha256") DO NOTHING RETURNING "sha256")`;
  const params: unknown[] = [blobs.map((s) => s.sha256), blobs.map((s) => s.size)];
  if (rows.length === 0) {
    await sql.query(`${claim} SELECT count(*) FROM claimed`, params);
    return;
  }
  const values = rows.map((_, i) => `($${3 * i + 3}::bpchar, $${3 * i + 4}::int, $${3 * i + 5}::bytea)`).join(", ");
  await sql.query(
    `${claim} INSERT INTO "AttachmentChunk" ("sha256", "seq", "data")
       SELECT c."sha256", c."seq", c."data" FROM (VALUES ${values}) AS c("sha256", "seq", "data")
       WHERE c."sha256" IN (SELECT "sha256" FROM claimed)`,
    [...params, ...rows.flat()],
  );
}

/**
 * PostgreSQL's store: the bytes stay in the database (so every app instance sees them and pg_dump backs
 * them up), in 1 MiB chunks inserted with plain driver statements (binary parameters, nothing returned) and
 * read back one chunk per query (ADR 012). A batch (`putMany`, an upload's files, the importer's page of
 * files) is written by `writeBlobs`: through `options.write` when given — the server passes the upload
 * thread's, so that the bytes never cross the main thread (ADR 033) — else on `sql`.
 */
export function databaseStore(
  sql: SqlRunner,
  stagingDir: string,
  options: {
    write?: (batch: StagedBlob[]) => Promise<void>;
    /** a temporary file of the stored bytes, written off the main thread (AttachmentStore.temporaryFile) */
    temporaryFile?: (sha256: string) => Promise<string | null>;
    close?: () => Promise<void>;
  } = {},
): AttachmentStore {
  const putMany = options.write ?? ((batch: StagedBlob[]) => writeBlobs(sql, batch));

  return {
    kind: "database",
    stagingDir,
    put: (staged) => putMany([staged]),
    putMany,
    ...(options.temporaryFile
      ? {
          temporaryFile: (sha256: string) =>
            isSha256(sha256) ? options.temporaryFile!(sha256) : Promise.resolve(null),
        }
      : {}),
    async open(sha256) {
      if (!isSha256(sha256)) return null;
      const blob = await readLegacyChunks(sql, sha256);
      return blob ? chunkStream(sql, sha256, blob.chunks) : null;
    },
    async sweep() {
      // Temporary files of uploads a crash interrupted (other instances on this machine may be uploading
      // right now: only old ones).
      let temporary = 0;
      await mkdir(stagingDir, { recursive: true });
      for (const name of await readdir(stagingDir)) {
        const file = path.join(stagingDir, name);
        const info = await stat(file).catch(() => null);
        if (info && Date.now() - info.mtimeMs > 3_600_000) {
          await rm(file, { force: true });
          temporary++;
        }
      }
      const removed = await sql.query(
        `DELETE FROM "AttachmentBlob" b WHERE b."createdAt" < now() - interval '${ORPHAN_GRACE}'
           AND NOT EXISTS (SELECT 1 FROM "Attachment" a WHERE a."sha256" = b."sha256")
           AND NOT EXISTS (SELECT 1 FROM "InboundMail" m WHERE m."rawSha256" = b."sha256") RETURNING 1`,
      );
      return { temporary, unreferenced: removed.length, exported: 0 };
    },
    async close() {
      await options.close?.();
    },
  };
}
