/**
 * Slow clients against the app's HTTP server over a real socket (issue 13, item 7): the headers and the
 * request must arrive within the server's timeouts, not Node's 60 s / 300 s.
 */
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { APP_SERVER_TIMEOUTS, type AppServerTimeouts, createAppServer } from "./app-server";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start(timeouts: AppServerTimeouts): Promise<number> {
  const server = createAppServer(async (req, res) => {
    for await (const _ of req) {
      // read the whole body, like a form handler
    }
    res.end("ok");
  }, timeouts);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return (server.address() as AddressInfo).port;
}

/** Sends `head`, then one byte of `drip` every 200 ms; resolves with the answer and when the server closed. */
function slowClient(port: number, head: string, drip: string): Promise<{ answer: string; afterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1", () => socket.write(head));
    let answer = "";
    let i = 0;
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip[i++ % drip.length] ?? "a");
    }, 200);
    socket.on("data", (c) => {
      answer += c.toString();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, afterMs: Date.now() - started });
    });
  });
}

const SHORT: AppServerTimeouts = {
  headersTimeoutMs: 1_000,
  requestTimeoutMs: 2_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 250,
};

describe("the app's HTTP server", () => {
  it("has a headers timeout far below Node's (60 s, checked every 30 s) and room for a slow signed-in upload", () => {
    expect(APP_SERVER_TIMEOUTS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    // 110 MB at 1 Mbit/s takes about 15 minutes; anonymous bodies are cut at 10 s by the request guard.
    const mbitPerSecond = (110 * 8 * 1.048576) / (APP_SERVER_TIMEOUTS.requestTimeoutMs / 1000);
    expect(mbitPerSecond).toBeLessThanOrEqual(1.1);
    expect(APP_SERVER_TIMEOUTS.requestTimeoutMs).toBeLessThanOrEqual(900_000);
    expect(APP_SERVER_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(1_000);
  });

  it("closes a connection whose headers trickle in, once the headers timeout has passed", async () => {
    const port = await start(SHORT);
    const { answer, afterMs } = await slowClient(port, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", "abcdef");
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(900);
    expect(afterMs).toBeLessThan(2_500);
  });

  it("closes a connection whose body trickles in, once the request timeout has passed", async () => {
    const port = await start(SHORT);
    const { answer, afterMs } = await slowClient(
      port,
      "POST /statements/save HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n",
      "a",
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(1_900);
    expect(afterMs).toBeLessThan(3_500);
  });

  it("answers a client that sends in time", async () => {
    const port = await start(SHORT);
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "x".repeat(1000) });
    expect(await response.text()).toBe("ok");
  });
});
