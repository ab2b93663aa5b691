import { expect, test } from "./support/fixtures";

const PAGES = ["/", "/statements", "/directory", "/directory/3gpp", "/sign-in", "/approvals", "/admin", "/no-such-page"];

test.describe("security headers", () => {
  for (const path of PAGES) {
    test(`${path}: strict CSP with a per-request nonce, no framing, no sniffing`, async ({ page }) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto(path);
      const headers = response!.headers();
      const csp = headers["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      // Every script tag the server sends carries this response's nonce (scripts those load are trusted
      // through 'strict-dynamic'), and the browser blocked nothing while the page ran.
      const html = await response!.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
      await page.waitForLoadState("networkidle");
      expect(violations).toEqual([]);
      // A second request gets a different nonce.
      const again = await page.request.get(path);
      expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    });
  }
});
