/**
 * The HTTP server of `npm start` (scripts/serve.ts) with timeouts for clients that send slowly. Node's defaults
 * let a client hold a connection for 5 minutes by sending its body a byte at a time (requestTimeout 300 s)
 * and for a minute by trickling its headers (headersTimeout 60 s), and check them only every 30 s.
 */
import http from "node:http";
import { logger } from "@/server/log/logger";

export interface AppServerTimeouts {
  /** the request line and headers must arrive within this */
  headersTimeoutMs: number;
  /**
   * the whole request, body included, must arrive within this: long enough for a signed-in person's
   * 110 MB statement form on a poor uplink (~1 Mbit/s: a chair on a meeting's hotel network). Only signed-in
   * people get this long: anonymous bodies must arrive within seconds (src/server/http/request-guard.ts), and
   * the upload endpoint refuses anonymous posts before reading. The time to answer is not counted.
   */
  requestTimeoutMs: number;
  /** idle keep-alive connections (like `next start`: a little longer than typical proxies keep theirs) */
  keepAliveTimeoutMs: number;
  /** how often Node looks for requests past their timeouts */
  checkIntervalMs: number;
}

export const APP_SERVER_TIMEOUTS: AppServerTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 900_000,
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 1_000,
};

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

/** A server answering with `handler`; a failure it did not answer becomes a plain 500 (or a closed connection). */
export function createAppServer(
  handler: RequestHandler,
  timeouts: AppServerTimeouts = APP_SERVER_TIMEOUTS,
): http.Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    (req, res) => {
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        logger("serve").error({ err: error, path: req.url?.split("?")[0] }, "request failed");
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader("content-type", "text/plain; charset=utf-8");
          res.end("Internal Server Error");
        } else {
          res.destroy();
        }
      });
    },
  );
  return server;
}
