import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, openAsBlob } from "node:fs";
import { type FileHandle, open, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { bufferPool } from "./buffer-pool";
import type { StagedBlob } from "./store";

const WRITE_BATCH_BYTES = 1024 * 1024;
/** Write buffers kept for the next file (two per file being written). */
const writeBuffers = bufferPool(WRITE_BATCH_BYTES, 8);
/**
 * A file that must reach the disk is flushed as it grows (one `fdatasync` in flight at a time, every 4 MiB): the disk
 * writes the first megabytes while the rest arrives, and the final fsync has only the tail left (25 MB on this
 * project's disk: 20 ms → 1 ms at the end of the upload; scripts/bench/uploads.ts).
 */
export const SYNC_EVERY_BYTES = 4 * 1024 * 1024;

/** Files whose bytes are already in a staged file (the upload endpoint's parser made them). */
const stagedFiles = new WeakMap<Blob, StagedBlob>();

export interface StagedStream extends StagedBlob {
  /** more bytes arrived than `limit`; only `limit + 1` were kept */
  truncated: boolean;
}

/**
 * Writes a stream to a new temporary file in `dir`, hashing and counting as it goes: the bytes pass
 * through once, in the chunks they arrive in, and are never held whole in memory. Past `limit` bytes
 * the rest is read and dropped (the size then says "too large"). Fsynced, so a store may rename it — unless
 * `sync: false` (the database store copies the bytes into the database, whose commit makes them durable); a
 * synced file is flushed while it is written too (SYNC_EVERY_BYTES).
 */
export async function stageStream(
  dir: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  limit = Number.POSITIVE_INFINITY,
  options: { sync?: boolean } = {},
): Promise<StagedStream> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${randomBytes(8).toString("hex")}.part`);
  // A Node stream may fail while the file is being opened (an upload aborted: slow to open under load). Heard
  // from now on: unheard, its 'error' is an uncaught exception (the upload thread died, its .part file stayed).
  const stream = source instanceof Readable ? source : null;
  let streamError: unknown = null;
  const onError = (error: unknown) => {
    streamError ??= error;
  };
  stream?.on("error", onError);
  let handle: FileHandle;
  try {
    handle = await open(file, "wx", 0o600);
  } catch (error) {
    stream?.off("error", onError);
    throw error;
  }
  const hash = createHash("sha256");
  let size = 0;
  let truncated = false;
  // The bytes are copied into this file's own two write buffers as they come, ~1 MiB written at a time: hundreds of
  // thread-pool round trips fewer per file than one write per 16–64 KB chunk, and no chunk is referenced once the loop
  // has moved past it — its memory may be reused at once (the upload thread's pieces, multipart-job.ts). Only a chunk
  // larger than a buffer (never one of those pieces) is written as it is.
  let current = writeBuffers.take();
  let spare = writeBuffers.take();
  let filled = 0;
  const sync = options.sync !== false;
  /** the fdatasync started while the file is written (its failure fails the staging, at the latest at the end) */
  let syncing: Promise<void> | null = null;
  let syncFailure: unknown = null;
  let unsynced = 0;
  const writeOut = async (bytes: Uint8Array) => {
    const { bytesWritten } = await handle.write(bytes, 0, bytes.byteLength);
    if (bytesWritten !== bytes.byteLength)
      throw new Error(`short write to ${file} (${bytesWritten} of ${bytes.byteLength} bytes)`);
    unsynced += bytes.byteLength;
    if (syncFailure) throw syncFailure;
    if (sync && !syncing && unsynced >= SYNC_EVERY_BYTES) {
      unsynced = 0;
      syncing = handle.datasync().then(
        () => {
          syncing = null;
        },
        (error: unknown) => {
          syncing = null;
          syncFailure ??= error;
        },
      );
    }
  };
  const flush = async () => {
    if (filled === 0) return;
    await writeOut(current.subarray(0, filled));
    filled = 0;
  };
  try {
    // Gone before its end while the file was being opened: nothing more will come.
    if (stream?.destroyed && !stream.readableEnded)
      throw streamError ?? new Error("the stream was closed before its end");
    for await (const chunk of source) {
      if (truncated) continue;
      const room = limit + 1 - size;
      const part = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      if (part.byteLength < chunk.byteLength) truncated = true;
      hash.update(part);
      size += part.byteLength;
      if (part.byteLength > WRITE_BATCH_BYTES) {
        await flush();
        await writeOut(part);
        continue;
      }
      const free = WRITE_BATCH_BYTES - filled;
      if (part.byteLength < free) {
        current.set(part, filled);
        filled += part.byteLength;
        continue;
      }
      // Fills this buffer: the rest goes to the other one before anything is awaited.
      current.set(part.subarray(0, free), filled);
      spare.set(part.subarray(free), 0);
      filled = WRITE_BATCH_BYTES;
      await flush();
      [current, spare] = [spare, current];
      filled = part.byteLength - free;
    }
    await flush();
    await syncing;
    if (syncFailure) throw syncFailure;
    if (sync) await handle.sync();
  } catch (error) {
    await syncing;
    await handle.close().catch(() => undefined);
    await discardStaged({ path: file });
    throw error;
  } finally {
    stream?.off("error", onError);
    writeBuffers.giveBack(current);
    writeBuffers.giveBack(spare);
  }
  await handle.close();
  return { path: file, sha256: hash.digest("hex"), size, truncated };
}

/** A File backed by a staged file (read lazily from disk), remembered as already staged. */
export async function fileFromStaged(staged: StagedBlob, name: string, type: string): Promise<File> {
  const file = new File([await openAsBlob(staged.path)], name, { type });
  stagedFiles.set(file, staged);
  return file;
}

/**
 * The staged bytes of a File: the upload endpoint's own, or written out now (a File Next parsed in memory,
 * an imported file). `sync: false` when the store does not rename staged files into place (see stageStream).
 */
export async function stageFile(file: File, dir: string, options: { sync?: boolean } = {}): Promise<StagedBlob> {
  const known = stagedFiles.get(file);
  if (known) return known;
  const staged = await stageStream(dir, file.stream() as unknown as AsyncIterable<Uint8Array>, undefined, options);
  stagedFiles.set(file, staged);
  return staged;
}

/** Removes a staged file (nothing to do when a store has taken it). */
export async function discardStaged(staged: Pick<StagedBlob, "path">): Promise<void> {
  await unlink(staged.path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

/** Removes the staged files of these Files, if any (after the request, whatever its outcome). */
export async function discardStagedFiles(files: Iterable<unknown>): Promise<void> {
  for (const file of files) {
    const staged = file instanceof Blob ? stagedFiles.get(file) : undefined;
    if (staged) await discardStaged(staged);
  }
}
