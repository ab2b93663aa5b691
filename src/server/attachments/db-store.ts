import "server-only";
import { mkdir, open as openFile, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { SqlRunner } from "@/server/db/connection";
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

/**
 * PostgreSQL's store: the bytes stay in the database (so every app instance sees them and pg_dump backs
 * them up), in 1 MiB chunks inserted with plain driver statements that return nothing and read back one
 * chunk per query (ADR 012). A blob row commits together with all of its chunks.
 */
export function databaseStore(sql: SqlRunner, stagingDir: string): AttachmentStore {
  return {
    kind: "database",
    stagingDir,
    async put(staged: StagedBlob) {
      try {
        // Already stored: nothing to write (the touch keeps the sweep from taking it while this save runs).
        const [known] = await sql.query(
          `UPDATE "AttachmentBlob" SET "createdAt" = now() WHERE "sha256" = $1 RETURNING 1 AS known`,
          [staged.sha256],
        );
        if (known) return;
        await mkdir(stagingDir, { recursive: true });
        const file = await openFile(staged.path, "r");
        try {
          await sql.transaction(async (tx) => {
            // A concurrent upload of the same bytes: one of the two inserts, the other waits for it and skips.
            const [claimed] = await tx.query(
              `INSERT INTO "AttachmentBlob" ("sha256", "size") VALUES ($1, $2) ON CONFLICT ("sha256") DO NOTHING RETURNING 1 AS claimed`,
              [staged.sha256, staged.size],
            );
            if (!claimed) return;
            const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
            for (let seq = 0, position = 0; position < staged.size; seq++) {
              const { bytesRead } = await file.read(buffer, 0, Math.min(CHUNK_BYTES, staged.size - position), position);
              if (bytesRead === 0) throw new Error(`staged upload ${staged.path} is shorter than ${staged.size} bytes`);
              position += bytesRead;
              await tx.query(`INSERT INTO "AttachmentChunk" ("sha256", "seq", "data") VALUES ($1, $2, $3)`, [
                staged.sha256,
                seq,
                buffer.subarray(0, bytesRead),
              ]);
            }
          });
        } finally {
          await file.close();
        }
      } finally {
        await discardStaged(staged);
      }
    },
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
    async close() {},
  };
}
