/** One JSON line per request (issue 19: request id, route, status, duration), over a real socket. */
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { countQuery } from "@/server/db/query-count";
import { createAppServer } from "./app-server";
import { createRequestLog, routeOf } from "./request-log";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

type Line = Record<string, unknown>;

async function start(handler: Parameters<typeof createRequestLog>[0]["next"], stopping = () => false) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  const log = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, sink);
  const server = createAppServer(createRequestLog({ next: handler, log, stopping }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the line is written when the response ends: wait for it
  const linesAfter = async (count: number) => {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return lines;
  };
  return { base, linesAfter };
}

describe("routeOf", () => {
  it.each([
    ["/", "/"],
    ["/statements/37", "/statements/:id"],
    ["/statements/37/attachments/5", "/statements/:id/attachments/:id"],
    ["/directory/3gpp", "/directory/3gpp"],
    ["/liaison/1234/history/", "/liaison/:id/history/"],
  ])("%s → %s", (path, route) => expect(routeOf(path)).toBe(route));
});

describe("request log", () => {
  it("writes one JSON line with the request id, method, route, path, status and duration — never the query", async () => {
    const { base, linesAfter } = await start((_req, res) => {
      res.setHeader("content-length", "2");
      res.end("ok");
    });
    const response = await fetch(`${base}/statements/37?q=secret+words&token=abc123`);
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [line] = await linesAfter(1);
    expect(line).toMatchObject({
      level: 30,
      msg: "request",
      reqId: id,
      method: "GET",
      route: "/statements/:id",
      path: "/statements/37",
      status: 200,
      bytes: 2,
    });
    expect(typeof line?.durationMs).toBe("number");
    expect(JSON.stringify(line)).not.toMatch(/secret|abc123|token/);
  });

  it("keeps a proxy's X-Request-Id when it is a plain token, and replaces anything else", async () => {
    const { base, linesAfter } = await start((_req, res) => void res.end("ok"));
    const kept = await fetch(`${base}/`, { headers: { "x-request-id": "lb-7f3a9c21-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a9c21-0001");
    const forged = await fetch(`${base}/`, { headers: { "x-request-id": 'x"} {"level":60' } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await linesAfter(2);
    expect(lines.map((l) => l.reqId)).toEqual(["lb-7f3a9c21-0001", forged.headers.get("x-request-id")]);
  });

  it("logs a 5xx at error level, and a request the client abandoned as aborted", async () => {
    const { base, linesAfter } = await start((req, res) => {
      if (req.url === "/boom") {
        res.statusCode = 503;
        res.end("down");
      }
      // /hang: never answers; the client gives up
    });
    expect((await fetch(`${base}/boom`)).status).toBe(503);
    await fetch(`${base}/hang`, { signal: AbortSignal.timeout(200) }).catch(() => undefined);
    const lines = await linesAfter(2);
    expect(lines[0]).toMatchObject({ level: 50, status: 503, route: "/boom" });
    expect(lines[1]).toMatchObject({ route: "/hang", aborted: true });
  });

  it("asks clients to close their connection once the server is stopping", async () => {
    let stopping = false;
    const { base } = await start(
      (_req, res) => void res.end("ok"),
      () => stopping,
    );
    expect((await fetch(`${base}/`)).headers.get("connection")).not.toBe("close");
    stopping = true;
    expect((await fetch(`${base}/`)).headers.get("connection")).toBe("close");
  });

  it("counts the SQL statements each request ran, also after awaits, without mixing concurrent requests", async () => {
    const { base, linesAfter } = await start(async (req, res) => {
      const n = Number(new URL(req.url ?? "/", "http://x").searchParams.get("n"));
      for (let i = 0; i < n; i++) {
        await new Promise((r) => setTimeout(r, 5));
        countQuery("SELECT 1");
      }
      res.end("ok");
    });
    await Promise.all([fetch(`${base}/a?n=3`), fetch(`${base}/b?n=7`), fetch(`${base}/c?n=0`)]);
    const lines = await linesAfter(3);
    const byPath = Object.fromEntries(lines.map((l) => [l.path, l.queries]));
    expect(byPath).toEqual({ "/a": 3, "/b": 7, "/c": 0 });
  });
});
