/**
 * The production HTTP server (what `npm start` runs after building and preparing the database): Next.js's
 * request handler behind the public page layer, which serves the archive's public pages to anonymous
 * visitors as script-free documents from memory (src/server/http/public-page-layer.ts, ADR 008).
 *
 * In front of both, the request guard (src/server/http/request-guard.ts) refuses malformed addresses, cross-site
 * posts and over-size bodies before anything reads them.
 *
 * `npm start` runs it bundled (.next/serve.mjs, made by scripts/prepare-start.ts) on plain Node, in the process
 * scripts/start.mjs (ADR 035): no tsx, no second process.
 *
 * Runs WITHOUT the react-server condition (Next.js's server loads its own React builds). Environment as for
 * `next start`: PORT (default 3000; all interfaces), PUBLIC_PAGE_CACHE_TTL_MS (default 15000);
 * PUBLIC_PAGE_CACHE_STATUS_HEADER=true (tests only) sends `x-page-cache: hit|miss` on public pages.
 */
import { randomBytes } from "node:crypto";
import next from "next";
import { env } from "@/env";
import { publicDataState } from "@/lib/public-data-version";
import { authSecret } from "@/server/auth/secret-file";
import { createAppServer } from "@/server/http/app-server";
import { countingRequests } from "@/server/http/page-priority";
import { createPublicPageLayer } from "@/server/http/public-page-layer";
import { PageCache } from "@/server/http/public-pages";
import { createRequestGuard } from "@/server/http/request-guard";
import { createRequestLog } from "@/server/http/request-log";
import { createSessionCheck, sessionCookieName } from "@/server/http/session-token";
import { gracefulShutdown } from "@/server/http/shutdown";
import { createStatusPageLayer, loopbackStatusPages } from "@/server/http/status-page-layer";
import { offerUploadBody } from "@/server/http/upload-body";
import { logger } from "@/server/log/logger";
import { memoryReport } from "@/server/ops/memory";
import { isStopping, shutdownHooks } from "@/server/ops/process-state";

const root = process.cwd();
const log = logger("serve");
const port = Number(process.env.PORT ?? 3000);
const ttlMs = Number(process.env.PUBLIC_PAGE_CACHE_TTL_MS ?? 15_000);
if (!Number.isInteger(port) || port <= 0 || port > 65_535)
  throw new Error(`PORT must be a TCP port (got ${process.env.PORT})`);
if (!Number.isFinite(ttlMs) || ttlMs < 0)
  throw new Error("PUBLIC_PAGE_CACHE_TTL_MS must be a number of milliseconds ≥ 0");

const app = next({ dev: false, dir: root, port, hostname: "localhost" });
await app.prepare();
const nextHandler = app.getRequestHandler();

const layer = createPublicPageLayer({
  // The upload endpoint reads its body from the Node request, not through Next's web stream (ADR 033).
  next: (req, res) => {
    offerUploadBody(req, res);
    return nextHandler(req, res);
  },
  // 15 s (like the read models behind the pages, ADR 007) bounds what other processes' writes and the
  // calendar ("3 days left") can leave stale; this process's own writes drop every page at once.
  cache: new PageCache({ ttlMs, maxBytes: 64 * 2 ** 20, maxEntries: 2_000 }),
  data: publicDataState,
  onError: (error) => log.error({ err: error }, "public page layer failed"),
  // It tells a visitor whether someone else asked for the same URL (e.g. a search) moments ago: tests only.
  cacheStatusHeader: process.env.PUBLIC_PAGE_CACHE_STATUS_HEADER === "true",
});

// Error answers (404, 403, 500) become the app's rendered status page, not Next.js's empty error shell (ADR 014).
const statusPageToken = randomBytes(24).toString("base64url");
const pages = createStatusPageLayer({
  next: layer,
  render: loopbackStatusPages({ port, token: statusPageToken }),
  token: statusPageToken,
  onError: (error) => log.error({ err: error }, "status page layer failed"),
});

const guard = createRequestGuard({
  next: pages,
  hasValidSession: createSessionCheck({ cookieName: sessionCookieName(env().appUrl), secret: authSecret }),
});

// Outermost: one JSON log line per request (id, route, status, duration), and `Connection: close` while stopping.
// Around it, every request but an upload counts as being answered until its response ends: uploads read their
// bodies when nothing else is waiting for this thread (src/server/http/page-priority.ts, ADR 050).
const handler = countingRequests(createRequestLog({ next: guard, log: logger("http"), stopping: isStopping }));

const server = createAppServer(handler);
// A port already taken must end the process (Next.js's uncaught-exception handler would log it and keep a
// server running that listens nowhere).
server.once("error", (error) => {
  log.fatal({ err: error, port }, "cannot listen");
  process.exit(1);
});
server.listen(port, () => log.info({ port }, "ready"));

// SIGTERM (a service manager, a container stop) or SIGINT (Ctrl-C): stop accepting, finish the requests in flight
// and the mail worker's current send, close the database, exit — within 10 s (src/server/http/shutdown.ts).
const shutdown = gracefulShutdown({ server, hooks: shutdownHooks, log });
// SIGUSR2: one "memory" log line (heap, external, PGlite's WebAssembly memory) — npm run bench:memory reads it.
process.on("SIGUSR2", () => log.info(memoryReport(), "memory"));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A stop asked for is a normal exit, even when something had to be cut (the log says what).
    void shutdown(signal).finally(() => process.exit(0));
    // The last resort (before ADR 035 a parent process's SIGKILL): a stop never leaves the port taken.
    setTimeout(() => {
      log.error({ signal }, "the graceful stop did not end within 15 s: exiting");
      process.exit(1);
    }, 15_000).unref();
  });
}
