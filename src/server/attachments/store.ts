import "server-only";

/** A file of uploaded bytes on local disk, with the SHA-256 and size computed while it was written. */
export interface StagedBlob {
  path: string;
  sha256: string;
  size: number;
}

/** Where an attachment's bytes are stored: under their SHA-256, once per distinct content (ADR 012). */
export interface AttachmentStore {
  readonly kind: "files" | "database";
  /** where uploads are written while they arrive (on the store's file system, so a file store can rename) */
  readonly stagingDir: string;
  /** the file store's root (DATA_DIR/attachments) */
  readonly directory?: string;
  /**
   * Makes the staged bytes durable under their hash before the metadata that names them is committed
   * (nothing to do when that content is stored already). The staged file is consumed.
   */
  put(staged: StagedBlob): Promise<void>;
  /**
   * `put` for many staged blobs at once, with the same guarantees for each (content-addressed, deduplicated,
   * never a partial blob visible), at a fraction of the cost: the database store writes the batch in one
   * transaction of a few multi-row statements, the file store fsyncs each directory once. Every staged file
   * is consumed, also when it fails. The batch's staged files bound the bytes it holds: callers keep it small.
   */
  putMany(staged: StagedBlob[]): Promise<void>;
  /** The stored bytes in chunks of at most 1 MiB, or null when nothing is stored under that hash. */
  open(sha256: string): Promise<ReadableStream<Uint8Array> | null>;
  /**
   * The file that holds these bytes on local disk, when the store keeps them as one (the file store), else
   * null: a worker thread can then read them itself instead of the server's main thread streaming them over.
   */
  localFile?(sha256: string): Promise<string | null>;
  /**
   * For a store without local files (the database store): the bytes written to a new temporary file by a worker
   * thread, never through the server's main thread; the caller removes it. Null when nothing is stored under
   * that hash. (ADR 033: the attachment-text extraction reads a PostgreSQL attachment this way.)
   */
  temporaryFile?(sha256: string): Promise<string | null>;
  /** Start-up housekeeping: temporary files of interrupted uploads, bytes no attachment refers to. */
  sweep(): Promise<{ temporary: number; unreferenced: number; exported: number }>;
  close(): Promise<void>;
}

/** Chunk size of stored and streamed bytes: bounds the memory one download or one insert needs. */
export const CHUNK_BYTES = 1024 * 1024;

export const isSha256 = (value: string) => /^[0-9a-f]{64}$/.test(value);
