import { describe, expect, it } from "vitest";
import {
  acceptsGzip,
  type CachedPage,
  etagMatches,
  hasSessionCookie,
  isAnonymousPageRequest,
  isPublicPagePath,
  PageCache,
  scriptFreePolicy,
  toScriptFreeDocument,
} from "./public-pages";

describe("isPublicPagePath", () => {
  it.each([
    ["/", true],
    ["/statements", true],
    ["/statements/42", true],
    ["/directory", true],
    ["/directory/3gpp", true],
    ["/statements/new", false],
    ["/statements/42/edit", false],
    ["/statements/42/reply", false],
    ["/statements/42/attachments/1", false],
    ["/statements/save", false],
    ["/sign-in", false],
    ["/approvals", false],
    ["/desk", false],
    ["/admin", false],
    ["/api/v1/statements", false],
    ["/statements/", false],
  ])("%s → %s", (path, expected) => expect(isPublicPagePath(path)).toBe(expected));
});

describe("hasSessionCookie", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["theme=dark", false],
    ["liaison.session=abc", true],
    ["a=1; liaison.session=abc", true],
    ["__Secure-liaison.session=abc", true],
    ["liaison.session.0=abc; liaison.session.1=def", true],
    // next-auth reads every cookie whose name STARTS with the session cookie's name (issue 13, item 1).
    ["liaison.sessionX=abc", true],
    ["liaison.session.x=abc", true],
    ["liaison.sessionZ=abc", true],
    ["liaison.session-evil=abc", true],
    ["__Secure-liaison.session.x=abc", true],
    ["theme=dark;liaison.session.x=abc", true],
    ["theme=dark;\tliaison.session=abc", true],
    ["Liaison.Session=abc", false],
    ["xliaison.session=abc", false],
    ["next-auth.csrf-token=x", false],
  ])("%s → %s", (header, expected) => expect(hasSessionCookie(header)).toBe(expected));
});

describe("isAnonymousPageRequest", () => {
  const base = { method: "GET", url: "/statements?q=quic", headers: {} };
  it("accepts an anonymous GET or HEAD of a public page", () => {
    expect(isAnonymousPageRequest(base)).toBe(true);
    expect(isAnonymousPageRequest({ ...base, method: "HEAD" })).toBe(true);
  });
  it("refuses writes, signed-in visitors, client navigations, actions and prefetches", () => {
    expect(isAnonymousPageRequest({ ...base, method: "POST" })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, headers: { cookie: "liaison.session=x" } })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, headers: { rsc: "1" } })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, headers: { "next-action": "abc" } })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, headers: { "next-router-prefetch": "1" } })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, url: "/statements/new?direction=outgoing" })).toBe(false);
    expect(isAnonymousPageRequest({ ...base, url: undefined })).toBe(false);
  });
});

describe("toScriptFreeDocument", () => {
  const page = [
    `<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/css/a.css" nonce="abc"/>`,
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/x.js"/>',
    '<link rel="modulepreload" href="/_next/static/chunks/y.js"/>',
    '<script src="/_next/static/chunks/main.js" async="" nonce="abc"></script></head>',
    '<body><main><p title="nonce=&quot;x&quot;">a &lt;script&gt; in text stays text</p>',
    '<script nonce="abc">self.__next_f.push([1,"\\u003c/div\\u003e"])</script>',
    "<SCRIPT>alert(1)</SCRIPT ></main></body></html>",
  ].join("");

  it("removes every script element and script preload and keeps everything else", () => {
    const out = toScriptFreeDocument(page);
    expect(out).not.toBeNull();
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain("chunks/");
    expect(out).not.toMatch(/\snonce="/);
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/css/a.css"/>');
    expect(out).toContain('<p title="nonce=&quot;x&quot;">a &lt;script&gt; in text stays text</p>');
    expect(out).toContain("</main></body></html>");
  });

  it("leaves pages with streamed Suspense content alone (they need their scripts)", () => {
    expect(toScriptFreeDocument('<template id="B:0"></template><div hidden id="S:0">x</div>')).toBeNull();
  });
});

describe("scriptFreePolicy", () => {
  it("replaces the nonce-based script policy by script-src 'none' and keeps the rest", () => {
    const policy =
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
    expect(scriptFreePolicy(policy)).toBe(
      "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; script-src 'none'",
    );
    expect(scriptFreePolicy("script-src-elem 'nonce-x'; img-src 'self'")).toBe("img-src 'self'; script-src 'none'");
  });
});

describe("acceptsGzip / etagMatches", () => {
  it.each([
    [undefined, false],
    ["gzip, deflate, br", true],
    ["br", false],
    ["gzip;q=0, br", false],
    ["*", true],
    ["identity, *;q=0", false],
    ["GZIP;q=0.5", true],
  ])("accept-encoding %s → %s", (header, expected) => expect(acceptsGzip(header)).toBe(expected));

  it("compares entity tags weakly", () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches("*", 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});

describe("PageCache", () => {
  const page = (version: number, expires: number, size = 10): CachedPage => ({
    status: 200,
    headers: {},
    body: Buffer.alloc(size),
    gzip: Buffer.alloc(1),
    etag: 'W/"x"',
    version,
    expires,
  });

  it("misses after a write (version) and after the TTL", () => {
    let now = 1_000;
    const cache = new PageCache({ ttlMs: 100, maxBytes: 10_000, maxEntries: 10, now: () => now });
    cache.set("/a", page(1, 1_100));
    expect(cache.get("/a", 1)).toBeDefined();
    expect(cache.get("/a", 2)).toBeUndefined();
    cache.set("/a", page(2, 1_100));
    now = 1_100;
    expect(cache.get("/a", 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it("keeps within its entry and byte bounds, dropping the least recently used", () => {
    const cache = new PageCache({ ttlMs: 100, maxBytes: 100, maxEntries: 3, now: () => 0 });
    cache.set("/a", page(1, 50));
    cache.set("/b", page(1, 50));
    cache.set("/c", page(1, 50));
    cache.get("/a", 1); // recently used
    cache.set("/d", page(1, 50));
    expect(cache.get("/b", 1)).toBeUndefined();
    expect(cache.get("/a", 1)).toBeDefined();
    expect(cache.size).toBe(3);
    cache.set("/big", page(1, 50, 24)); // 25 bytes: fits (≤ a quarter of 100)
    expect(cache.bytes).toBeLessThanOrEqual(100);
    cache.set("/huge", page(1, 50, 40)); // over a quarter: never kept
    expect(cache.get("/huge", 1)).toBeUndefined();
  });
});
