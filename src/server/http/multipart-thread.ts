import "server-only";
import type { Worker } from "node:worker_threads";
import type { BlobConnection } from "@/server/attachments/db-store-job";
import { discardStaged } from "@/server/attachments/staging";
import type { StagedBlob } from "@/server/attachments/store";
import { sourceFile, startThread } from "@/server/threads/start";
import type { UploadFile, UploadReply, UploadRequest } from "./multipart-job";

/**
 * The upload thread (issue 13, item 4): one worker thread parses, hashes and writes every multipart upload
 * (multipart-job.ts); the main thread only passes the bytes on as they arrive. Started on the first upload,
 * reused, ended after a minute without uploads. Should it die, the uploads in it fail (the client is told to
 * try again) and the next upload starts a new one. On PostgreSQL it also writes the staged files into the
 * database (`storeInThread`), on a connection of its own.
 */

/** Bytes handed to the thread and not yet taken by its parser: what one upload may hold in memory. */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;
const IDLE_MS = 60_000;
/** Bytes gathered before they are handed over in one message. */
const BATCH_BYTES = 1024 * 1024;
/**
 * The shared memory the body passes through (ADR 033, second addendum): SLOTS pieces of BATCH_BYTES, made once per
 * thread and reused. The main thread copies the request's chunks into a free slot (its pages stay mapped: no
 * allocation, no page faults, no garbage) and tells the thread which slot to read; the thread copies the piece
 * out and frees the slot with its acknowledgement. When every slot is taken (several fast uploads at once), a
 * piece is made and transferred as before.
 */
const SLOTS = 8;

type Answer = Extract<UploadReply, { type: "done" | "stored" | "exported" }>;

/** An upload or a store the thread is working on. */
type Open = {
  inFlight: number;
  /** the shared slots this upload holds (being filled, or handed to the thread and not yet acknowledged) */
  slots: Set<number>;
  /** resolves a `send` waiting for the thread to catch up */
  drained: (() => void) | null;
  settle: (outcome: Answer | Error) => void;
};

type Thread = {
  worker: Worker;
  uploads: Map<number, Open>;
  idle: NodeJS.Timeout | null;
  memory: Uint8Array<SharedArrayBuffer>;
  freeSlots: number[];
};

const state = globalThis as unknown as { __uploadThread?: Thread; __uploadSeq?: number };

function thread(): Thread {
  const running = state.__uploadThread;
  if (running) {
    if (running.idle) clearTimeout(running.idle);
    running.idle = null;
    return running;
  }
  const worker = startThread(sourceFile("server", "http", "multipart-job.ts"));
  const memory = new Uint8Array(new SharedArrayBuffer(SLOTS * BATCH_BYTES));
  const current: Thread = {
    worker,
    uploads: new Map(),
    idle: null,
    memory,
    freeSlots: Array.from({ length: SLOTS }, (_, i) => i),
  };
  worker.postMessage({ type: "slots", memory, slotBytes: BATCH_BYTES } satisfies UploadRequest);
  const stopped = (reason: string) => {
    if (state.__uploadThread === current) state.__uploadThread = undefined;
    for (const upload of current.uploads.values()) upload.settle(new Error(reason));
    current.uploads.clear();
  };
  worker.on("message", (message: UploadReply | { ready: true }) => {
    if ("ready" in message) return;
    const upload = current.uploads.get(message.id);
    if (!upload) return;
    if (message.type === "ack") {
      upload.inFlight -= message.bytes;
      if (message.slot !== undefined) releaseSlot(current, upload, message.slot);
      if (upload.inFlight <= IN_FLIGHT_BYTES / 2) upload.drained?.();
      return;
    }
    current.uploads.delete(message.id);
    upload.settle(message.type === "fail" ? new Error(message.message) : message);
    idleWhenEmpty(current);
  });
  worker.on("error", (error) => stopped(`the upload thread failed: ${error.message}`));
  worker.on("exit", () => stopped("the upload thread stopped"));
  state.__uploadThread = current;
  return current;
}

function releaseSlot(current: Thread, upload: Open, slot: number) {
  if (upload.slots.delete(slot)) current.freeSlots.push(slot);
}

