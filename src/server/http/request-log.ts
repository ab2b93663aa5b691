/**
 * The outermost layer of the app's HTTP server (scripts/serve.ts): gives every request an id and writes one
 * log line when its response is done:
 *   {"level":"info","component":"http","reqId":"…","method":"GET","route":"/statements/:id","path":"/statements/37",
 *    "status":200,"durationMs":12.4,"bytes":5120,"queries":3,"msg":"request"}
 * The id is the caller's `X-Request-Id` when it is a plain token (a load balancer's or proxy's id, so lines can
 * be joined across hops), else a new one; it is sent back as `X-Request-Id`. The query string is never logged
 * (sign-in links carry their one-time token there; searches are people's words). A response the client
 * abandoned is logged with `"aborted":true`.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import type { Logger } from "pino";
import { type QueryTally, withQueryCount } from "@/server/db/query-count";
import type { RequestHandler } from "./app-server";

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** "/statements/37/attachments/5" → "/statements/:id/attachments/:id": a route to group lines by. */
export function routeOf(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (/^\d+$/.test(segment) ? ":id" : segment))
    .join("/");
}

function pathnameOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  const path = end === -1 ? raw : raw.slice(0, end);
  // Bounded: a 16 KB request line must not become a 16 KB log line.
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}

export interface RequestLogOptions {
  next: RequestHandler;
  log: Logger;
  /** answers whether the server is stopping: responses then tell the client to close the connection */
  stopping?: () => boolean;
}

export function createRequestLog({ next, log, stopping }: RequestLogOptions): RequestHandler {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers["x-request-id"];
    const reqId = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", reqId);
    // Keep-alive connections must not outlive a shutdown: the response that ends a request while stopping
    // asks the client to close (the server then closes the idle connection; src/server/http/shutdown.ts).
    // Checked when the headers go out, so a request already in flight when the stop began is covered too.
    if (stopping) {
      const writeHead = res.writeHead;
      res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
        if (stopping() && !this.headersSent) this.setHeader("connection", "close");
        return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
      } as typeof res.writeHead;
    }
    let written = false;
    let tally: QueryTally | undefined;
    const write = (aborted: boolean) => {
      if (written) return;
      written = true;
      const path = pathnameOf(req.url);
      const fields = {
        reqId,
        method: req.method,
        route: routeOf(path),
        path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 10_000) / 100,
        bytes: Number(res.getHeader("content-length")) || undefined,
        // SQL statements this request ran (issue 19's per-page and per-action budgets, seen in production)
        queries: tally?.queries,
        ...(aborted ? { aborted: true } : {}),
      };
      if (res.statusCode >= 500) log.error(fields, "request");
      else log.info(fields, "request");
    };
    res.once("finish", () => write(false));
    res.once("close", () => write(!res.writableFinished));
    return withQueryCount((t) => {
      tally = t;
      return next(req, res);
    });
  };
}
