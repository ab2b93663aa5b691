import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { MAX_FORM_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/upload-limits";
import { proxy } from "./proxy";

const post = (length: number) =>
  new NextRequest("http://localhost:3000/statements/new?direction=outgoing", {
    method: "POST",
    headers: { "content-length": String(length), "content-type": "multipart/form-data; boundary=x" },
  });

describe("the proxy", () => {
  it("answers a form post larger than any form may be with 413 and a page that says why, under a script-free policy", async () => {
    const response = proxy(post(MAX_FORM_REQUEST_BYTES + 1));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'none'/);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain(TOO_LARGE_MESSAGE);
    expect(html).not.toMatch(/<script/i);
  });

  it("lets a post of the maximum size through to the app, with a per-request nonce policy", () => {
    const response = proxy(post(MAX_FORM_REQUEST_BYTES));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  });
});
