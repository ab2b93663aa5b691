/**
 * The public page layer over real HTTP, in front of a stand-in for Next.js's handler that behaves like it:
 * sets headers, streams the document in chunks, carries a per-request nonce in its policy and scripts.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PublicDataState } from "@/lib/public-data-version";
import { createPublicPageLayer } from "./public-page-layer";
import { PageCache } from "./public-pages";

const data: PublicDataState = { version: 0, enabled: true };
const renders: {
  url: string;
  acceptEncoding: string | undefined;
  cookie: string | undefined;
  authorization: string | undefined;
}[] = [];
let now = 0;
const cache = new PageCache({ ttlMs: 15_000, maxBytes: 2 ** 20, maxEntries: 100, now: () => now });

async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "/";
  renders.push({
    url,
    acceptEncoding: req.headers["accept-encoding"] as string | undefined,
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
  });
  const nonce = Math.random().toString(36).slice(2);
  if (url.includes("redirect")) {
    res.writeHead(307, { location: "/statements" });
    res.end();
    return;
  }
  if (url.startsWith("/statements/999")) {
    res.statusCode = 404;
  }
  if (url.startsWith("/statements/boom")) throw new Error("render failed");
  if (url.includes("abandon")) {
    // Like Next.js: a render whose client went away is abandoned, the response never ended.
    if (res.destroyed || req.socket.destroyed) return;
    let gone = false;
    res.once("close", () => {
      gone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    if (gone) return;
  }
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-security-policy", `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("x-content-type-options", "nosniff");
  if (url.includes("cookie")) res.setHeader("set-cookie", "a=b");
  // Like next-auth behind any future auth change: whatever credentials reach the render personalise it.
  const signedIn = !!req.headers.cookie || !!req.headers.authorization;
  // Streams like React: head first, then the rest in later chunks.
  res.write(
    `<!DOCTYPE html><html><head><script src="/_next/static/chunks/main.js" nonce="${nonce}" async=""></script></head>`,
  );
  await new Promise((resolve) => setTimeout(resolve, url.includes("slow") ? 60 : 5));
  res.write(Buffer.from(`<body><h1>${signedIn ? "Signed in" : "Anonymous"} v${data.version} ${url}</h1>`));
  res.end(`<script nonce="${nonce}">self.__next_f.push([1,"x"])</script></body></html>`);
}

// The cache status header is for tests only (it tells a visitor whether someone else just asked for a URL).
const layer = createPublicPageLayer({ next: fakeNext, cache, data: () => data, cacheStatusHeader: true });
const productionLayer = createPublicPageLayer({ next: fakeNext, cache, data: () => data });
let base = "";
let productionBase = "";
let server: http.Server;
let productionServer: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    Promise.resolve(layer(req, res)).catch(() => {
      res.statusCode = 500;
      res.end("failed");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  productionServer = http.createServer((req, res) => void productionLayer(req, res));
  await new Promise<void>((resolve) => productionServer.listen(0, "127.0.0.1", resolve));
  productionBase = `http://127.0.0.1:${(productionServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => productionServer.close(() => resolve()));
});
beforeEach(() => {
  renders.length = 0;
  cache.clear();
  data.version++;
  data.enabled = true;
  now = 0;
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET", origin = base): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the public page layer", () => {
  it("serves an anonymous public page without scripts and with script-src 'none', then from memory", async () => {
    const first = await get("/statements?q=quic");
    expect(first.status).toBe(200);
    expect(first.headers["x-page-cache"]).toBe("miss");
    const html = first.body.toString();
    expect(html).toContain("<h1>Anonymous");
    expect(html).not.toMatch(/<script/i);
    expect(first.headers["content-security-policy"]).toBe("default-src 'self'; script-src 'none'");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers.vary).toBe("Cookie, Accept-Encoding");
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    expect(Number(first.headers["content-length"])).toBe(first.body.byteLength);

    const second = await get("/statements?q=quic");
    expect(second.headers["x-page-cache"]).toBe("hit");
    expect(second.body.equals(first.body)).toBe(true);
    expect(renders).toHaveLength(1);
    // Next.js was asked for an uncompressed render: the layer transforms, then compresses.
    expect(renders[0]?.acceptEncoding).toBeUndefined();
  });

  it("renders again after a write (data version) and after the TTL", async () => {
    await get("/directory");
    data.version++;
    const afterWrite = await get("/directory");
    expect(afterWrite.headers["x-page-cache"]).toBe("miss");
    expect(afterWrite.body.toString()).toContain(`v${data.version}`);
    now += 15_000;
    expect((await get("/directory")).headers["x-page-cache"]).toBe("miss");
    expect(renders).toHaveLength(3);
  });

  it("never serves from memory when the cache is off", async () => {
    data.enabled = false;
    await get("/directory");
    const again = await get("/directory");
    expect(again.headers["x-page-cache"]).toBe("miss");
    expect(again.body.toString()).not.toMatch(/<script/i);
    expect(renders).toHaveLength(2);
  });

  it("leaves signed-in visitors, other pages and non-GET requests to Next.js untouched", async () => {
    const signedIn = await get("/statements", { cookie: "liaison.session.x=abc" });
    expect(signedIn.headers["x-page-cache"]).toBeUndefined();
    expect(signedIn.body.toString()).toContain("<h1>Signed in");
    expect(signedIn.body.toString()).toMatch(/<script nonce=/);
    expect(signedIn.headers["content-security-policy"]).toMatch(/'nonce-/);
    const form = await get("/statements/new");
    expect(form.body.toString()).toMatch(/<script/);
    const rsc = await get("/statements", { rsc: "1" });
    expect(rsc.headers["x-page-cache"]).toBeUndefined();
    expect(renders).toHaveLength(3);
  });

  it("compresses for clients that accept gzip, and answers a matching If-None-Match with 304", async () => {
    const plain = await get("/statements/12");
    const zipped = await get("/statements/12", { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    const revalidated = await get("/statements/12", { "if-none-match": String(plain.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.byteLength).toBe(0);
    const head = await get("/statements/12", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(String(plain.body.byteLength));
    expect(renders).toHaveLength(1);
  });

  it("strips but never keeps a page that is not a 200 or that sets a cookie; passes redirects through", async () => {
    const missing = await get("/statements/999");
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).not.toMatch(/<script/i);
    await get("/statements/999");
    await get("/statements?cookie=1");
    const withCookie = await get("/statements?cookie=1");
    expect(withCookie.headers["set-cookie"]).toEqual(["a=b"]);
    expect(withCookie.headers["x-page-cache"]).toBe("miss");
    const redirect = await get("/statements?redirect");
    expect(redirect.status).toBe(307);
    expect(redirect.headers.location).toBe("/statements");
    expect(redirect.headers["x-page-cache"]).toBeUndefined();
    expect(renders).toHaveLength(5);
  });

  it("renders a URL once for many simultaneous first visitors", async () => {
    const replies = await Promise.all(Array.from({ length: 12 }, () => get("/directory/slow")));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.body.toString())).size).toBe(1);
    expect(renders).toHaveLength(1);
  });

  it("does not hang on a render whose visitor left: the next visitor of that URL gets the page", async () => {
    const controller = new AbortController();
    const left = fetch(`${base}/directory/abandon`, { signal: controller.signal }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await left).toBe("AbortError");
    const next = await Promise.race([
      get("/directory/abandon"),
      new Promise<Reply>((_, reject) => setTimeout(() => reject(new Error("the layer hung")), 2_000)),
    ]);
    expect(next.status).toBe(200);
    expect(next.body.toString()).toContain("/directory/abandon");
    // 2 renders, or 1 when the first visitor was gone before its render could start (a loaded machine)
    expect(renders.length).toBeGreaterThanOrEqual(1);
  });

  it("does not hang when the visitor left before the render started (a slow start under load)", async () => {
    // A layer in front that awaits something first (as the status-page layer may): the client is gone
    // before the public page layer registers for "close".
    const late = http.createServer((req, res) => {
      setTimeout(() => void productionLayer(req, res), 60);
    });
    await new Promise<void>((resolve) => late.listen(0, "127.0.0.1", resolve));
    const lateBase = `http://127.0.0.1:${(late.address() as AddressInfo).port}`;
    try {
      const controller = new AbortController();
      const left = fetch(`${lateBase}/directory/abandon-early`, { signal: controller.signal }).catch(
        (e: Error) => e.name,
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      controller.abort();
      expect(await left).toBe("AbortError");
      await new Promise((resolve) => setTimeout(resolve, 120));
      const next = await Promise.race([
        get("/directory/abandon-early", {}, "GET", lateBase),
        new Promise<Reply>((_, reject) => setTimeout(() => reject(new Error("the layer hung")), 2_000)),
      ]);
      expect(next.status).toBe(200);
    } finally {
      late.closeAllConnections();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });

  it("reports a failed render as a failure and does not keep it", async () => {
    expect((await get("/statements/boom")).status).toBe(500);
    expect((await get("/statements/boom")).status).toBe(500);
    expect(renders).toHaveLength(2);
  });

  it("renders the page it keeps for everyone WITHOUT the visitor's credentials, whatever they are named", async () => {
    // Cookies and headers the layer does not take for a session still reach nobody's render: a signed-in page
    // can never become the anonymous page, whatever next-auth (or a later auth change) reads.
    const attempts: Record<string, string>[] = [
      { cookie: "theme=dark" },
      { cookie: "Liaison.Session=real-token" },
      { cookie: "session=real-token; theme=dark" },
      { authorization: "Bearer real-token" },
      { cookie: "x=1", authorization: "Basic c2VjcmV0YXJpYXQ6bGlhaXNvbg==" },
    ];
    const reference = await get("/statements/37?ref");
    expect(reference.body.toString()).toContain("<h1>Anonymous");
    for (const [i, headers] of attempts.entries()) {
      const url = `/statements/37?ref`.replace("ref", `try${i}`);
      const attack = await get(url, headers);
      expect(attack.body.toString(), JSON.stringify(headers)).toContain("<h1>Anonymous");
      const visitor = await get(url);
      expect(visitor.headers["x-page-cache"]).toBe("hit");
      expect(visitor.body.toString().replace(url, "/statements/37?ref")).toBe(reference.body.toString());
    }
    expect(renders.every((r) => r.cookie === undefined && r.authorization === undefined)).toBe(true);
  });

  it("does not tell visitors whether a URL was just requested by someone else (no x-page-cache by default)", async () => {
    const first = await get("/statements?q=secret-search", {}, "GET", productionBase);
    const second = await get("/statements?q=secret-search", {}, "GET", productionBase);
    expect(first.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(first.headers["x-page-cache"]).toBeUndefined();
    expect(second.headers["x-page-cache"]).toBeUndefined();
    expect(renders).toHaveLength(1);
  });
});
