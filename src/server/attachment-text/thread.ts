import "server-only";
import type { Worker } from "node:worker_threads";
import type { ExtractedText } from "@/server/inbound/types";
import { sourceFile, startThread } from "@/server/threads/start";
import type { ExtractReply, ExtractRequest } from "./extract-job";

/**
 * Text extraction off the request path and off the main thread (ADR 026): a worker thread with a heap
 * limit, given one attachment at a time and stopped when it takes too long. A PDF that makes the reader loop
 * or allocate without end costs that thread, never the server's event loop or its memory. The thread is
 * started on demand, reused, and ended after a minute without work.
 */

/** How long one attachment may take to read before the thread is stopped and the attempt recorded as failed. */
export const EXTRACT_TIMEOUT_MS = 60_000;
/** The thread's heap (MB): bounds what a hostile document can make the reader allocate. */
export const EXTRACT_HEAP_MB = 384;
const IDLE_MS = 60_000;

type Pending = { id: number; resolve: (r: ExtractedText) => void; timer: NodeJS.Timeout };

const state = globalThis as unknown as {
  __extractThread?: { worker: Worker; ready: Promise<void>; pending: Pending | null; idle: NodeJS.Timeout | null };
  __extractSeq?: number;
};

function start(limits: ThreadLimits) {
  const worker = startThread(sourceFile("server", "attachment-text", "extract-job.ts"), {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
  });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const thread = { worker, ready, pending: null as Pending | null, idle: null as NodeJS.Timeout | null };
  const fail = (reason: string) => {
    const pending = thread.pending;
    thread.pending = null;
    if (state.__extractThread === thread) state.__extractThread = undefined;
    markReady();
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, reason });
    }
  };
  worker.on("message", (message: ExtractReply | { ready: true }) => {
    if ("ready" in message) return markReady();
    const pending = thread.pending;
    if (!pending || pending.id !== message.id) return;
    thread.pending = null;
    clearTimeout(pending.timer);
    pending.resolve(
      message.ok
        ? { ok: true, text: message.text, truncated: message.truncated }
        : { ok: false, reason: message.reason },
    );
  });
  worker.on("error", (error: Error & { code?: string }) => {
    fail(
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? `reading it needed more than ${limits.heapMb} MB of memory`
        : `the reader stopped: ${error.message}`,
    );
  });
  worker.on("exit", () => fail("the reader stopped unexpectedly"));
  return thread;
}

export type ThreadLimits = { timeoutMs: number; heapMb: number };

/**
 * A file to read: its bytes, or the path of a local file holding them (the file store's). Given a path, the
 * thread reads the file itself, so a 25 MB attachment costs the server's main thread nothing (reading it
 * there and handing it over took ~130 ms of that thread per 25 MB upload, measured with bench:uploads).
 */
export type ExtractFile = { fileName: string; contentType: string } & ({ bytes: Buffer } | { path: string });

/**
 * Extracts one file's text in the worker thread, within the time limit (starting the thread included) and
 * the thread's heap limit; never throws.
 */
export async function extractInThread(
  file: ExtractFile,
  limits: ThreadLimits = { timeoutMs: EXTRACT_TIMEOUT_MS, heapMb: EXTRACT_HEAP_MB },
): Promise<ExtractedText> {
  let thread = state.__extractThread;
  if (!thread) {
    thread = start(limits);
    state.__extractThread = thread;
  }
  if (thread.idle) clearTimeout(thread.idle);
  const current = thread;
  const id = (state.__extractSeq ?? 0) + 1;
  state.__extractSeq = id;
  // A copy the thread owns (transferred, not cloned): the caller's buffer may be a view into a larger pool.
  const bytes =
    "bytes" in file
      ? (file.bytes.buffer.slice(file.bytes.byteOffset, file.bytes.byteOffset + file.bytes.byteLength) as ArrayBuffer)
      : undefined;
  const result = await new Promise<ExtractedText>((resolve) => {
    const timer = setTimeout(() => {
      if (current.pending?.id !== id) return;
      current.pending = null;
      if (state.__extractThread === current) state.__extractThread = undefined;
      void current.worker.terminate();
      resolve({
        ok: false,
        reason: `reading it took longer than ${Math.max(1, Math.round(limits.timeoutMs / 1000))} s`,
      });
    }, limits.timeoutMs);
    current.pending = { id, resolve, timer };
    void current.ready.then(() => {
      if (current.pending?.id !== id) return;
      const { fileName, contentType } = file;
      const request: ExtractRequest = bytes
        ? { id, fileName, contentType, bytes }
        : { id, fileName, contentType, path: (file as { path: string }).path };
      current.worker.postMessage(request, bytes ? [bytes] : []);
    });
  });
  if (state.__extractThread === current) {
    current.idle = setTimeout(() => void stopExtractThread(), IDLE_MS);
    current.idle.unref();
  }
  return result;
}

/** Ends the thread (shutdown, idle); a read in progress resolves as failed. */
export async function stopExtractThread(): Promise<void> {
  const thread = state.__extractThread;
  state.__extractThread = undefined;
  if (!thread) return;
  if (thread.idle) clearTimeout(thread.idle);
  await thread.worker.terminate();
}
