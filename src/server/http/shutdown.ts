/**
 * Graceful shutdown of the app's HTTP server (scripts/serve.ts), on SIGTERM or SIGINT:
 *  1. mark the process as stopping (/readyz answers 503, every response carries `Connection: close`);
 *  2. stop accepting connections and close idle keep-alive ones at once, and each further one as soon as its
 *     request is answered — an idle keep-alive connection used to keep `server.close()` waiting for the 65 s
 *     keep-alive timeout while the port stayed taken;
 *  3. let requests in flight finish, for at most `requestsMs` (default 8 s), then cut what is left;
 *  4. run the shutdown hooks in order within what remains of `graceMs` (default 10 s): the mail worker
 *     finishes its current send, then the database closes, so the embedded PGlite directory is left clean.
 * The caller exits when the returned promise settles, whatever happened.
 */
import type http from "node:http";
import type { Logger } from "pino";
import { markStopping, type ShutdownHook } from "@/server/ops/process-state";

export interface GracefulShutdownOptions {
  server: http.Server;
  hooks: () => readonly ShutdownHook[];
  log: Logger;
  /** the whole shutdown, hooks included */
  graceMs?: number;
  /** of which requests in flight may take this much */
  requestsMs?: number;
}

export interface ShutdownReport {
  /** false when requests were cut or a hook did not finish in time */
  clean: boolean;
  durationMs: number;
}

const within = <T>(promise: Promise<T>, ms: number) =>
  new Promise<"done" | "timeout">((resolve, reject) => {
    const timer = setTimeout(() => resolve("timeout"), Math.max(0, ms));
    promise.then(
      () => {
        clearTimeout(timer);
        resolve("done");
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

export function gracefulShutdown({
  server,
  hooks,
  log,
  graceMs = 10_000,
  requestsMs = 8_000,
}: GracefulShutdownOptions) {
  let running: Promise<ShutdownReport> | null = null;
  return function shutdown(reason: string): Promise<ShutdownReport> {
    running ??= (async () => {
      const started = Date.now();
      let clean = true;
      markStopping();
      log.info({ reason, graceMs }, "stopping: no new connections, finishing the requests in flight");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      if ((await within(closed, requestsMs)) === "timeout") {
        clean = false;
        log.warn({ afterMs: Date.now() - started }, "requests still in flight after the grace period: cut");
        server.closeAllConnections();
        await closed;
      }
      clearInterval(sweep);
      for (const hook of hooks()) {
        const left = graceMs - (Date.now() - started);
        try {
          if ((await within(Promise.resolve().then(hook.run), left)) === "timeout") {
            clean = false;
            log.warn({ hook: hook.name }, "shutdown step did not finish in time: left behind");
            break;
          }
        } catch (error) {
          clean = false;
          log.error({ err: error, hook: hook.name }, "shutdown step failed");
        }
      }
      const durationMs = Date.now() - started;
      log.info({ durationMs, clean }, "stopped");
      return { clean, durationMs };
    })();
    return running;
  };
}
