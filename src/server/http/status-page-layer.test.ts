/**
 * The status page layer over real HTTP, in front of a stand-in for Next.js that answers like it does: the
 * empty error shell (404/403/500, compressed or not, streamed), a real not-found page, ordinary pages.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageStatus } from "@/lib/status-pages";
import {
  createStatusPageLayer,
  decodeBody,
  isErrorShell,
  STATUS_TOKEN_HEADER,
  type StatusPage,
  statusPageFor,
  toStatusPage,
} from "./status-page-layer";

const SHELL = `<!DOCTYPE html><html id="__next_error__"><head><meta charSet="utf-8"/></head><body><div hidden=""></div><script nonce="n">self.__next_f.push([1,"x"])</script></body></html>`;
const TOKEN = "test-token";
const rendered: { status: PageStatus; path: string; cookie: string | undefined }[] = [];
let renderFails = false;

async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "/";
  if (url === "/thrown") throw new Error("render failed before any byte");
  if (url === "/compressed") {
    // Like Next.js's compression: wraps write/end on the response (over the layer's), writes gzip through them.
    const write = res.write as (chunk: Buffer) => boolean;
    const end = res.end as () => ServerResponse;
    const gzip = createGzip();
    gzip.on("data", (chunk: Buffer) => write.call(res, chunk));
    gzip.on("end", () => end.call(res));
    res.write = ((chunk: string) => gzip.write(chunk)) as typeof res.write;
    res.end = ((chunk?: string) => {
      if (chunk) gzip.write(chunk);
      gzip.end();
      return res;
    }) as typeof res.end;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("content-encoding", "gzip");
    res.write("<html><body>");
    gzip.flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
    res.write("compressed page");
    return void res.end("</body></html>");
  }
  const status = url.startsWith("/statements/9")
    ? 404
    : url.startsWith("/admin")
      ? 403
      : url.startsWith("/boom")
        ? 500
        : 200;
  res.statusCode = url === "/real-404" ? 404 : status;
  res.setHeader("content-type", url === "/api" ? "application/json" : "text/html; charset=utf-8");
  res.setHeader("content-security-policy", "default-src 'self'; script-src 'self' 'nonce-n'");
  if (url.includes("cookie")) res.setHeader("set-cookie", ["fresh=1"]);
  if (url === "/api") return void res.end(JSON.stringify({ error: "nope" }));
  if (url === "/real-404") return void res.end("<!DOCTYPE html><html lang=en><body><h1>Real page</h1></body></html>");
  if (status !== 200) {
    if (url.includes("gzip")) {
      res.setHeader("content-encoding", "gzip");
      return void res.end(gzipSync(SHELL));
    }
    // Streamed in pieces, after a pause, like React.
    res.write(SHELL.slice(0, 40));
    await new Promise((resolve) => setTimeout(resolve, 10));
    res.end(SHELL.slice(40));
    // Like Next.js's pipeline: its handler returns only once the response has finished.
    await new Promise((resolve) => res.once("finish", resolve));
    return;
  }
  res.write("<!DOCTYPE html><html><body><h1>A page</h1>");
  await new Promise((resolve) => setTimeout(resolve, 10));
  res.end("</body></html>");
}

const layer = createStatusPageLayer({
  next: fakeNext,
  token: TOKEN,
  render: async (status, path, req): Promise<StatusPage | null> => {
    rendered.push({ status, path, cookie: req.headers.cookie });
    if (renderFails) return null;
    return {
      headers: { "content-type": "text/html; charset=utf-8" },
      body: `<html><body><h1>Status ${status} for ${path}</h1></body></html>`,
    };
  },
});
let base = "";
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    Promise.resolve(layer(req, res)).catch(() => {
      if (!res.headersSent) res.statusCode = 599;
      res.end("layer threw");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("status page layer", () => {
  it.each([
    ["/statements/9999", 404, 404],
    ["/admin/people", 403, 403],
    ["/boom", 500, 500],
    ["/statements/9999?gzip", 404, 404],
  ])("the error shell of %s becomes the status page with status %i", async (path, status, page) => {
    rendered.length = 0;
    const response = await fetch(`${base}${path}`, { headers: { cookie: "liaison.session=abc" } });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(`<html><body><h1>Status ${page} for ${path}</h1></body></html>`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(rendered).toEqual([{ status: page, path, cookie: "liaison.session=abc" }]);
  });

  it("leaves wrappers Next.js puts on the response after it alone (compression)", async () => {
    const response = await fetch(`${base}/compressed`);
    expect([response.status, await response.text()]).toEqual([200, "<html><body>compressed page</body></html>"]);
  });

  it("keeps a cookie the original answer set", async () => {
    const response = await fetch(`${base}/statements/9?cookie`);
    expect(response.status).toBe(404);
    expect(response.headers.get("set-cookie")).toBe("fresh=1");
  });

  it("passes ordinary pages, real HTML error pages, non-HTML errors and non-document requests through unchanged", async () => {
    rendered.length = 0;
    const ok = await fetch(`${base}/statements`);
    expect([ok.status, await ok.text()]).toEqual([200, "<!DOCTYPE html><html><body><h1>A page</h1></body></html>"]);
    const real = await fetch(`${base}/real-404`);
    expect([real.status, await real.text()]).toEqual([
      404,
      "<!DOCTYPE html><html lang=en><body><h1>Real page</h1></body></html>",
    ]);
    const api = await fetch(`${base}/api`);
    expect(await api.text()).toBe('{"error":"nope"}');
    const rsc = await fetch(`${base}/statements/9999`, { headers: { rsc: "1" } });
    expect([rsc.status, await rsc.text()]).toEqual([404, SHELL]);
    const post = await fetch(`${base}/statements/9999`, { method: "POST" });
    expect(await post.text()).toBe(SHELL);
    expect(rendered).toEqual([]);
  });

  it("sends a self-contained page with the navigation when the status page cannot be rendered", async () => {
    renderFails = true;
    try {
      const response = await fetch(`${base}/statements/9999`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain("<h1>No public statement 9999</h1>");
      expect(html).toContain('<nav aria-label="Main">');
      expect(html).not.toContain("<script");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    } finally {
      renderFails = false;
    }
  });

  it("the status page route answers 404 from outside, and only the layer's own token passes", async () => {
    rendered.length = 0;
    const outside = await fetch(`${base}/error-page/404?path=%2Fstatements%2F1`, {
      headers: { [STATUS_TOKEN_HEADER]: "guess" },
    });
    expect(outside.status).toBe(404);
    expect(rendered).toEqual([{ status: 404, path: "/error-page/404?path=%2Fstatements%2F1", cookie: undefined }]);
    const inside = await fetch(`${base}/error-page/404`, { headers: { [STATUS_TOKEN_HEADER]: TOKEN } });
    expect([inside.status, await inside.text()]).toEqual([
      200,
      "<!DOCTYPE html><html><body><h1>A page</h1></body></html>",
    ]);
  });

  it("a render that throws before answering still reaches the server's own error handling", async () => {
    const response = await fetch(`${base}/thrown`);
    expect([response.status, await response.text()]).toEqual([599, "layer threw"]);
  });
});

describe("pure parts", () => {
  it("recognizes the error shell only", () => {
    expect(isErrorShell(SHELL)).toBe(true);
    expect(isErrorShell('<!DOCTYPE html><html lang="en"><body><p id="__next_error__"></p></body></html>')).toBe(false);
  });
  it("maps statuses", () => {
    expect([404, 401, 403, 500, 503, 200, 302, 410].map(statusPageFor)).toEqual([
      404,
      403,
      403,
      500,
      500,
      null,
      null,
      null,
    ]);
  });
  it("decodes what it can", () => {
    expect(decodeBody(gzipSync("héllo"), "gzip")).toBe("héllo");
    expect(decodeBody(Buffer.from("x"), "gzip")).toBeNull();
    expect(decodeBody(Buffer.from("x"), "zstd")).toBeNull();
  });
  it("makes the rendered status page script-free under a script-free policy", () => {
    const page = toStatusPage(
      200,
      {
        "content-type": "text/html",
        "content-security-policy": "default-src 'self'; script-src 'nonce-a'",
        "set-cookie": ["x=1"],
      },
      '<html><head><script nonce="a" src="/x.js"></script></head><body><h1>Hi</h1></body></html>',
    );
    expect(page?.body).toBe("<html><head></head><body><h1>Hi</h1></body></html>");
    expect(page?.headers["content-security-policy"]).toBe("default-src 'self'; script-src 'none'");
    expect(page?.headers["set-cookie"]).toBeUndefined();
    expect(toStatusPage(500, { "content-type": "text/html" }, "<html></html>")).toBeNull();
  });
});