/**
 * An upload that ended (answered, failed, aborted) gives its slots back. The thread reads a slot only while
 * handling that upload's message for it, and drops the messages of an upload it no longer has: a slot reused
 * meanwhile can at worst feed an aborted upload's discarded parse, never another upload's.
 */
function releaseAll(current: Thread, upload: Open) {
  for (const slot of upload.slots) current.freeSlots.push(slot);
  upload.slots.clear();
}

function idleWhenEmpty(current: Thread) {
  if (current.uploads.size > 0 || current.idle) return;
  current.idle = setTimeout(() => void stopUploadThread(), IDLE_MS);
  current.idle.unref();
}

function nextId(): number {
  const id = (state.__uploadSeq ?? 0) + 1;
  state.__uploadSeq = id;
  return id;
}

/** Ends the upload thread (shutdown, tests); uploads in it fail. */
export async function stopUploadThread(): Promise<void> {
  const current = state.__uploadThread;
  state.__uploadThread = undefined;
  if (!current) return;
  if (current.idle) clearTimeout(current.idle);
  await current.worker.terminate();
}

export interface ThreadUpload {
  /**
   * Hands a chunk over (the thread gets a copy; the caller may reuse `chunk`). Answers null, or — when the thread
   * has too much in flight — a promise to wait for before the next chunk (it rejects if the upload failed).
   */
  send(chunk: Uint8Array): Promise<void> | null;
  /** No more bytes: resolves with the fields and the staged files, in the order they came. */
  end(): Promise<{ fields: [string, string][]; files: UploadFile[] }>;
  /** Stops parsing; the thread removes what it staged. */
  abort(): void;
  /** Resolves if the upload fails in the thread (so the caller stops waiting for the client's next bytes). */
  failed: Promise<Error>;
}

/** Starts parsing one multipart body in the upload thread. */
export function uploadInThread(options: {
  contentType: string;
  maxFileBytes: number;
  stagingDir: string;
  /** fsync the staged files (stageStream's `sync`) */
  sync: boolean;
}): ThreadUpload {
  const current = thread();
  const id = nextId();
  let failure: Error | null = null;
  let reportFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    reportFailure = resolve;
  });
  const result = new Promise<{ fields: [string, string][]; files: UploadFile[] }>((resolve, reject) => {
    const upload: Open = {
      inFlight: 0,
      slots: new Set(),
      drained: null,
      settle: (outcome) => {
        releaseAll(current, upload);
        if (outcome instanceof Error || outcome.type !== "done") {
          failure = outcome instanceof Error ? outcome : new Error(`unexpected answer ${outcome.type}`);
          reportFailure(failure);
          reject(failure);
        } else resolve({ fields: outcome.fields, files: outcome.files });
        upload.drained?.();
      },
    };
    current.uploads.set(id, upload);
  });
  result.catch(() => undefined); // observed through end() or send()
  const post = (message: UploadRequest, transfer: ArrayBuffer[] = []) => current.worker.postMessage(message, transfer);
  post({ type: "open", id, ...options });
  let batch: Uint8Array[] = [];
  let batched = 0;
  /** the shared slot being filled, and how far */
  let slot: number | null = null;
  let filled = 0;
  const flushSlot = (upload: Open) => {
    if (slot === null) return;
    if (filled > 0) {
      upload.inFlight += filled;
      post({ type: "slot", id, slot, length: filled });
    } else releaseSlot(current, upload, slot);
    slot = null;
    filled = 0;
  };
  const flushBatch = (upload: Open) => {
    if (batched === 0) return;
    // One copy the thread owns, transferred (never cloned again): the chunks may be views into buffers others
    // hold. Buffer.concat allocates it without zero-filling; a small last piece may be a slice of Node's shared
    // pool, which must never be transferred, so that one is copied once more.
    const joined = Buffer.concat(batch, batched);
    const piece =
      joined.byteOffset === 0 && joined.byteLength === joined.buffer.byteLength ? joined : new Uint8Array(joined);
    batch = [];
    batched = 0;
    upload.inFlight += piece.byteLength;
    post({ type: "data", id, chunk: piece }, [piece.buffer as ArrayBuffer]);
  };
  /** Copies `chunk` into shared slots (a slot handed over once full), or into a piece when none is free. */
  const take = (upload: Open, chunk: Uint8Array) => {
    let rest = chunk;
    while (rest.byteLength > 0) {
      if (slot === null && batched === 0) {
        const free = current.freeSlots.pop();
        if (free !== undefined) {
          slot = free;
          upload.slots.add(free);
        }
      }
      if (slot === null) {
        batch.push(rest);
        batched += rest.byteLength;
        if (batched >= BATCH_BYTES) flushBatch(upload);
        return;
      }
      const n = Math.min(BATCH_BYTES - filled, rest.byteLength);
      // Buffer's copy (a memcpy), ~3× faster than TypedArray#set into shared memory; works on any Uint8Array.
      Buffer.prototype.copy.call(rest, current.memory, slot * BATCH_BYTES + filled, 0, n);
      filled += n;
      rest = rest.subarray(n);
      if (filled === BATCH_BYTES) flushSlot(upload);
    }
  };
  return {
    failed,
    send(chunk) {
      if (failure) throw failure;
      const upload = current.uploads.get(id);
      if (!upload) throw failure ?? new Error("the upload ended");
      // Pieces of ~1 MiB, not the network's 16–64 KB: a sixteenth of the messages for the same bytes.
      take(upload, chunk);
      if (upload.inFlight <= IN_FLIGHT_BYTES) return null;
      return new Promise<void>((resolve, reject) => {
        upload.drained = () => {
          upload.drained = null;
          if (failure) reject(failure);
          else resolve();
        };
      });
    },
    end() {
      const upload = current.uploads.get(id);
      if (!failure && upload) {
        flushSlot(upload);
        flushBatch(upload);
        post({ type: "end", id });
      }
      return result;
    },
    abort() {
      const upload = current.uploads.get(id);
      if (!upload) return;
      current.uploads.delete(id);
      post({ type: "abort", id });
      upload.settle(new Error("aborted"));
      idleWhenEmpty(current);
    },
  };
}

