/**
 * The production HTTP server (what `npm start` runs after building and preparing the database): Next.js's
 * request handler behind the public page layer, which serves the archive's public pages to anonymous
 * visitors as script-free documents from memory (src/server/http/public-page-layer.ts, ADR 008).
 *
 * Runs WITHOUT the react-server condition (Next.js's server loads its own React builds). Environment as for
 * `next start`: PORT (default 3000; all interfaces), PUBLIC_PAGE_CACHE_TTL_MS (default 15000).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import next from "next";
import { publicDataState } from "@/lib/public-data-version";
import { createPublicPageLayer } from "@/server/http/public-page-layer";
import { PageCache } from "@/server/http/public-pages";
import { createStatusPageLayer, loopbackStatusPages } from "@/server/http/status-page-layer";

const root = path.resolve(import.meta.dirname, "..");
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
  next: (req, res) => nextHandler(req, res),
  // 15 s (like the read models behind the pages, ADR 007) bounds what other processes' writes and the
  // calendar ("3 days left") can leave stale; this process's own writes drop every page at once.
  cache: new PageCache({ ttlMs, maxBytes: 64 * 2 ** 20, maxEntries: 2_000 }),
  data: publicDataState,
  onError: (error) => console.error("[serve] public page layer:", error),
});

// Error answers (404, 403, 500) become the app's rendered status page, not Next.js's empty error shell (ADR 014).
const statusPageToken = randomBytes(24).toString("base64url");
const handler = createStatusPageLayer({
  next: layer,
  render: loopbackStatusPages({ port, token: statusPageToken }),
  token: statusPageToken,
  onError: (error) => console.error("[serve] status page layer:", error),
});

const server = http.createServer((req, res) => {
  Promise.resolve(handler(req, res)).catch((error: unknown) => {
    console.error("[serve] request failed:", error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end("Internal Server Error");
    } else {
      res.destroy();
    }
  });
});
// Like `next start`: keep idle keep-alive connections a little longer than typical proxies do.
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`[serve] ready on port ${port}`));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
