import "server-only";
import type { ExtractedText } from "@/server/inbound/types";
import { BACKGROUND_NICENESS } from "@/server/threads/priority";
import { sourceFile, startProcess } from "@/server/threads/start";
import type { ExtractReply, ExtractRequest } from "./extract-job";

/**
 * Text extraction off the request path and out of the server's process (ADRs 026 and 047): a child process with a
 * heap limit, given one attachment at a time and stopped when it takes too long. A document that makes the reader
 * loop or allocate without end costs that process — even when V8 gives up on its heap limit and aborts, which a
 * worker thread's limit cannot prevent (nodejs/node#47224) — never the server's event loop, its memory or its
 * life. The process is started on demand, reused, and ended after a minute without work.
 */

/** How long one attachment may take to read before the reader is stopped and the attempt recorded as failed. */
export const EXTRACT_TIMEOUT_MS = 60_000;
/** The reader's JavaScript heap (MB): bounds what a hostile document can make it allocate. */
export const EXTRACT_HEAP_MB = 384;
const IDLE_MS = 60_000;

type Pending = { id: number; resolve: (r: ExtractedText) => void; timer: NodeJS.Timeout };
type Reader = {
  child: ReturnType<typeof startProcess>;
  ready: Promise<void>;
  pending: Pending | null;
  idle: NodeJS.Timeout | null;
  exited: Promise<void>;
};

const state = globalThis as unknown as { __extractReader?: Reader; __extractSeq?: number };

/** Why a reader process ended, in words for the staff who see the attempt's reason. */
function endedBecause(limits: ReaderLimits, stderr: string, code: number | null, signal: string | null): string {
  if (/heap out of memory|Allocation failed|allocation failure/i.test(stderr)) {
    return `reading it needed more than ${limits.heapMb} MB of memory`;
  }
  if (signal) return `the reader stopped (${signal})`;
  return code ? `the reader stopped (exit code ${code})` : "the reader stopped unexpectedly";
}

function start(limits: ReaderLimits): Reader {
  const child = startProcess(sourceFile("server", "attachment-text", "extract-job.ts"), {
    heapMb: limits.heapMb,
    niceness: BACKGROUND_NICENESS,
  });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let markExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  const reader: Reader = { child, ready, pending: null, idle: null, exited };
  const fail = (reason: string) => {
    const pending = reader.pending;
    reader.pending = null;
    if (state.__extractReader === reader) state.__extractReader = undefined;
    markReady();
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, reason });
    }
  };
  child.on("message", (message: ExtractReply | { ready: true }) => {
    if ("ready" in message) return markReady();
    const pending = reader.pending;
    if (!pending || pending.id !== message.id) return;
    reader.pending = null;
    clearTimeout(pending.timer);
    pending.resolve(
      message.ok
        ? { ok: true, text: message.text, truncated: message.truncated }
        : { ok: false, reason: message.reason },
    );
  });
  child.on("error", (error: Error) => {
    fail(`the reader could not run: ${error.message}`);
    if (child.pid === undefined) markExited(); // never started: no exit event follows
  });
  child.on("exit", (code, signal) => {
    // stderr may still hold the last lines (V8's out-of-memory report): read it once it has ended.
    const settle = () => {
      fail(endedBecause(limits, child.stderrTail(), code, signal));
      markExited();
    };
    if (child.stderr && !child.stderr.readableEnded) child.stderr.once("close", settle);
    else settle();
  });
  return reader;
}

export type ReaderLimits = { timeoutMs: number; heapMb: number };

/**
 * A file to read: its bytes, or the path of a local file holding them (the file store's). Given a path, the
 * reader reads the file itself, so a 25 MB attachment costs the server's main thread nothing (reading it
 * there and handing it over took ~130 ms of that thread per 25 MB upload, measured with bench:uploads).
 */
export type ExtractFile = { fileName: string; contentType: string } & ({ bytes: Buffer } | { path: string });

/**
 * Extracts one file's text in the reader process, within the time limit (starting the process included) and
 * the process's heap limit; never throws.
 */
export async function extractInReader(
  file: ExtractFile,
  limits: ReaderLimits = { timeoutMs: EXTRACT_TIMEOUT_MS, heapMb: EXTRACT_HEAP_MB },
): Promise<ExtractedText> {
  let reader = state.__extractReader;
  if (!reader) {
    reader = start(limits);
    state.__extractReader = reader;
  }
  if (reader.idle) clearTimeout(reader.idle);
  const current = reader;
  const id = (state.__extractSeq ?? 0) + 1;
  state.__extractSeq = id;
  const result = await new Promise<ExtractedText>((resolve) => {
    const timer = setTimeout(() => {
      if (current.pending?.id !== id) return;
      current.pending = null;
      if (state.__extractReader === current) state.__extractReader = undefined;
      current.child.kill("SIGKILL");
      resolve({
        ok: false,
        reason: `reading it took longer than ${Math.max(1, Math.round(limits.timeoutMs / 1000))} s`,
      });
    }, limits.timeoutMs);
    current.pending = { id, resolve, timer };
    void current.ready.then(() => {
      if (current.pending?.id !== id || !current.child.connected) return;
      const { fileName, contentType } = file;
      const request: ExtractRequest =
        "bytes" in file
          ? { id, fileName, contentType, bytes: file.bytes }
          : { id, fileName, contentType, path: file.path };
      // A failed send (the process ended meanwhile) is answered by its exit event.
      current.child.send(request, () => {});
    });
  });
  if (state.__extractReader === current) {
    current.idle = setTimeout(() => void stopExtractReader(), IDLE_MS);
    current.idle.unref();
  }
  return result;
}

/** The reader process's id while one runs (for tests). */
export function extractReaderPid(): number | undefined {
  return state.__extractReader?.child.pid;
}

/** Ends the reader (shutdown, idle); a read in progress resolves as failed. */
export async function stopExtractReader(): Promise<void> {
  const reader = state.__extractReader;
  state.__extractReader = undefined;
  if (!reader) return;
  if (reader.idle) clearTimeout(reader.idle);
  if (reader.child.exitCode === null && reader.child.signalCode === null) reader.child.kill("SIGKILL");
  await reader.exited;
}