/** Sends the thread one request and resolves with what its `expected` answer carries. */
function askThread<K extends UploadReply["type"], T>(
  expected: K,
  request: (id: number) => UploadRequest,
  read: (answer: Extract<UploadReply, { type: K }>) => T,
): Promise<T> {
  const current = thread();
  const id = nextId();
  const answered = new Promise<T>((resolve, reject) => {
    current.uploads.set(id, {
      inFlight: 0,
      slots: new Set(),
      drained: null,
      settle: (outcome) =>
        outcome instanceof Error || outcome.type !== expected
          ? reject(outcome instanceof Error ? outcome : new Error(`unexpected answer ${outcome.type}`))
          : resolve(read(outcome as Extract<UploadReply, { type: K }>)),
    });
  });
  current.worker.postMessage(request(id));
  return answered;
}

/**
 * PostgreSQL's attachment store, in the upload thread (db-store-job.ts): writes the staged blobs into the
 * database on the thread's own connection — one transaction, committed before this resolves — and consumes
 * the staged files, also when it fails (or the thread dies). Answers the statements it ran.
 */
export function storeInThread(connection: BlobConnection, batch: StagedBlob[]): Promise<string[]> {
  const stored = askThread(
    "stored",
    (id) => ({ type: "store", id, connection, batch }),
    (a) => a.statements,
  );
  return stored.catch(async (error: unknown) => {
    // The thread removes them itself unless it died first.
    for (const staged of batch) await discardStaged(staged).catch(() => undefined);
    throw error;
  });
}

/** PostgreSQL's attachment store: the bytes of `sha256` in a new temporary file in `dir`, written by the upload thread. */
export function exportInThread(connection: BlobConnection, sha256: string, dir: string): Promise<string | null> {
  return askThread(
    "exported",
    (id) => ({ type: "export", id, connection, sha256, dir }),
    (a) => a.path,
  );
}

/** The database behind `connection` is being closed: the upload thread ends its connections to it. */
export function closeStoreInThread(connection: BlobConnection): void {
  const current = state.__uploadThread;
  if (!current) return;
  current.worker.postMessage({ type: "close-store", connection } satisfies UploadRequest);
  // Nothing in flight: end the thread now. Its port kept a command (npm run ingest, the importer) alive until
  // the idle timer ended it, 60 s after its last store; the next upload starts a new thread.
  if (current.uploads.size === 0) void stopUploadThread();
}
