import type { APIResponse, Page, Response } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

/** Public pages: anonymous visitors get script-free documents (ADR 008); signed-in visitors the full app. */
const PUBLIC_PAGES = ["/", "/statements", "/statements?q=quic&sort=title", "/directory", "/directory/3gpp"];
/** Pages always rendered per request, with scripts allowed only by this response's nonce. */
// /admin signed out is a 403: error pages are served script-free by the status page layer (ADR 014,
// e2e/status-pages.spec.ts), so it is no longer a nonce page.
const NONCE_PAGES = ["/sign-in", "/approvals", "/no-such-page"];

function expectCommonHeaders(headers: Record<string, string>) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
}

/** Every script tag the server sends carries this response's nonce, and a second request gets another. */
async function expectNonceRegime(
  page: Page,
  path: string,
  response: Response | APIResponse,
  again: () => Promise<APIResponse>,
) {
  const headers = response.headers();
  expectCommonHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `${path}: ${csp}`).toBeTruthy();
  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  expect((await again()).headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  await page.waitForLoadState("networkidle");
}

function collectViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test.describe("security headers", () => {
  for (const path of PUBLIC_PAGES) {
    test(`${path} (anonymous): a script-free document under script-src 'none', no framing, no sniffing`, async ({
      page,
    }) => {
      const violations = collectViolations(page);
      const response = await page.goto(path);
      expect(response!.status()).toBe(200);
      const headers = response!.headers();
      expectCommonHeaders(headers);
      expect(headers["content-security-policy"]).toMatch(/(^|; )script-src 'none'(;|$)/);
      expect(headers.vary).toContain("Cookie");
      const html = await response!.text();
      expect(html).not.toMatch(/<script\b/i);
      expect(html).not.toMatch(/\snonce="/);
      expect(html).not.toMatch(/<link[^>]+as="script"/);
      // The page is complete and usable as a document: its content and stylesheet are there.
      expect(html).toMatch(/<main id="main"/);
      expect(html).toMatch(/<link rel="stylesheet" href="\/_next\/static\//);
      const scripts = await page.evaluate(() => document.scripts.length);
      expect(scripts).toBe(0);
      await page.waitForLoadState("networkidle");
      expect(violations).toEqual([]);
    });
  }

  for (const path of NONCE_PAGES) {
    test(`${path}: strict CSP with a per-request nonce, no framing, no sniffing`, async ({ page }) => {
      const violations = collectViolations(page);
      const response = await page.goto(path);
      await expectNonceRegime(page, path, response!, () => page.request.get(path));
      expect(violations).toEqual([]);
    });
  }

  test("signed in, public pages are the full app under the nonce policy", async ({ page }) => {
    await signIn(page, "chair@example.org");
    const violations = collectViolations(page);
    for (const path of ["/statements", "/directory"]) {
      const response = await page.goto(path);
      expect(response!.headers()["x-page-cache"]).toBeUndefined();
      await expectNonceRegime(page, path, response!, () => page.request.get(path));
      await expect(page.getByRole("button", { name: /sign out/i })).toBeVisible();
    }
    expect(violations).toEqual([]);
  });
});
