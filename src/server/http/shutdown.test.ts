/**
 * Graceful shutdown over real sockets (issue 19): an idle keep-alive connection used to keep the server (and its
 * port) for the 65 s keep-alive timeout; requests in flight must finish; the hooks run after them, in order,
 * bounded by the grace period.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isStopping } from "@/server/ops/process-state";
import { APP_SERVER_TIMEOUTS, createAppServer } from "./app-server";
import { createRequestLog } from "./request-log";
import { gracefulShutdown } from "./shutdown";

const silent = pino({ level: "silent" });
const servers: http.Server[] = [];

beforeEach(() => {
  (globalThis as { __liaisonProcess?: unknown }).__liaisonProcess = undefined;
});
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  (globalThis as { __liaisonProcess?: unknown }).__liaisonProcess = undefined;
});

async function start(handler: http.RequestListener) {
  const server = createAppServer(createRequestLog({ next: handler, log: silent, stopping: isStopping }), {
    ...APP_SERVER_TIMEOUTS,
    keepAliveTimeoutMs: 65_000,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** A keep-alive GET; resolves with the response and a promise of the socket's close. */
function keepAliveGet(port: number, agent: http.Agent, path = "/") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; closed: Promise<number> }>(
    (resolve, reject) => {
      const req = http.get({ port, host: "127.0.0.1", path, agent }, (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, closed }));
      });
      let closed!: Promise<number>;
      req.on("socket", (socket) => {
        closed = new Promise((r) => socket.once("close", () => r(Date.now())));
      });
      req.on("error", reject);
    },
  );
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

describe("graceful shutdown", () => {
  it("closes an idle keep-alive connection at once and frees the port (it used to wait for the 65 s keep-alive)", async () => {
    const { server, port } = await start((_req, res) => res.end("ok"));
    const agent = new http.Agent({ keepAlive: true });
    const first = await keepAliveGet(port, agent);
    expect(first.status).toBe(200);
    const began = Date.now();
    const report = await gracefulShutdown({ server, hooks: () => [], log: silent })("SIGTERM");
    expect(report.clean).toBe(true);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect((await first.closed) - began).toBeLessThan(1_000);
    expect(await portIsFree(port)).toBe(true);
    agent.destroy();
  });

  it("lets a request in flight finish (answered with Connection: close), then runs the hooks in order", async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { server, port } = await start(async (req, res) => {
      if (req.url === "/slow") await held;
      order.push(`answered ${req.url}`);
      res.end("done");
    });
    const agent = new http.Agent({ keepAlive: true });
    const idle = await keepAliveGet(port, agent, "/quick");
    const inFlight = keepAliveGet(port, new http.Agent({ keepAlive: true }), "/slow");
    await new Promise((r) => setTimeout(r, 50));
    const stopped = gracefulShutdown({
      server,
      log: silent,
      hooks: () => [
        { name: "mail worker", run: () => void order.push("mail worker stopped") },
        { name: "database", run: () => void order.push("database closed") },
      ],
    })("SIGTERM");
    expect(isStopping()).toBe(true);
    await idle.closed; // the idle connection went at once, while /slow still runs
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(["answered /quick"]);
    release();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: "done" });
    expect(answer.headers.connection).toBe("close");
    const report = await stopped;
    expect(report.clean).toBe(true);
    expect(order).toEqual(["answered /quick", "answered /slow", "mail worker stopped", "database closed"]);
    expect(await portIsFree(port)).toBe(true);
    agent.destroy();
  });

  it("cuts a request that does not finish in time, still runs the hooks, and ends within the grace period", async () => {
    const ran: string[] = [];
    const { server, port } = await start(() => {
      // never answers
    });
    const hanging = keepAliveGet(port, new http.Agent({ keepAlive: true }), "/forever").catch(() => "cut");
    await new Promise((r) => setTimeout(r, 50));
    const began = Date.now();
    const report = await gracefulShutdown({
      server,
      log: silent,
      graceMs: 600,
      requestsMs: 300,
      hooks: () => [
        { name: "database", run: () => void ran.push("database closed") },
        { name: "stuck", run: () => new Promise<void>(() => {}) },
        { name: "never reached", run: () => void ran.push("never") },
      ],
    })("SIGTERM");
    expect(await hanging).toBe("cut");
    expect(report.clean).toBe(false);
    expect(ran).toEqual(["database closed"]);
    expect(Date.now() - began).toBeLessThan(900);
    expect(await portIsFree(port)).toBe(true);
  });

  it("is one shutdown however many signals arrive", async () => {
    const { server } = await start((_req, res) => res.end("ok"));
    let runs = 0;
    const shutdown = gracefulShutdown({
      server,
      log: silent,
      hooks: () => [{ name: "count", run: () => void runs++ }],
    });
    await Promise.all([shutdown("SIGTERM"), shutdown("SIGINT"), shutdown("SIGTERM")]);
    expect(runs).toBe(1);
  });
});
