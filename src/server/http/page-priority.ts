// No `import "server-only"`: the HTTP server (scripts/serve.ts, outside React's server conditions) uses it too,
// like the rest of src/server/http's layers.
import type http from "node:http";
import { isUploadRequest } from "./upload-body";

/**
 * Pages before uploads' bytes (issue 13 item 4, ADR 050). The server's main thread receives an upload's body
 * itself — Node reads the socket in 64 KB pieces, parses them as HTTP and hands each to the upload thread — about
 * 150 ms of that thread per 25 MB on this machine, all of it in the few hundred milliseconds a fast client needs to
 * send 25 MB. A page asked for meanwhile waited behind those reads (3.4× its idle p95 over loopback). So while other
 * requests are being answered, an upload stops reading (its client's bytes wait in the socket, TCP slows the
 * sender) and goes on when they are answered — or after `maxPauseMs` at the latest, and then reads for at least
 * `minRunMs` before it yields again, so that steady traffic slows an upload down but never stops it. Bodies of less
 * than `afterBytes` (a form with a small attachment) never wait.
 *
 * The count of requests being answered is kept by the HTTP server (`countingRequests`, scripts/serve.ts), for every
 * request but the uploads; a request counts for at most `COUNTED_MS` (a slow client's download must not hold
 * uploads back for its whole length). State on globalThis: serve.ts and Next's compiled server code each load their
 * own copy of this module.
 */

export interface PagePriorityOptions {
  /** the longest an upload waits for pages at a time */
  maxPauseMs: number;
  /** after waiting that long, how long it reads before it may wait again */
  minRunMs: number;
  /**
   * an upload reads this much before it gives way at all: a form with a small attachment costs the main thread a
   * few reads, and making it wait up to maxPauseMs for them would only slow the person submitting it
   */
  afterBytes: number;
}

export const PAGE_PRIORITY: PagePriorityOptions = { maxPauseMs: 200, minRunMs: 50, afterBytes: 1024 * 1024 };
const COUNTED_MS = 2_000;

type State = { answering: number; idle: Set<() => void> };
const holder = globalThis as unknown as { __liaisonPagePriority?: State };
const state = (): State => {
  holder.__liaisonPagePriority ??= { answering: 0, idle: new Set() };
  return holder.__liaisonPagePriority;
};

/** A request other than an upload is being answered; call the returned function when it is (once is enough). */
export function requestStarted(): () => void {
  const current = state();
  current.answering++;
  let done = false;
  const timer = setTimeout(() => end(), COUNTED_MS);
  timer.unref?.();
  const end = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    current.answering--;
    if (current.answering === 0) for (const wake of [...current.idle]) wake();
  };
  return end;
}

/** The HTTP server's outermost layer: every request but an upload counts as being answered until its response ends. */
export function countingRequests<R>(
  next: (req: http.IncomingMessage, res: http.ServerResponse) => R,
): (req: http.IncomingMessage, res: http.ServerResponse) => R {
  return (req, res) => {
    if (!isUploadRequest(req)) res.once("close", requestStarted());
    return next(req, res);
  };
}

/** How many requests are being answered (tests, logs). */
export function requestsBeingAnswered(): number {
  return state().answering;
}

/**
 * For one upload: call after each piece of its body with the bytes read so far. Answers null (read on), or a promise
 * to wait for before reading the next piece (pages are being answered), which resolves when they are — or after
 * `maxPauseMs`.
 */
export function uploadTurns(options: PagePriorityOptions = PAGE_PRIORITY, now = () => performance.now()) {
  /** until when this upload reads whatever pages do (after a wait cut short by maxPauseMs) */
  let runsUntil = 0;
  return (bytesRead: number): Promise<void> | null => {
    const current = state();
    if (bytesRead < options.afterBytes || current.answering === 0 || now() < runsUntil) return null;
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        current.idle.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        runsUntil = now() + options.minRunMs;
        wake();
      }, options.maxPauseMs);
      current.idle.add(wake);
    });
  };
}
