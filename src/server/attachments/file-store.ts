import "server-only";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { mapLimit } from "@/lib/map-limit";
import type { SqlRunner } from "@/server/db/sql-runner";
import { chunkStream, readLegacyChunks } from "./db-store";
import { discardStaged, stageStream } from "./staging";
import { type AttachmentStore, CHUNK_BYTES, isSha256, type StagedBlob } from "./store";

async function fsyncDirectory(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/**
 * The embedded database's store: content-addressed files, DATA_DIR/attachments/ab/abcdef… (ADR 012).
 * A file appears under its hash only whole (written to tmp/, fsynced, renamed, directory fsynced), so a
 * crash leaves at most a temporary file, which the start-up sweep removes. Bytes from before ADR 012 are in
 * the database's chunk table until the sweep exports them; until then they are read from there.
 */
export function fileStore(root: string, sql: SqlRunner, options: { removeOnClose?: boolean } = {}): AttachmentStore {
  const stagingDir = path.join(root, "tmp");
  const blobPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);

  /**
   * Every staged file is checked to be whole before any is renamed into place (a batch names nothing of
   * itself if one of its files is damaged); then each new one is renamed under its hash and each directory
   * that received one is fsynced once (a page of imported files shares the 256 prefix directories).
   */
  async function putMany(batch: StagedBlob[]) {
    try {
      for (const staged of batch) {
        const { size } = await stat(staged.path);
        if (size !== staged.size) {
          throw new Error(
            `staged upload ${staged.path} is ${size < staged.size ? "shorter" : "longer"} than ${staged.size} bytes`,
          );
        }
      }
      const directories = new Set<string>();
      const now = new Date();
      for (const staged of new Map(batch.map((s) => [s.sha256, s])).values()) {
        const target = blobPath(staged.sha256);
        if (await exists(target)) {
          // Already stored: keep the one copy (and mark it used, for the sweep's age check).
          await utimes(target, now, now);
          continue;
        }
        await mkdir(path.dirname(target), { recursive: true });
        await rename(staged.path, target);
        directories.add(path.dirname(target));
      }
      await mapLimit([...directories], 8, fsyncDirectory);
    } finally {
      for (const staged of batch) await discardStaged(staged);
    }
  }
  const put = (staged: StagedBlob) => putMany([staged]);

  return {
    kind: "files",
    stagingDir,
    directory: root,
    put,
    putMany,
    async localFile(sha256) {
      if (!isSha256(sha256)) return null;
      const file = blobPath(sha256);
      return (await exists(file)) ? file : null;
    },
    async open(sha256) {
      if (!isSha256(sha256)) return null;
      const file = blobPath(sha256);
      if (await exists(file)) {
        return Readable.toWeb(createReadStream(file, { highWaterMark: CHUNK_BYTES })) as ReadableStream<Uint8Array>;
      }
      const legacy = await readLegacyChunks(sql, sha256);
      return legacy ? chunkStream(sql, sha256, legacy.chunks) : null;
    },
    async sweep() {
      let temporary = 0;
      let unreferenced = 0;
      let exported = 0;
      await mkdir(stagingDir, { recursive: true });
      // Only one process opens the embedded database, and this runs before it serves: anything in tmp/ is
      // from an upload a crash or a kill interrupted.
      for (const name of await readdir(stagingDir)) {
        await rm(path.join(stagingDir, name), { force: true });
        temporary++;
      }
      // Bytes stored before ADR 012 (moved to the chunk table by the migration) become files.
      const legacy = await sql.query<{ sha256: string }>(`SELECT "sha256" FROM "AttachmentBlob"`);
      for (const { sha256 } of legacy) {
        const blob = await readLegacyChunks(sql, sha256);
        if (!blob) continue;
        const stream = chunkStream(sql, sha256, blob.chunks);
        const staged = await stageStream(stagingDir, stream as unknown as AsyncIterable<Uint8Array>);
        if (staged.sha256 !== sha256) {
          // The recorded hash does not match the bytes: keep them where they are rather than mislabel them.
          await discardStaged(staged);
          continue;
        }
        await put(staged);
        await sql.query(`DELETE FROM "AttachmentBlob" WHERE "sha256" = $1`, [sha256]);
        exported++;
      }
      // A file no attachment names: written for a save whose transaction then failed (or was killed).
      const referenced = new Set(
        // (and the original of a received e-mail, ADR 025)
        (
          await sql.query<{ sha256: string }>(
            `SELECT "sha256" FROM "Attachment" UNION SELECT "rawSha256" FROM "InboundMail"`,
          )
        ).map((r) => r.sha256),
      );
      for (const prefix of await readdir(root)) {
        if (prefix === "tmp" || !/^[0-9a-f]{2}$/.test(prefix)) continue;
        for (const name of await readdir(path.join(root, prefix))) {
          if (isSha256(name) && !referenced.has(name)) {
            await rm(path.join(root, prefix, name), { force: true });
            unreferenced++;
          }
        }
      }
      return { temporary, unreferenced, exported };
    },
    async close() {
      if (options.removeOnClose) await rm(root, { recursive: true, force: true });
    },
  };
}
